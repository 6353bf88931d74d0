import type { SourceMap } from '../api/record/source-record.ts';
import type { LeaseToken } from './lease-store.ts';

/** One partition's offset to write; a null offset removes the partition's offset. */
export interface OffsetEntry {
  readonly partition: SourceMap;
  readonly offset: SourceMap | null;
}

export interface StoredOffset {
  readonly partition: SourceMap;
  readonly offset: SourceMap;
}

/**
 * Source offsets, keyed as Kafka Connect keys them: by connector and source partition (Kafka
 * Connect's `OffsetBackingStore`). Keys of the maps returned are `partitionKey(partition)`.
 */
export interface OffsetStore {
  /** The stored offsets of those partitions, by `partitionKey`; partitions without one are absent. */
  get(connector: string, partitions: readonly SourceMap[]): Promise<Map<string, SourceMap>>;
  /** Every stored offset of the connector, in key order. */
  list(connector: string): Promise<StoredOffset[]>;
  /**
   * Writes offsets only while `lease` is still held (its owner matches and it has not expired by
   * the committer's clock); LeaseLostError otherwise. Entries for one partition: the last wins.
   * Up to 99 entries are written atomically; a bigger commit is split, and if the lease is lost
   * midway the earlier parts stay written (each is a valid, acked position of its partitions).
   */
  commit(connector: string, entries: readonly OffsetEntry[], lease: LeaseToken): Promise<void>;
  /** Writes (or, for null offsets, removes) offsets without a lease: the REST API's PATCH on a STOPPED connector. */
  alter(connector: string, entries: readonly OffsetEntry[]): Promise<void>;
  /** Removes every offset of the connector. */
  reset(connector: string): Promise<void>;
}
