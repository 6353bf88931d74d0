import { RETRY_FOREVER } from './sink-connector-config.ts';

/** Kafka Connect's `RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS`: the first backoff. */
export const RETRY_DELAY_MIN_MS = 300;

/** What a retry loop needs from the outside world; injected so tests need not wait. */
export interface RetryClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const systemClock: RetryClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface RetryPolicy {
  /** `errors.retry.timeout`: 0 no retries, -1 until `deadline`. */
  readonly timeoutMs: number;
  /** `errors.retry.delay.max.ms`. */
  readonly delayMaxMs: number;
  /** Epoch ms after which no retry starts whatever the timeout says (the invocation's time budget). */
  readonly deadline?: number;
}

/**
 * Runs `operation`, retrying it while `isRetriable(error)` and time is left, with Kafka Connect's
 * backoff (`RetryWithToleranceOperator.backoff`): 300 ms doubling per attempt; past
 * `errors.retry.delay.max.ms` a random delay below it; never sleeping past the deadline. Once
 * time is up the last error is thrown.
 */
export async function withRetries<T>(
  operation: () => Promise<T> | T,
  isRetriable: (error: unknown) => boolean,
  policy: RetryPolicy,
  clock: RetryClock = systemClock,
  /** The error of a first attempt the caller already made (synchronously), which counts as attempt 1. */
  firstFailure?: { readonly error: unknown },
): Promise<T> {
  const start = clock.now();
  const byTimeout = policy.timeoutMs === RETRY_FOREVER || policy.timeoutMs < 0 ? Number.POSITIVE_INFINITY : start + policy.timeoutMs;
  const deadline = Math.min(byTimeout, policy.deadline ?? Number.POSITIVE_INFINITY);
  for (let attempt = 1; ; attempt++) {
    try {
      if (attempt === 1 && firstFailure !== undefined) throw firstFailure.error;
      return await operation();
    } catch (error) {
      if (!isRetriable(error) || clock.now() >= deadline) throw error;
      await clock.sleep(backoffDelay(attempt, deadline, policy.delayMaxMs, clock));
    }
  }
}

/** The sleep before retry number `attempt`, as Kafka Connect computes it. */
export function backoffDelay(attempt: number, deadline: number, delayMaxMs: number, clock: RetryClock): number {
  let delay = RETRY_DELAY_MIN_MS * 2 ** (attempt - 1);
  if (delay > delayMaxMs) delay = Math.floor(clock.random() * delayMaxMs);
  const now = clock.now();
  if (delay + now > deadline) delay = Math.max(0, deadline - now);
  return delay;
}
