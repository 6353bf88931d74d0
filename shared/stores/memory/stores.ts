import type { Clock, Stores } from '../stores.ts';
import { MemoryConfigStore } from './config-store.ts';
import { MemoryLeaseStore } from './lease-store.ts';
import { MemoryOffsetStore } from './offset-store.ts';
import { MemoryStatusStore } from './status-store.ts';
import { MemoryTable } from './table.ts';

/** The four stores in memory, sharing one table: for unit tests of other components only. */
export function createMemoryStores(options: { readonly table?: MemoryTable; readonly clock?: Clock } = {}): Stores {
  const shared = { table: options.table ?? new MemoryTable(), ...(options.clock === undefined ? {} : { clock: options.clock }) };
  return {
    configs: new MemoryConfigStore(shared),
    offsets: new MemoryOffsetStore(shared),
    statuses: new MemoryStatusStore(shared),
    leases: new MemoryLeaseStore(shared),
    close: () => undefined,
  };
}
