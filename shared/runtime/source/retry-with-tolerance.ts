import { ConnectException } from '../../api/errors.ts';
import { CopycatError } from '../../errors.ts';
import { StageError } from '../stage.ts';

/** Kafka Connect's first retry delay (`RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS`). */
export const RETRIES_DELAY_MIN_MS = 300;

/** The `errors.*` settings that decide what a failed record does. */
export interface ToleranceSettings {
  /** `errors.retry.timeout`: ms to keep retrying retriable failures; 0 none, -1 forever. */
  readonly retryTimeoutMs: number;
  /** `errors.retry.delay.max.ms`. */
  readonly retryDelayMaxMs: number;
  /** `errors.tolerance=all`. */
  readonly toleratesAll: boolean;
}

export function toleranceSettings(props: Readonly<Record<string, string>>): ToleranceSettings {
  const number = (key: string, fallback: number) => {
    const raw = props[key]?.trim();
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    return Number.isFinite(value) ? value : fallback;
  };
  return {
    retryTimeoutMs: number('errors.retry.timeout', 0),
    retryDelayMaxMs: number('errors.retry.delay.max.ms', 60_000),
    toleratesAll: (props['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all',
  };
}

/** The task must fail: a failure was not tolerated (Kafka Connect's wording). */
export class ToleranceExceededError extends ConnectException {
  constructor(cause: unknown) {
    super(`Tolerance exceeded in error handler: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ToleranceExceededError';
  }
}

export type Sleep = (ms: number) => Promise<void>;

/**
 * Runs one record-path operation as Kafka Connect's `RetryWithToleranceOperator` does for the
 * transformation and converter stages: a retriable failure is tried again with exponential
 * backoff (300 ms doubling, capped at `errors.retry.delay.max.ms`) until `errors.retry.timeout`;
 * then any failure is skipped under `errors.tolerance=all` (the callback hears of it) or fails
 * the task with {@link ToleranceExceededError}.
 * @returns the operation's result, or `skipped` when the failure was tolerated.
 */
export async function executeWithTolerance<T>(
  operation: () => T,
  settings: ToleranceSettings,
  options: {
    readonly sleep: Sleep;
    readonly now: () => number;
    readonly onTolerated: (error: unknown) => void;
    readonly stopping?: () => boolean;
  },
): Promise<T | typeof skipped> {
  const start = options.now();
  const deadline = settings.retryTimeoutMs < 0 ? Number.POSITIVE_INFINITY : start + settings.retryTimeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return operation();
    } catch (error) {
      const retriable = isRetriable(error);
      if (retriable && options.now() < deadline && options.stopping?.() !== true) {
        await options.sleep(backoffDelay(attempt, deadline - options.now(), settings.retryDelayMaxMs));
        continue;
      }
      if (!settings.toleratesAll) throw new ToleranceExceededError(error);
      options.onTolerated(error);
      return skipped;
    }
  }
}

/** What {@link executeWithTolerance} returns for a tolerated failure. */
export const skipped: unique symbol = Symbol('skipped');

/** Kafka Connect's backoff: 300 ms << (attempt-1); past the cap a random delay below it; never past the deadline. */
export function backoffDelay(attempt: number, untilDeadlineMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  let delay = RETRIES_DELAY_MIN_MS * 2 ** (attempt - 1);
  if (delay > maxDelayMs) delay = Math.floor(random() * maxDelayMs);
  return Math.max(0, Math.min(delay, untilDeadlineMs));
}

function isRetriable(error: unknown): boolean {
  if (error instanceof StageError) return error.retriable;
  return error instanceof CopycatError && error.retriable;
}
