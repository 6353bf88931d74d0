import type { OffsetStorageReader } from '../../api/connector/source-task.ts';
import type { SourceMap } from '../../api/record/source-record.ts';
import type { OffsetStore } from '../../stores/offset-store.ts';
import { partitionKey } from '../../stores/partition-key.ts';

/** The committed offsets of one connector, as its tasks read them (Kafka Connect's `OffsetStorageReaderImpl`). */
export class StoreOffsetReader implements OffsetStorageReader {
  readonly #store: OffsetStore;
  readonly #connector: string;

  constructor(store: OffsetStore, connector: string) {
    this.#store = store;
    this.#connector = connector;
  }

  async offset(partition: SourceMap): Promise<SourceMap | null> {
    return (await this.offsets([partition])).get(partition) ?? null;
  }

  async offsets(partitions: readonly SourceMap[]): Promise<ReadonlyMap<SourceMap, SourceMap | null>> {
    const stored = partitions.length === 0 ? new Map<string, SourceMap>() : await this.#store.get(this.#connector, partitions);
    return new Map(partitions.map((partition) => [partition, stored.get(partitionKey(partition)) ?? null]));
  }
}
