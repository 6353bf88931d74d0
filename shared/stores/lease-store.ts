/**
 * Task leases. A run of a task holds its task's lease while it works and every offset commit is
 * conditional on it, so two overlapping runs (a late schedule, a Lambda retry) never both move
 * offsets.
 *
 * Clocks: the expiry is an epoch-ms number the holder computes from its own clock (now + ttl); a
 * would-be taker compares it with its own clock. No clock is shared, so the rule assumes clocks
 * agree to well under the ttl (Lambda hosts are NTP-synchronised to milliseconds; keep ttl in
 * seconds or more). A taker whose clock runs ahead may take a lease early: then two runs overlap
 * for that skew, which can duplicate records (at-least-once allows it) but never lets the old
 * holder commit, because a commit also requires the lease's owner to still be the committer.
 */
export interface LeaseStore {
  /** Takes the lease if it is free, expired, or already `owner`'s; LeaseHeldError names the holder otherwise. */
  acquire(connector: string, taskId: number, request: LeaseRequest): Promise<LeaseToken>;
  /** Extends a lease still held and unexpired; LeaseLostError otherwise. */
  renew(token: LeaseToken, ttlMs: number): Promise<LeaseToken>;
  /** Gives the lease up if it is still the token's owner's; false when it was not (nothing changed). */
  release(token: LeaseToken): Promise<boolean>;
  /** The lease as stored, expired or not. */
  get(connector: string, taskId: number): Promise<Lease | undefined>;
}

export interface LeaseRequest {
  /** Unique per run (e.g. the Lambda request id), so two runs are never taken for one. */
  readonly owner: string;
  readonly ttlMs: number;
  /** The task-config generation the run works for. */
  readonly generation: number;
}

export interface Lease {
  readonly owner: string;
  readonly generation: number;
  /** Epoch milliseconds by the holder's clock. */
  readonly expiresAt: number;
}

/** Proof of a held lease, passed to `OffsetStore.commit`. */
export interface LeaseToken extends Lease {
  readonly connector: string;
  readonly taskId: number;
}
