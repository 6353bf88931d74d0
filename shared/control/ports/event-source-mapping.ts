import { ControlValidationError } from '../errors.ts';

/** Lambda's largest batch for a Kafka event source mapping (MSK and self-managed alike). */
export const MAX_BATCH_SIZE = 10_000;
/** Lambda's longest batching window, in seconds. */
export const MAX_BATCHING_WINDOW_SECONDS = 300;
/** `maximumRetryAttempts` range besides -1 (infinite). */
export const MAX_RETRY_ATTEMPTS = 10_000;
/** `maximumRecordAgeSeconds` range besides -1 (infinite): one minute to one week. */
export const MIN_RECORD_AGE_SECONDS = 60;
export const MAX_RECORD_AGE_SECONDS = 604_800;

/**
 * How one topic of a sink connector is delivered to the sink function: in AWS a Kafka event
 * source mapping (ESM) on the connector's alias `sink-<name>`; locally a consumer group that
 * hands the same batches to the sink handler.
 *
 * An ESM reads exactly one topic and its consumer group id must be unique among all Kafka ESMs,
 * so a sink with several topics has one mapping, and one group id, per topic.
 *
 * `topic`, `groupId` and `startingPosition` cannot change on an existing ESM: changing them
 * recreates the mapping. The rest is updated in place.
 */
export interface SinkMapping {
  readonly connector: string;
  /** The Kafka topic (1–249 characters of `[a-zA-Z0-9._-]`, no leading dot). Immutable. */
  readonly topic: string;
  /** The consumer group, unique across every mapping (1–200 characters of `[a-zA-Z0-9-/*:_+=.@]`). Immutable. */
  readonly groupId: string;
  /** False while the connector is PAUSED or STOPPED: polling stops and the group keeps its offsets. */
  readonly enabled: boolean;
  /** Records per invocation, 1–10,000 (Lambda's default for Kafka is 100); the 6 MB payload limit also applies. */
  readonly batchSize: number;
  /**
   * Seconds Lambda gathers records before invoking, a whole number from 0 to 300. (Kafka's own
   * default of 0.5 s cannot be set through the API; once a window is set it stays whole seconds.)
   */
  readonly batchingWindowSeconds: number;
  /** Where a consumer group without committed offsets starts. Immutable. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /**
   * The handler answers `{"batchItemFailures":[...]}` and only those records are retried. For
   * Kafka this and the three settings below are honoured only in provisioned mode; the AWS
   * adapter refuses them when it is not configured for provisioned pollers.
   */
  readonly reportBatchItemFailures: boolean;
  /** Retries of a failed batch: -1 (infinite, the default) or 0–10,000. */
  readonly maximumRetryAttempts?: number;
  /** Split a failed batch in two and retry each half. @default false */
  readonly bisectBatchOnFunctionError?: boolean;
  /** Records older than this are discarded: -1 (infinite, the default) or 60–604,800 seconds. */
  readonly maximumRecordAgeSeconds?: number;
}

/**
 * The "event source mapping" port: per sink connector, one mapping per topic. The reconciler
 * makes the mappings match the connector configs with `list`, `put` and `remove`.
 */
export interface EventSourceMappingPort {
  /**
   * The mappings of one connector, or of every connector. The error-handling settings are
   * reported as {@link normalizeSinkMapping} leaves them: absent when they hold the default.
   */
  list(connector?: string): Promise<SinkMapping[]>;
  /**
   * Makes the connector's mapping for `mapping.topic` look like `mapping`: created if missing,
   * updated in place when only mutable fields differ, recreated when an immutable one differs,
   * untouched when equal.
   */
  put(mapping: SinkMapping): Promise<void>;
  /** Deletes one topic's mapping, or (no topic) every mapping of the connector and what holds them. Idempotent. */
  remove(connector: string, topic?: string): Promise<void>;
}

/**
 * The mapping with the error-handling settings that hold their default (-1, false) removed, so
 * that two mappings that behave the same compare equal.
 */
export function normalizeSinkMapping(mapping: SinkMapping): SinkMapping {
  const { maximumRetryAttempts, bisectBatchOnFunctionError, maximumRecordAgeSeconds, ...rest } = mapping;
  return {
    ...rest,
    ...(maximumRetryAttempts !== undefined && maximumRetryAttempts !== -1 ? { maximumRetryAttempts } : {}),
    ...(bisectBatchOnFunctionError === true ? { bisectBatchOnFunctionError } : {}),
    ...(maximumRecordAgeSeconds !== undefined && maximumRecordAgeSeconds !== -1 ? { maximumRecordAgeSeconds } : {}),
  };
}

// Kafka's topic characters; Lambda also refuses a leading dot.
const TOPIC = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}$/;
const GROUP_ID = /^[a-zA-Z0-9\-/*:_+=.@]{1,200}$/;

/** Throws a {@link ControlValidationError} naming the field when a mapping breaks Lambda's rules for Kafka ESMs. */
export function validateSinkMapping(mapping: SinkMapping): void {
  if (typeof mapping.connector !== 'string' || mapping.connector.length === 0)
    throw new ControlValidationError('connector', 'A sink mapping needs a non-empty connector name.');
  const where = `Sink mapping of connector "${mapping.connector}" for topic "${mapping.topic}"`;
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new ControlValidationError(field, `${where}: ${field} ${rule}, got ${JSON.stringify(value)}.`);
  };
  if (typeof mapping.topic !== 'string' || !TOPIC.test(mapping.topic))
    fail(
      'topic',
      'must be a Kafka topic name (1–249 characters of letters, digits, ".", "_" and "-", not starting with ".")',
      mapping.topic,
    );
  if (typeof mapping.groupId !== 'string' || !GROUP_ID.test(mapping.groupId))
    fail('groupId', 'must be 1–200 characters of letters, digits and "-/*:_+=.@" (Lambda\'s rule for consumer group ids)', mapping.groupId);
  if (!Number.isInteger(mapping.batchSize) || mapping.batchSize < 1 || mapping.batchSize > MAX_BATCH_SIZE)
    fail('batchSize', `must be an integer from 1 to ${MAX_BATCH_SIZE}`, mapping.batchSize);
  if (
    !Number.isInteger(mapping.batchingWindowSeconds) ||
    mapping.batchingWindowSeconds < 0 ||
    mapping.batchingWindowSeconds > MAX_BATCHING_WINDOW_SECONDS
  )
    fail(
      'batchingWindowSeconds',
      `must be a whole number of seconds from 0 to ${MAX_BATCHING_WINDOW_SECONDS}`,
      mapping.batchingWindowSeconds,
    );
  if (mapping.startingPosition !== 'TRIM_HORIZON' && mapping.startingPosition !== 'LATEST')
    fail('startingPosition', 'must be "TRIM_HORIZON" or "LATEST"', mapping.startingPosition);
  const retries = mapping.maximumRetryAttempts;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < -1 || retries > MAX_RETRY_ATTEMPTS))
    fail('maximumRetryAttempts', `must be -1 (infinite) or an integer from 0 to ${MAX_RETRY_ATTEMPTS}`, retries);
  const age = mapping.maximumRecordAgeSeconds;
  if (age !== undefined && age !== -1 && (!Number.isInteger(age) || age < MIN_RECORD_AGE_SECONDS || age > MAX_RECORD_AGE_SECONDS))
    fail(
      'maximumRecordAgeSeconds',
      `must be -1 (infinite) or a whole number of seconds from ${MIN_RECORD_AGE_SECONDS} to ${MAX_RECORD_AGE_SECONDS}`,
      age,
    );
}
