import type { SourceMap } from '../../api/record/source-record.ts';
import { LeaseLostError } from '../errors.ts';
import type { LeaseToken } from '../lease-store.ts';
import type { OffsetEntry, OffsetStore, StoredOffset } from '../offset-store.ts';
import { canonicalJson, compareUtf8, type KeyedOffsetEntry, latestEntries, offsetKeyOf, partitionKey } from '../partition-key.ts';
import type { Clock } from '../stores.ts';
import { copy, type MemoryConnector, type MemoryStoreOptions, type MemoryTable, settle } from './table.ts';

/** The in-memory OffsetStore: same results, same errors, same conditions as DynamoDbOffsetStore. */
export class MemoryOffsetStore implements OffsetStore {
  readonly #table: MemoryTable;
  readonly #clock: Clock;

  constructor(options: MemoryStoreOptions) {
    this.#table = options.table;
    this.#clock = options.clock ?? Date.now;
  }

  get(connector: string, partitions: readonly SourceMap[]): Promise<Map<string, SourceMap>> {
    return settle(() => {
      const offsets = new Map<string, SourceMap>();
      const stored = this.#table.peek(connector)?.offsets;
      for (const partition of partitions) {
        const key = partitionKey(partition);
        const found = stored?.get(offsetKeyOf(key));
        if (found !== undefined) offsets.set(key, copy(found.offset));
      }
      return offsets;
    });
  }

  list(connector: string): Promise<StoredOffset[]> {
    return settle(() => {
      const stored = this.#table.peek(connector)?.offsets ?? new Map<string, StoredOffset>();
      return [...stored.keys()].sort(compareUtf8).map((key) => copy(stored.get(key) as StoredOffset));
    });
  }

  commit(connector: string, entries: readonly OffsetEntry[], lease: LeaseToken): Promise<void> {
    return settle(() => {
      if (lease.connector !== connector) throw new LeaseLostError(connector, lease.taskId, lease.owner, undefined);
      const latest = latestEntries(entries);
      if (latest.length === 0) return;
      const held = this.#table.peek(connector)?.leases.get(lease.taskId);
      if (held === undefined || held.owner !== lease.owner || held.expiresAt <= this.#clock())
        throw new LeaseLostError(connector, lease.taskId, lease.owner, held?.owner);
      this.#write(this.#table.connector(connector), latest);
    });
  }

  alter(connector: string, entries: readonly OffsetEntry[]): Promise<void> {
    return settle(() => this.#write(this.#table.connector(connector), latestEntries(entries)));
  }

  reset(connector: string): Promise<void> {
    return settle(() => this.#table.peek(connector)?.offsets.clear());
  }

  #write(entry: MemoryConnector, latest: readonly KeyedOffsetEntry[]): void {
    for (const { offset, key, itemKey } of latest) {
      if (offset === null) entry.offsets.delete(itemKey);
      // Stored as DynamoDB stores them: canonical JSON, read back.
      else entry.offsets.set(itemKey, { partition: JSON.parse(key) as SourceMap, offset: JSON.parse(canonicalJson(offset)) as SourceMap });
    }
  }
}
