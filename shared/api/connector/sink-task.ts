import type { SinkRecord } from '../record/sink-record.ts';
import type { ConnectorProps } from './connector.ts';

/** A Kafka topic partition. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** The next offset to consume per partition, keyed by `<topic>-<partition>`. */
export type PartitionOffsets = ReadonlyMap<string, { readonly partition: TopicPartition; readonly offset: number }>;

/**
 * Reports a record the task could not write, so the runtime applies `errors.tolerance` and the
 * dead letter queue to it instead of failing the whole batch (Kafka Connect's `ErrantRecordReporter`).
 */
export interface ErrantRecordReporter {
  report(record: SinkRecord, error: Error): Promise<void>;
}

/** What the runtime offers a sink task (Kafka Connect's `SinkTaskContext`). */
export interface SinkTaskContext {
  readonly configs: ConnectorProps;
  /** Present when the connector's error handling can take failed records (always in Copycat). */
  readonly errantRecordReporter: ErrantRecordReporter | null;
  /** The partitions this invocation delivers records of. */
  assignment(): readonly TopicPartition[];
  /** Asks the runtime to flush and commit after this batch (a hint, as in Kafka Connect). */
  requestCommit(): void;
}

/**
 * Writes records from Kafka into a sink system (Kafka Connect's `SinkTask`).
 *
 * Lifecycle, per batch delivered by the event source mapping (AWS) or the local consumer:
 * 1. `initialize(context)`, then `start(props)` once per warm process.
 * 2. `open(partitions)` for partitions this process has not seen yet (Kafka Connect calls it on
 *    assignment; here assignment is "records of that partition arrived").
 * 3. `put(records)`: records of one batch, grouped by partition in offset order. Write them or
 *    buffer them; throw a RetriableException to have the same records delivered again, any
 *    other error to fail the task (unless `errors.tolerance=all` and the record was reported).
 * 4. `preCommit(offsets)` (default: `flush(offsets)` then the same offsets): make everything up to
 *    the offsets durable and return the offsets that are safe to commit. The batch counts as
 *    delivered only if this succeeds; then the consumer group `connect-<name>` commits.
 * 5. `close(partitions)` when partitions go away, `stop()` when the task ends.
 * A sink that stores offsets with its data (exactly-once) reads them back in `open` and skips
 * records it has already written.
 */
export interface SinkTask {
  version(): string;
  initialize(context: SinkTaskContext): void;
  start(props: ConnectorProps): void | Promise<void>;
  open?(partitions: readonly TopicPartition[]): void | Promise<void>;
  put(records: readonly SinkRecord[]): void | Promise<void>;
  flush?(offsets: PartitionOffsets): void | Promise<void>;
  preCommit?(offsets: PartitionOffsets): PartitionOffsets | Promise<PartitionOffsets>;
  close?(partitions: readonly TopicPartition[]): void | Promise<void>;
  stop(): void | Promise<void>;
}
