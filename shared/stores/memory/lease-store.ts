import { LeaseHeldError, LeaseLostError } from '../errors.ts';
import type { Lease, LeaseRequest, LeaseStore, LeaseToken } from '../lease-store.ts';
import type { Clock } from '../stores.ts';
import { copy, type MemoryStoreOptions, type MemoryTable, settle } from './table.ts';

/** The in-memory LeaseStore: same results, same errors, same conditions as DynamoDbLeaseStore. */
export class MemoryLeaseStore implements LeaseStore {
  readonly #table: MemoryTable;
  readonly #clock: Clock;

  constructor(options: MemoryStoreOptions) {
    this.#table = options.table;
    this.#clock = options.clock ?? Date.now;
  }

  acquire(connector: string, taskId: number, request: LeaseRequest): Promise<LeaseToken> {
    return settle(() => {
      const now = this.#clock();
      const leases = this.#table.connector(connector).leases;
      const held = leases.get(taskId);
      if (held !== undefined && held.expiresAt > now && held.owner !== request.owner)
        throw new LeaseHeldError(connector, taskId, held.owner, held.expiresAt);
      const token: LeaseToken = { connector, taskId, owner: request.owner, generation: request.generation, expiresAt: now + request.ttlMs };
      leases.set(taskId, { owner: token.owner, generation: token.generation, expiresAt: token.expiresAt });
      return token;
    });
  }

  renew(token: LeaseToken, ttlMs: number): Promise<LeaseToken> {
    return settle(() => {
      const now = this.#clock();
      const held = this.#table.peek(token.connector)?.leases.get(token.taskId);
      if (held === undefined || held.owner !== token.owner || held.expiresAt <= now)
        throw new LeaseLostError(token.connector, token.taskId, token.owner, held?.owner);
      const renewed = { ...token, expiresAt: now + ttlMs };
      this.#table.connector(token.connector).leases.set(token.taskId, { ...held, expiresAt: renewed.expiresAt });
      return renewed;
    });
  }

  release(token: LeaseToken): Promise<boolean> {
    return settle(() => {
      const leases = this.#table.peek(token.connector)?.leases;
      if (leases?.get(token.taskId)?.owner !== token.owner) return false;
      leases.delete(token.taskId);
      return true;
    });
  }

  get(connector: string, taskId: number): Promise<Lease | undefined> {
    return settle(() => copy(this.#table.peek(connector)?.leases.get(taskId)));
  }
}
