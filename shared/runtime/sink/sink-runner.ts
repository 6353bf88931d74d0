import type { ConnectorProps } from '../../api/connector/connector.ts';
import type { ErrantRecordReporter, PartitionOffsets, SinkTask, SinkTaskContext, TopicPartition } from '../../api/connector/sink-task.ts';
import type { SinkRecord } from '../../api/record/sink-record.ts';
import { CopycatError } from '../../errors.ts';
import type { PluginKind } from '../../plugins/plugin.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import type { KafkaMessage } from '../kafka-message.ts';
import { toSinkRecord } from '../record-conversion.ts';
import type { RecordPath } from '../record-path.ts';
import { type Stage, StageError } from '../stage.ts';
import type { ConnectorTaskId, DeadLetterQueue, ErrantRecord } from './dead-letter-queue.ts';
import { type RetryClock, systemClock, withRetries } from './retry.ts';
import type { SinkErrorSettings } from './sink-connector-config.ts';
import { SinkBatchError, ToleranceExceededError, UncommittedOffsetsError } from './sink-errors.ts';

/** The class Kafka Connect names as the executing class of records a task reports (`TASK_PUT`). */
export const SINK_TASK_CLASS = 'org.apache.kafka.connect.sink.SinkTask';

/** Everything a sink runner works with; built once per task (and task generation) by its host. */
export interface SinkRunnerOptions {
  readonly id: ConnectorTaskId;
  /** A fresh task: the runner initializes, starts, opens, closes and stops it. */
  readonly task: SinkTask;
  readonly taskConfig: ConnectorProps;
  readonly recordPath: RecordPath;
  readonly errors: SinkErrorSettings;
  /** Absent when `errors.deadletterqueue.topic.name` is blank. */
  readonly deadLetterQueue?: DeadLetterQueue;
  /** Resolves configured plugin names (aliases) to the class names the DLQ headers carry. */
  readonly registry?: PluginRegistry;
  readonly clock?: RetryClock;
  /** Where `errors.log.enable` writes. @default console.error */
  readonly log?: (line: string) => void;
}

/** Where one partition of a batch stopped: the first offset that was not committed. */
export interface PartitionFailure {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** What became of one batch. */
export interface SinkBatchResult {
  /** Records handed to `put`. */
  readonly put: number;
  /** Records dropped by a transform or skipped by `errors.tolerance=all`. */
  readonly skipped: number;
  /** Records written to the dead letter topic. */
  readonly deadLettered: number;
  /** Per partition that was not (fully) committed, the first offset to deliver again; empty on success. */
  readonly failures: readonly PartitionFailure[];
  /** Why some partitions failed. */
  readonly error?: Error;
  /** Set when the failure makes the task FAILED (tolerance exceeded, a non-retriable `put` error). */
  readonly taskFailed: boolean;
}

export interface RunOptions {
  /**
   * The mapping reports batch item failures: go on with the other partitions (and the records
   * before a failed one) and report where each failed partition stopped. Otherwise the first
   * failure ends the batch, none of which is committed.
   */
  readonly partial?: boolean;
  /** Epoch ms after which no retry starts (the invocation's time budget). */
  readonly deadline?: number;
}

interface PartitionState {
  readonly topicPartition: TopicPartition;
  readonly first: number;
  readonly last: number;
  /** The first offset of this partition that failed with tolerance `none`. */
  failedAt?: number;
}

interface BatchState {
  readonly partitions: Map<string, PartitionState>;
  readonly messages: readonly KafkaMessage[];
  /** The batch's messages by `topic-partition@offset`, built when a record is first reported (rare). */
  originals?: Map<string, KafkaMessage>;
  readonly errant: ErrantRecord[];
  readonly pending: Promise<void>[];
  failure?: { readonly error: Error; readonly taskFailed: boolean };
}

const key = (topic: string, partition: number) => `${topic}-${partition}`;
const recordKey = (topic: string, partition: number, offset: number) => `${topic}-${partition}@${offset}`;

/**
 * Runs one sink task over batches of Kafka messages, as Kafka Connect's `WorkerSinkTask` does over
 * polls: per record key/value/header converters then the SMT chain, `put` of the batch,
 * `preCommit` (or `flush`), with Kafka Connect's error handling: retries of retriable failures
 * within `errors.retry.timeout`, `errors.tolerance`, the dead letter queue and the errant record
 * reporter. Partitions are opened the first time their records arrive and closed at `stop`.
 *
 * Not reentrant: one batch at a time (the host serializes invocations, as one Lambda instance does).
 */
export class SinkRunner {
  readonly #o: SinkRunnerOptions;
  readonly #clock: RetryClock;
  readonly #log: (line: string) => void;
  readonly #open = new Map<string, TopicPartition>();
  #batch: BatchState | undefined;
  #started = false;

  constructor(options: SinkRunnerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  get id(): ConnectorTaskId {
    return this.#o.id;
  }

  /** `initialize(context)` then `start(props)`, once. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#o.task.initialize(this.#context());
    await this.#o.task.start(this.#o.taskConfig);
    this.#started = true;
  }

  /** Closes the open partitions and stops the task; errors are logged, not thrown (the task is going away). */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    const partitions = [...this.#open.values()];
    this.#open.clear();
    try {
      if (partitions.length > 0) await this.#o.task.close?.(partitions);
    } catch (error) {
      this.#log(`Connector ${this.#o.id.connector} task ${this.#o.id.task}: close failed: ${String(error)}`);
    }
    try {
      await this.#o.task.stop();
    } catch (error) {
      this.#log(`Connector ${this.#o.id.connector} task ${this.#o.id.task}: stop failed: ${String(error)}`);
    }
    this.#o.recordPath.chain.close();
  }

  /** Runs one batch: messages grouped per partition in offset order (as `parseKafkaEvent` gives them). */
  async run(messages: readonly KafkaMessage[], options: RunOptions = {}): Promise<SinkBatchResult> {
    await this.start();
    const batch: BatchState = { partitions: new Map(), messages, errant: [], pending: [] };
    for (const message of messages) {
      const id = key(message.topic, message.partition);
      const state = batch.partitions.get(id);
      if (state === undefined)
        batch.partitions.set(id, {
          topicPartition: { topic: message.topic, partition: message.partition },
          first: message.offset,
          last: message.offset,
        });
      else batch.partitions.set(id, { ...state, last: Math.max(state.last, message.offset) });
    }
    this.#batch = batch;
    try {
      return await this.#run(messages, batch, options);
    } finally {
      this.#batch = undefined;
    }
  }

  async #run(messages: readonly KafkaMessage[], batch: BatchState, options: RunOptions): Promise<SinkBatchResult> {
    const { errors } = this.#o;
    const partial = options.partial ?? false;
    const wholeBatch = (error: Error, taskFailed: boolean, counts = { put: 0, skipped: 0, deadLettered: 0 }): SinkBatchResult => ({
      ...counts,
      failures: [...batch.partitions.values()].map((state) => ({ ...state.topicPartition, offset: state.first })),
      error,
      taskFailed,
    });

    const fresh = [...batch.partitions.entries()].filter(([id]) => !this.#open.has(id));
    if (fresh.length > 0) {
      try {
        await this.#o.task.open?.(fresh.map(([, state]) => state.topicPartition));
      } catch (error) {
        return wholeBatch(new SinkBatchError(this.#o.id, 'open', messages.length, error, isRetriable(error)), !isRetriable(error));
      }
      for (const [id, state] of fresh) this.#open.set(id, state.topicPartition);
    }

    // 1. Converters and transforms, record by record.
    const { recordPath } = this.#o;
    const retryPolicy = {
      timeoutMs: errors.retryTimeoutMs,
      delayMaxMs: errors.retryDelayMaxMs,
      ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
    };
    const records: SinkRecord[] = [];
    let skipped = 0;
    // Messages come grouped per partition: the partition's state is looked up when it changes.
    let state: PartitionState | undefined;
    for (const message of messages) {
      if (state === undefined || state.topicPartition.topic !== message.topic || state.topicPartition.partition !== message.partition)
        state = batch.partitions.get(key(message.topic, message.partition)) as PartitionState;
      if (state.failedAt !== undefined) continue;
      const convert = () => recordPath.chain.apply(toSinkRecord(message, recordPath.converters));
      let record: SinkRecord | null;
      try {
        record = convert();
      } catch (first) {
        // Only a retriable failure goes through the (asynchronous) retry loop: the common path stays synchronous.
        try {
          if (!isRetriable(first)) throw first;
          record = await withRetries(convert, isRetriable, retryPolicy, this.#clock, { error: first });
        } catch (error) {
          if (!(error instanceof StageError)) throw error;
          const errant: ErrantRecord = {
            original: message,
            stage: error.stage,
            executingClass: this.#className(error.stage, error.pluginClass),
            error: error.cause,
          };
          this.#logError(errant);
          if (errors.toleratesAll) {
            batch.errant.push(errant);
            skipped++;
            continue;
          }
          const failure = new ToleranceExceededError(this.#o.id, message, errant.stage, errant.executingClass, errant.error);
          if (!partial) return wholeBatch(failure, true);
          state.failedAt = message.offset;
          batch.failure ??= { error: failure, taskFailed: true };
          continue;
        }
      }
      if (record === null) {
        skipped++;
        continue;
      }
      records.push(record);
    }

    // 2. Records that failed conversion go to the dead letter topic before anything is written.
    try {
      if (this.#o.deadLetterQueue !== undefined) await this.#o.deadLetterQueue.send(batch.errant);
    } catch (error) {
      return wholeBatch(error as Error, false, { put: 0, skipped, deadLettered: 0 });
    }
    let deadLettered = this.#o.deadLetterQueue === undefined ? 0 : batch.errant.length;
    const conversionFailures = batch.errant.length;

    // 3. put, retried as a whole while it throws retriable errors.
    if (records.length > 0) {
      try {
        await withRetries(() => this.#o.task.put(records), isRetriable, retryPolicy, this.#clock);
      } catch (error) {
        await Promise.allSettled(batch.pending);
        const reported = reportedFailure(batch);
        const cause = reported ?? new SinkBatchError(this.#o.id, 'put', records.length, error, isRetriable(error));
        return wholeBatch(cause, reported !== undefined || !isRetriable(error), { put: records.length, skipped, deadLettered });
      }
      // A task that swallowed the error of a record it reported under tolerance `none` still fails, as in Kafka Connect.
      const reported = reportedFailure(batch);
      if (reported !== undefined) return wholeBatch(reported, true, { put: records.length, skipped, deadLettered });
      try {
        await Promise.all(batch.pending);
      } catch (error) {
        return wholeBatch(error as Error, false, { put: records.length, skipped, deadLettered });
      }
    }
    deadLettered += this.#o.deadLetterQueue === undefined ? 0 : batch.errant.length - conversionFailures;
    skipped += batch.errant.length - conversionFailures;

    // 4. Commit: the offsets up to which this batch was handled, per partition.
    const offsets = new Map<string, { partition: TopicPartition; offset: number }>();
    for (const [id, state] of batch.partitions)
      offsets.set(id, { partition: state.topicPartition, offset: state.failedAt ?? state.last + 1 });
    let committed: PartitionOffsets;
    try {
      committed = await this.#preCommit(offsets);
    } catch (error) {
      const operation = this.#o.task.preCommit === undefined ? 'flush' : 'preCommit';
      return wholeBatch(new SinkBatchError(this.#o.id, operation, records.length, error, true), false, {
        put: records.length,
        skipped,
        deadLettered,
      });
    }
    const failures: PartitionFailure[] = [];
    const uncommitted: string[] = [];
    for (const [id, state] of batch.partitions) {
      const wanted = offsets.get(id)?.offset ?? state.first;
      const done = Math.max(state.first, Math.min(wanted, committed.get(id)?.offset ?? state.first));
      if (done <= state.last) failures.push({ ...state.topicPartition, offset: done });
      if (done < wanted) uncommitted.push(id);
    }
    const error = batch.failure?.error ?? (uncommitted.length > 0 ? new UncommittedOffsetsError(this.#o.id, uncommitted) : undefined);
    return {
      put: records.length,
      skipped,
      deadLettered,
      failures,
      ...(error === undefined ? {} : { error }),
      taskFailed: batch.failure?.taskFailed ?? false,
    };
  }

  async #preCommit(offsets: PartitionOffsets): Promise<PartitionOffsets> {
    const { task } = this.#o;
    if (task.preCommit !== undefined) return await task.preCommit(offsets);
    await task.flush?.(offsets);
    return offsets;
  }

  #context(): SinkTaskContext {
    const reporter: ErrantRecordReporter = { report: (record, error) => this.#report(record, error) };
    return {
      configs: this.#o.taskConfig,
      errantRecordReporter: reporter,
      assignment: () => [...(this.#batch?.partitions.values() ?? [])].map((state) => state.topicPartition),
      requestCommit: () => undefined,
    };
  }

  /** The errant record reporter: tolerance `all` dead-letters the record, `none` fails the batch and the task. */
  #report(record: SinkRecord, error: Error): Promise<void> {
    const batch = this.#batch;
    if (batch !== undefined)
      batch.originals ??= new Map(batch.messages.map((message) => [recordKey(message.topic, message.partition, message.offset), message]));
    const original =
      batch?.originals?.get(recordKey(record.originalTopic, record.originalKafkaPartition, record.originalKafkaOffset)) ??
      batch?.originals?.get(recordKey(record.topic, record.kafkaPartition ?? -1, record.kafkaOffset));
    if (batch === undefined || original === undefined)
      return Promise.reject(
        new CopycatError(
          `Connector ${this.#o.id.connector} task ${this.#o.id.task} reported record ${record.topic}-${record.kafkaPartition}@${record.kafkaOffset}, which is not part of the batch being put; report records only from within put.`,
        ),
      );
    const errant: ErrantRecord = { original, stage: 'TASK_PUT', executingClass: SINK_TASK_CLASS, error };
    this.#logError(errant);
    if (!this.#o.errors.toleratesAll) {
      const failure = new ToleranceExceededError(this.#o.id, original, 'TASK_PUT', SINK_TASK_CLASS, error);
      batch.failure ??= { error: failure, taskFailed: true };
      return Promise.reject(failure);
    }
    batch.errant.push(errant);
    const sent = this.#o.deadLetterQueue === undefined ? Promise.resolve() : this.#o.deadLetterQueue.send([errant]);
    batch.pending.push(sent);
    return sent;
  }

  #className(stage: Stage, configured: string): string {
    const kind: PluginKind | undefined =
      stage === 'TRANSFORMATION'
        ? 'transformation'
        : stage === 'HEADER_CONVERTER'
          ? 'header-converter'
          : stage === 'KEY_CONVERTER' || stage === 'VALUE_CONVERTER'
            ? 'converter'
            : undefined;
    return (kind === undefined ? undefined : this.#o.registry?.find(kind, configured)?.className) ?? configured;
  }

  #logError(errant: ErrantRecord): void {
    if (!this.#o.errors.logErrors) return;
    const { original } = errant;
    const message = errant.error instanceof Error ? errant.error.message : String(errant.error);
    const details = this.#o.errors.logMessages
      ? `, key ${original.key === null ? 'null' : Buffer.from(original.key).toString('base64')}, value ${original.value === null ? 'null' : Buffer.from(original.value).toString('base64')}`
      : '';
    this.#log(
      `Error encountered in task ${this.#o.id.connector}-${this.#o.id.task}. Executing stage '${errant.stage}' with class '${errant.executingClass}', where consumed record is {topic='${original.topic}', partition=${original.partition}, offset=${original.offset}${details}}: ${message}`,
    );
  }
}

function reportedFailure(batch: BatchState): ToleranceExceededError | undefined {
  const error = batch.failure?.error;
  return error instanceof ToleranceExceededError && error.stage === 'TASK_PUT' ? error : undefined;
}

function isRetriable(error: unknown): boolean {
  return error instanceof CopycatError && error.retriable;
}
