import type { ConnectorConfig, ConnectorConfigRecord } from '../config-store.ts';
import type { Lease } from '../lease-store.ts';
import type { StoredOffset } from '../offset-store.ts';
import type { ConnectorStatus, TaskStatus } from '../status-store.ts';
import type { Clock } from '../stores.ts';

/** Everything stored about one connector: the memory twin of its DynamoDB item collection. */
export interface MemoryConnector {
  config?: ConnectorConfigRecord;
  tasks?: { generation: number; tasks: ConnectorConfig[] };
  status?: ConnectorStatus;
  readonly taskStatuses: Map<number, TaskStatus>;
  /** By the partition's sort-key part (`offsetKeyOf`), so listing orders as DynamoDB does. */
  readonly offsets: Map<string, StoredOffset>;
  readonly leases: Map<number, Lease>;
}

/**
 * The memory stores' one shared "table", for unit tests of other components. Each store method
 * reads and writes it without awaiting in between, so every call is atomic, as a conditional
 * DynamoDB write is; values are copied in and out so callers never share them.
 */
export class MemoryTable {
  readonly #connectors = new Map<string, MemoryConnector>();

  /** The connector's items, created empty when absent. */
  connector(name: string): MemoryConnector {
    let entry = this.#connectors.get(name);
    if (entry === undefined) {
      entry = { taskStatuses: new Map(), offsets: new Map(), leases: new Map() };
      this.#connectors.set(name, entry);
    }
    return entry;
  }

  peek(name: string): MemoryConnector | undefined {
    return this.#connectors.get(name);
  }

  names(): string[] {
    return [...this.#connectors.keys()];
  }

  /** Forgets every item of the connector. */
  remove(name: string): void {
    this.#connectors.delete(name);
  }
}

/** What every memory store is built from. */
export interface MemoryStoreOptions {
  readonly table: MemoryTable;
  readonly clock?: Clock;
}

export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Resolves on a later tick, as an I/O call would, so callers cannot come to rely on synchronous results. */
export function settle<T>(compute: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(compute());
      } catch (error) {
        reject(error);
      }
    });
  });
}
