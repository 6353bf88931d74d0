import { setTimeout as sleepFor, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RecordMetadata, SourceTask } from '../../api/connector/source-task.ts';
import type { SourceRecord } from '../../api/record/source-record.ts';
import type { ProducedRecordMetadata, ProducerRecord, RecordProducer, TopicAdmin } from '../../kafka/record-producer.ts';
import type { ConfigStore } from '../../stores/config-store.ts';
import { LeaseLostError } from '../../stores/errors.ts';
import type { OffsetEntry, OffsetStore } from '../../stores/offset-store.ts';
import { partitionKey } from '../../stores/partition-key.ts';
import { fromConnectRecord } from '../record-conversion.ts';
import type { RecordPath } from '../record-path.ts';
import { StageError } from '../stage.ts';
import { TaskPollError } from './errors.ts';
import type { LeaseKeeper } from './lease-keeper.ts';
import type { SourceLogger } from './logger.ts';
import { executeWithTolerance, skipped, type ToleranceSettings } from './retry-with-tolerance.ts';
import type { SecretMask } from './secret-mask.ts';
import type { SourceRunSettings } from './source-config.ts';
import { SubmittedBatches } from './submitted-batches.ts';
import type { TopicCreation } from './topic-creation.ts';

/** Why a run stopped polling. */
export type StopReason = 'budget' | 'idle' | 'aborted' | 'superseded' | 'lease-lost' | 'failed';

/** What one run of the loop did. */
export interface LoopResult {
  readonly stopReason: StopReason;
  /** The failure that stopped the run (stopReason 'failed'). */
  readonly failure: unknown;
  readonly polled: number;
  readonly sent: number;
  /** Records a transform dropped or whose failure was tolerated (their offsets still advance). */
  readonly skipped: number;
  /** Offset commits that stored at least one offset. */
  readonly commits: number;
}

export interface TaskLoopOptions {
  readonly connector: string;
  readonly taskId: number;
  readonly generation: number;
  readonly task: SourceTask;
  readonly path: RecordPath;
  readonly producer: RecordProducer;
  readonly topicCreation: TopicCreation;
  readonly topicAdmin: TopicAdmin | undefined;
  readonly configs: ConfigStore;
  readonly offsets: OffsetStore;
  readonly lease: LeaseKeeper;
  readonly settings: SourceRunSettings;
  readonly tolerance: ToleranceSettings;
  readonly errorsLog: { readonly enabled: boolean; readonly includeMessages: boolean };
  readonly mask: SecretMask;
  readonly logger: SourceLogger;
  readonly clock: () => number;
  /** Epoch ms at which the run stops polling; Infinity: until `signal`. */
  readonly deadline: number;
  /** Whether a run ends after `settings.idleMs` without records (scheduled runs). */
  readonly stopWhenIdle: boolean;
  readonly signal: AbortSignal | undefined;
}

interface Prepared {
  readonly ready: { readonly record: SourceRecord; readonly producerRecord: ProducerRecord }[];
  readonly dropped: SourceRecord[];
}

/**
 * One run of a started source task (Kafka Connect's `WorkerSourceTask.execute`): poll → SMTs →
 * converters → send, with up to `maxInFlightBatches` poll batches awaiting their
 * acknowledgement; offsets of finished batches are committed every `offset.flush.interval.ms`
 * and at the end, conditional on the lease and only while the task generation is unchanged.
 * Calls `task.stop()` exactly once, before the final commit, as Kafka Connect does.
 */
export class TaskLoop {
  readonly #o: TaskLoopOptions;
  readonly #submitted = new SubmittedBatches();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #wakeUp = new AbortController();
  #uncommitted: OffsetEntry[] = [];
  #lastSend: Promise<void> = Promise.resolve();
  #stopReason: StopReason | undefined;
  #failure: unknown;
  #stopCalled = false;
  #stopping: Promise<void> | undefined;
  #polled = 0;
  #sent = 0;
  #skipped = 0;
  #commits = 0;

  constructor(options: TaskLoopOptions) {
    this.#o = options;
  }

  /** Stops the run for `reason` (the first reason wins) and calls `task.stop()` so a waiting `poll` returns. */
  requestStop(reason: StopReason, failure?: unknown): void {
    if (this.#stopReason === undefined) {
      this.#stopReason = reason;
      if (reason === 'failed') this.#failure = failure;
    }
    this.#wakeUp.abort();
    this.#stopTask();
  }

  async run(): Promise<LoopResult> {
    const o = this.#o;
    const onAbort = () => this.requestStop('aborted');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.signal?.aborted) onAbort();
    const untilDeadline = o.deadline - o.clock();
    const deadlineTimer = Number.isFinite(untilDeadline)
      ? setTimeout(() => this.requestStop('budget'), Math.max(0, untilDeadline))
      : undefined;
    deadlineTimer?.unref();
    try {
      await this.#loop();
    } finally {
      clearTimeout(deadlineTimer);
      o.signal?.removeEventListener('abort', onAbort);
    }
    this.#stopTask();
    await this.#stopping;
    await Promise.all(this.#inFlight);
    if (this.#stopReason !== 'lease-lost' && this.#stopReason !== 'superseded') await this.#commit(true);
    return {
      stopReason: this.#stopReason ?? 'budget',
      failure: this.#failure,
      polled: this.#polled,
      sent: this.#sent,
      skipped: this.#skipped,
      commits: this.#commits,
    };
  }

  async #loop(): Promise<void> {
    const o = this.#o;
    let lastRecordsAt = o.clock();
    let lastCommitAt = o.clock();
    while (this.#stopReason === undefined) {
      if (o.lease.lost !== undefined) return this.requestStop('lease-lost');
      const now = o.clock();
      if (now >= o.deadline) return this.requestStop('budget');
      if (o.stopWhenIdle && now - lastRecordsAt >= o.settings.idleMs) return this.requestStop('idle');
      if (now - lastCommitAt >= o.settings.offsetFlushIntervalMs) {
        lastCommitAt = now;
        if (!(await this.#commit(false))) return;
      }

      const pollStart = o.clock();
      const records = await this.#poll();
      // Records polled as the budget ran out are still sent; after a failure or a loss of the lease they would only be replayed.
      if (
        this.#stopReason !== undefined &&
        (records === null || records.length === 0 || !['budget', 'idle', 'aborted'].includes(this.#stopReason))
      )
        return;
      if (records === null || records.length === 0) {
        // A task that returns at once with nothing would spin; give timers (lease renewal, deadline) their turn.
        if (o.clock() - pollStart < 10) await this.#sleep(100);
        continue;
      }
      lastRecordsAt = o.clock();
      this.#polled += records.length;
      await this.#submit(records);
      while (this.#failure === undefined && this.#inFlight.size >= o.settings.maxInFlightBatches) await Promise.race(this.#inFlight);
      await yieldToEventLoop();
    }
  }

  async #poll(): Promise<SourceRecord[] | null> {
    try {
      return await this.#o.task.poll();
    } catch (error) {
      if (isRetriable(error)) {
        // Kafka Connect logs a RetriableException from poll and polls again.
        this.#o.logger.warn(
          'Source task poll failed with a retriable error; polling again.',
          this.#fields({ error: this.#describe(error) }),
        );
        return null;
      }
      this.requestStop('failed', new TaskPollError(this.#o.connector, this.#o.taskId, error));
      return null;
    }
  }

  /** Transforms, converts and sends one poll batch; the batch counts as done once every record in it is settled. */
  async #submit(records: SourceRecord[]): Promise<void> {
    const o = this.#o;
    let prepared: Prepared;
    try {
      prepared = await this.#prepare(records);
      await o.topicCreation.ensure(
        prepared.ready.map(({ producerRecord }) => producerRecord.topic),
        o.topicAdmin,
      );
    } catch (error) {
      this.requestStop('failed', error);
      return;
    }
    const done = this.#submitted.submit(records.map((record) => ({ partition: record.sourcePartition, offset: record.sourceOffset })));
    this.#skipped += prepared.dropped.length;
    for (const record of prepared.dropped) await this.#commitRecord(record, null);
    if (prepared.ready.length === 0) {
      done();
      return;
    }
    // One send at a time: kafkajs may reorder concurrent sends to a partition. The next batch is polled and converted meanwhile.
    const previous = this.#lastSend;
    const sending = previous
      .then(() => {
        if (this.#stopReason === 'failed') throw new Error('not sent: an earlier batch failed');
        return o.producer.send(prepared.ready.map(({ producerRecord }) => producerRecord));
      })
      .then(
        async (metadata) => {
          this.#sent += prepared.ready.length;
          done();
          for (const [index, { record }] of prepared.ready.entries()) await this.#commitRecord(record, toRecordMetadata(metadata[index]));
        },
        async (error: unknown) => {
          if (this.#stopReason === 'failed') return;
          if (!o.tolerance.toleratesAll) {
            this.requestStop('failed', error);
            return;
          }
          // KIP-779: with errors.tolerance=all a record the producer could not send is skipped and its offset advances.
          this.#logError('KAFKA_PRODUCE', 'producer', error, prepared.ready[0]?.record);
          this.#skipped += prepared.ready.length;
          done();
          for (const { record } of prepared.ready) await this.#commitRecord(record, null);
        },
      );
    this.#lastSend = sending;
    const tracked: Promise<void> = sending.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #prepare(records: readonly SourceRecord[]): Promise<Prepared> {
    const o = this.#o;
    const ready: Prepared['ready'] = [];
    const dropped: SourceRecord[] = [];
    const options = {
      sleep: (ms: number) => this.#sleep(ms),
      now: o.clock,
      stopping: () => this.#stopReason !== undefined,
    };
    for (const record of records) {
      let failedStage = false;
      const onTolerated = (error: unknown) => {
        failedStage = true;
        this.#logError(
          error instanceof StageError ? error.stage : 'TRANSFORMATION',
          error instanceof StageError ? error.pluginClass : '',
          error,
          record,
        );
      };
      const transformed = await executeWithTolerance(() => o.path.chain.apply(record), o.tolerance, { ...options, onTolerated });
      if (transformed === skipped || transformed === null || failedStage) {
        dropped.push(record);
        continue;
      }
      const converted = await executeWithTolerance(() => fromConnectRecord(transformed, o.path.converters), o.tolerance, {
        ...options,
        onTolerated,
      });
      if (converted === skipped) {
        dropped.push(record);
        continue;
      }
      ready.push({ record, producerRecord: converted });
    }
    return { ready, dropped };
  }

  /**
   * Commits the offsets of finished batches, unless the task generation moved on (then the run
   * stops without moving offsets: a newer run, or a reset, owns them now) or the lease was lost.
   * @returns whether the run may go on.
   */
  async #commit(final: boolean): Promise<boolean> {
    const o = this.#o;
    this.#uncommitted = mergeEntries(this.#uncommitted, this.#submitted.takeCommittable());
    try {
      const tasks = await o.configs.getTasks(o.connector);
      if (tasks?.generation !== o.generation) {
        o.logger.info('Task generation changed; stopping without committing.', this.#fields({ current: tasks?.generation ?? null }));
        this.requestStop('superseded');
        return false;
      }
      if (this.#uncommitted.length > 0) {
        await o.offsets.commit(o.connector, this.#uncommitted, o.lease.token);
        this.#uncommitted = [];
        this.#commits++;
      }
    } catch (error) {
      if (error instanceof LeaseLostError) {
        o.lease.markLost(error);
        this.requestStop('lease-lost');
        return false;
      }
      // The offsets stay pending; the next commit (or the next run's replay) covers them.
      o.logger.warn(
        `Offset commit failed${final ? ' at the end of the run' : ''}; will retry.`,
        this.#fields({ error: this.#describe(error) }),
      );
      return true;
    }
    try {
      await o.task.commit?.();
    } catch (error) {
      o.logger.error('Exception thrown while calling task.commit()', this.#fields({ error: this.#describe(error) }));
    }
    return true;
  }

  async #commitRecord(record: SourceRecord, metadata: RecordMetadata | null): Promise<void> {
    if (this.#o.task.commitRecord === undefined) return;
    try {
      await this.#o.task.commitRecord(record, metadata);
    } catch (error) {
      this.#o.logger.error('Exception thrown while calling task.commitRecord()', this.#fields({ error: this.#describe(error) }));
    }
  }

  #stopTask(): void {
    if (this.#stopCalled) return;
    this.#stopCalled = true;
    this.#stopping = Promise.resolve()
      .then(() => this.#o.task.stop())
      .catch((error: unknown) =>
        this.#o.logger.error('Exception thrown while stopping the task', this.#fields({ error: this.#describe(error) })),
      );
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#wakeUp.signal.aborted || ms <= 0) return;
    await sleepFor(ms, undefined, { signal: this.#wakeUp.signal }).catch(() => undefined);
  }

  /** Kafka Connect's `LogReporter`: one entry per tolerated failure when `errors.log.enable`. */
  #logError(stage: string, pluginClass: string, error: unknown, record: SourceRecord | undefined): void {
    if (!this.#o.errorsLog.enabled) return;
    const where =
      this.#o.errorsLog.includeMessages && record !== undefined
        ? `, where source record is = ${this.#o.mask.apply(describeRecord(record))}`
        : '';
    this.#o.logger.error(
      `Error encountered in task ${this.#o.connector}-${this.#o.taskId}. Executing stage '${stage}' with class '${pluginClass}'${where}.`,
      this.#fields({ error: this.#describe(error) }),
    );
  }

  #describe(error: unknown): string {
    const cause = error instanceof StageError ? error.cause : error;
    return this.#o.mask.apply(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
  }

  #fields(extra: Record<string, unknown>): Record<string, unknown> {
    return { connector: this.#o.connector, task: this.#o.taskId, generation: this.#o.generation, ...extra };
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && (error as { retriable: unknown }).retriable === true;
}

function toRecordMetadata(metadata: ProducedRecordMetadata | undefined): RecordMetadata | null {
  return metadata === undefined
    ? null
    : { topic: metadata.topic, partition: metadata.partition, offset: metadata.offset, timestamp: metadata.timestamp };
}

/** Pending entries updated with newer ones: one entry per source partition, the latest. */
function mergeEntries(pending: readonly OffsetEntry[], newer: readonly OffsetEntry[]): OffsetEntry[] {
  if (pending.length === 0) return [...newer];
  const latest = new Map(pending.map((entry) => [partitionKey(entry.partition), entry]));
  for (const entry of newer) latest.set(partitionKey(entry.partition), entry);
  return [...latest.values()];
}

function describeRecord(record: SourceRecord): string {
  const show = (value: unknown) => {
    if (value instanceof Uint8Array) return `[${value.length} bytes]`;
    if (typeof value === 'object' && value !== null && 'toString' in value && value.toString !== Object.prototype.toString)
      return String(value);
    return JSON.stringify(value);
  };
  return `SourceRecord{sourcePartition=${JSON.stringify(record.sourcePartition)}, sourceOffset=${JSON.stringify(record.sourceOffset)}} ConnectRecord{topic='${record.topic}', kafkaPartition=${record.kafkaPartition}, key=${show(record.key)}, value=${show(record.value)}, timestamp=${record.timestamp}}`;
}
