import type { ConfigStore } from './config-store.ts';
import type { LeaseStore } from './lease-store.ts';
import type { OffsetStore } from './offset-store.ts';
import type { StatusStore } from './status-store.ts';

/** Epoch milliseconds now; injected so tests can move time (lease expiry). */
export type Clock = () => number;

/** The four stores of one deployment, sharing one table. */
export interface Stores {
  readonly configs: ConfigStore;
  readonly offsets: OffsetStore;
  readonly statuses: StatusStore;
  readonly leases: LeaseStore;
  /** Releases the client the stores were built with (a no-op for memory stores). */
  close(): void;
}
