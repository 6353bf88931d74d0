import { LeaseLostError } from '../../stores/errors.ts';
import type { LeaseStore, LeaseToken } from '../../stores/lease-store.ts';

/**
 * Keeps a task lease alive while a run works: renews it every `intervalMs` with the ttl
 * `ttlMs()` gives at that moment, and reports once when it is lost (another run took it, or it
 * expired before a renewal got through). A failed renewal that is not a loss (the store was
 * unreachable) is retried at the next tick; the lease's own expiry is the safety net.
 */
export class LeaseKeeper {
  readonly #leases: LeaseStore;
  readonly #ttlMs: () => number;
  readonly #onLost: (error: LeaseLostError) => void;
  readonly #onError: (error: unknown) => void;
  #token: LeaseToken;
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<void> | undefined;
  #lost: LeaseLostError | undefined;

  constructor(
    leases: LeaseStore,
    token: LeaseToken,
    options: {
      readonly intervalMs: number;
      readonly ttlMs: () => number;
      readonly onLost: (error: LeaseLostError) => void;
      readonly onError?: (error: unknown) => void;
    },
  ) {
    this.#leases = leases;
    this.#token = token;
    this.#ttlMs = options.ttlMs;
    this.#onLost = options.onLost;
    this.#onError = options.onError ?? (() => undefined);
    this.#timer = setInterval(() => {
      this.#renewing ??= this.renew().finally(() => {
        this.#renewing = undefined;
      });
    }, options.intervalMs);
    this.#timer.unref();
  }

  /** The latest token: what offset commits are conditional on. */
  get token(): LeaseToken {
    return this.#token;
  }

  get lost(): LeaseLostError | undefined {
    return this.#lost;
  }

  async renew(): Promise<void> {
    if (this.#lost !== undefined) return;
    try {
      this.#token = await this.#leases.renew(this.#token, this.#ttlMs());
    } catch (error) {
      if (error instanceof LeaseLostError) this.markLost(error);
      else this.#onError(error);
    }
  }

  /** Records a loss found elsewhere (a refused commit) and stops renewing. */
  markLost(error: LeaseLostError): void {
    if (this.#lost !== undefined) return;
    this.#lost = error;
    this.stop();
    this.#onLost(error);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Stops renewing and gives the lease up (false when it was no longer ours). */
  async release(): Promise<boolean> {
    this.stop();
    await this.#renewing;
    if (this.#lost !== undefined) return false;
    return this.#leases.release(this.#token);
  }
}
