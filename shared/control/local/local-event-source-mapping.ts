import type { KafkaConnection } from '../../kafka/client.ts';
import { type ConsumedPartitionBatch, createGroupConsumer, type GroupConsumer, type GroupConsumerOptions } from '../../kafka/consumer.ts';
import {
  buildKafkaEvent,
  type EventMessage,
  eventRecordSize,
  type KafkaBatchResponse,
  type KafkaEvent,
  partitionId,
} from '../../kafka/esm-event.ts';
import { type EventSourceMappingPort, normalizeSinkMapping, type SinkMapping, validateSinkMapping } from '../ports/event-source-mapping.ts';

/** Lambda's invocation payload limit, which bounds a batch as much as its size does. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
const EVENT_OVERHEAD_BYTES = 512;
/** Within a long fetch, what succeeded is committed at least this often, bounding what a crash delivers again. */
const COMMIT_INTERVAL_MS = 1000;

/**
 * What a local mapping delivers batches to: the sink handler for `mapping.connector` (in AWS the
 * ESM invokes the function through the connector's alias). Resolving means success, unless the
 * answer is a {@link KafkaBatchResponse} listing `batchItemFailures` and the mapping reports them
 * (an answer Lambda would reject fails the whole batch); rejecting fails the whole batch.
 */
export type SinkEventHandler = (event: KafkaEvent, mapping: SinkMapping) => Promise<unknown>;

export interface LocalEventSourceMappingsOptions {
  readonly connection: KafkaConnection;
  readonly handler: SinkEventHandler;
  /** Pause before a failed batch is delivered again. @default 1000 */
  readonly retryDelayMs?: number;
  /** Where delivery problems are reported. @default console.error */
  readonly log?: (line: string) => void;
  /**
   * The shortest batching window, in ms, whatever the mapping says: Lambda gathers Kafka records
   * for 500 ms when a mapping leaves its window unset, which the API cannot express (it takes whole
   * seconds), so the standalone worker sets 500 here to behave as a default mapping does. @default 0
   */
  readonly minimumBatchingWindowMs?: number;
  /** See {@link GroupConsumerOptions.rebalanceTimeoutMs}. */
  readonly rebalanceTimeoutMs?: number;
  /** Swaps the Kafka consumer (tests). @default createGroupConsumer */
  readonly createConsumer?: (options: GroupConsumerOptions) => GroupConsumer;
}

interface PartitionDelivery {
  /** When the oldest undelivered record was first seen: the batching window runs from there. */
  windowStart?: number;
  /** The last offset of the batch that failed: a redelivery is cut at the same place (the same batch). */
  retryEnd?: number;
  attempts: number;
  /** When this partition's offset was last committed (or first seen). */
  committedAt: number;
  /**
   * The first offset of a partial batch already fetched again at once because the broker held
   * more: the next time it is partial, it waits for its window (what lies beyond may be
   * transaction markers, which never become records).
   */
  refetchedFrom?: number;
}

interface RunningMapping {
  mapping: SinkMapping;
  readonly consumer: GroupConsumer;
  readonly partitions: Map<number, PartitionDelivery>;
  started: Promise<void>;
}

/**
 * The event source mapping port in one process: per mapping a kafkajs consumer in the mapping's
 * consumer group that hands the sink handler events of exactly the shape Lambda delivers (one
 * topic-partition per event here), bounded by the batch size, the batching window and 6 MB.
 * Offsets are committed only after the handler succeeded; a failed batch is delivered again as
 * the same batch (or, with `reportBatchItemFailures`, its remainder from the first failed offset),
 * until it succeeds or `maximumRetryAttempts` is spent. A disabled mapping pauses its consumer.
 */
export class LocalEventSourceMappings implements EventSourceMappingPort {
  readonly #o: LocalEventSourceMappingsOptions;
  readonly #running = new Map<string, RunningMapping>();
  readonly #log: (line: string) => void;

  constructor(options: LocalEventSourceMappingsOptions) {
    this.#o = options;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  async list(connector?: string): Promise<SinkMapping[]> {
    return [...this.#running.values()]
      .map((running) => normalizeSinkMapping(running.mapping))
      .filter((mapping) => connector === undefined || mapping.connector === connector);
  }

  async put(mapping: SinkMapping): Promise<void> {
    validateSinkMapping(mapping);
    const id = mappingId(mapping.connector, mapping.topic);
    const existing = this.#running.get(id);
    if (
      existing !== undefined &&
      existing.mapping.groupId === mapping.groupId &&
      existing.mapping.startingPosition === mapping.startingPosition
    ) {
      const wasEnabled = existing.mapping.enabled;
      existing.mapping = { ...mapping };
      if (wasEnabled && !mapping.enabled) existing.consumer.pause();
      if (!wasEnabled && mapping.enabled) existing.consumer.resume();
      return;
    }
    if (existing !== undefined) await this.#stop(id, existing);
    const create = this.#o.createConsumer ?? createGroupConsumer;
    const consumer = create({
      connection: this.#o.connection,
      groupId: mapping.groupId,
      topic: mapping.topic,
      fromBeginning: mapping.startingPosition === 'TRIM_HORIZON',
      ...(this.#o.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeoutMs: this.#o.rebalanceTimeoutMs }),
      onBatch: (batch) => this.#deliver(running, batch),
      onCrash: (error) =>
        this.#log(`Local event source mapping of ${mapping.connector} on ${mapping.topic}: consumer crashed: ${error.message}`),
    });
    const running: RunningMapping = { mapping: { ...mapping }, partitions: new Map(), consumer, started: Promise.resolve() };
    if (!mapping.enabled) running.consumer.pause();
    this.#running.set(id, running);
    running.started = running.consumer.start();
    try {
      await running.started;
    } catch (error) {
      this.#running.delete(id);
      await running.consumer.stop().catch(() => undefined);
      throw error;
    }
  }

  async remove(connector: string, topic?: string): Promise<void> {
    for (const [id, running] of [...this.#running]) {
      if (running.mapping.connector !== connector || (topic !== undefined && running.mapping.topic !== topic)) continue;
      await this.#stop(id, running);
    }
  }

  /** Stops every consumer (the standalone worker shutting down). */
  async close(): Promise<void> {
    await Promise.all([...this.#running].map(([id, running]) => this.#stop(id, running)));
  }

  async #stop(id: string, running: RunningMapping): Promise<void> {
    this.#running.delete(id);
    await running.started.catch(() => undefined);
    await running.consumer.stop();
  }

  /**
   * Delivers one fetched partition batch as events; returns to have the rest fetched again. What
   * succeeded is committed before any wait, when it returns, and at least once a second, rather
   * than after each event: never before the handler succeeded, and a broker round trip per second
   * instead of per batch. A crash then delivers again up to a second of events, as Kafka Connect's
   * sinks deliver again what came after their last offset flush.
   */
  async #deliver(running: RunningMapping, batch: ConsumedPartitionBatch): Promise<void> {
    const state = running.partitions.get(batch.partition) ?? { attempts: 0, committedAt: Date.now() };
    running.partitions.set(batch.partition, state);
    let committable: number | undefined;
    const commit = async () => {
      if (committable !== undefined) await batch.commit(committable);
      committable = undefined;
      state.committedAt = Date.now();
    };
    const wait = async (ms: number) => {
      await commit();
      await waitActive(batch, ms);
    };
    let remaining = batch.records;
    try {
      while (remaining.length > 0 && batch.isActive()) {
        const { mapping } = running;
        if (!mapping.enabled) return;
        const { records, full } = takeBatch(remaining, mapping.batchSize, state.retryEnd);
        const first = (records[0] as EventMessage).offset;
        const last = (records[records.length - 1] as EventMessage).offset;
        const windowMs = Math.max(mapping.batchingWindowSeconds * 1000, this.#o.minimumBatchingWindowMs ?? 0);
        if (!full && windowMs > 0) {
          // Return without committing: the next fetch brings these records again, with what arrived
          // meanwhile; at once (once) when the broker already holds more (a backlog fills the batch),
          // else once the window that started with the oldest of them is over.
          if (state.refetchedFrom !== first && batch.highWatermark > last + 1) {
            state.refetchedFrom = first;
            return;
          }
          const now = Date.now();
          state.windowStart ??= now;
          const left = state.windowStart + windowMs - now;
          if (left > 0) return await wait(left);
        }
        state.windowStart = undefined;
        // The batch is behind us (delivered, or skipped as the mapping allows): the next one starts after it.
        const advance = () => {
          committable = last + 1;
          state.retryEnd = undefined;
          state.attempts = 0;
          remaining = remaining.slice(records.length);
        };
        const failedFrom = await this.#invoke(running, batch, records);
        if (failedFrom === undefined) {
          advance();
          if (Date.now() - state.committedAt >= COMMIT_INTERVAL_MS) await commit();
          continue;
        }
        state.attempts++;
        const retries = mapping.maximumRetryAttempts ?? -1;
        if (retries >= 0 && state.attempts > retries) {
          this.#log(
            `Local event source mapping of ${mapping.connector} on ${mapping.topic}: batch ${partitionId(batch.topic, batch.partition)}@${failedFrom}..${last} failed ${state.attempts} times; skipped as maximumRetryAttempts=${retries} allows.`,
          );
          advance();
          continue;
        }
        if (failedFrom > first) committable = failedFrom;
        state.retryEnd = last;
        return await wait(this.#o.retryDelayMs ?? 1000);
      }
    } finally {
      await commit();
    }
  }

  /** Runs the handler on one batch; undefined on success, else the first offset to deliver again. */
  async #invoke(running: RunningMapping, batch: ConsumedPartitionBatch, records: readonly EventMessage[]): Promise<number | undefined> {
    const { mapping } = running;
    const first = (records[0] as EventMessage).offset;
    const event = buildKafkaEvent(records, { bootstrapServers: this.#o.connection.brokers.join(',') });
    let response: unknown;
    try {
      response = await this.#o.handler(event, mapping);
    } catch (error) {
      this.#log(
        `Local event source mapping of ${mapping.connector} on ${mapping.topic}: the handler failed on ${partitionId(batch.topic, batch.partition)}@${first}..; the batch will be delivered again: ${error instanceof Error ? error.message : String(error)}`,
      );
      return first;
    }
    if (!mapping.reportBatchItemFailures || response === undefined || response === null) return undefined;
    return firstFailedOffset(response, batch, records, (problem) =>
      this.#log(`Local event source mapping of ${mapping.connector} on ${mapping.topic}: ${problem}; the whole batch is delivered again.`),
    );
  }
}

/** The records of the next batch: up to `batchSize`, under 6 MB, and no further than a failed batch reached. */
export function takeBatch(
  records: readonly EventMessage[],
  batchSize: number,
  retryEnd?: number,
): { readonly records: readonly EventMessage[]; readonly full: boolean } {
  let bytes = EVENT_OVERHEAD_BYTES;
  let count = 0;
  for (const record of records) {
    if (retryEnd !== undefined && record.offset > retryEnd) return { records: records.slice(0, count), full: true };
    if (count === batchSize) return { records: records.slice(0, count), full: true };
    const size = eventRecordSize(record);
    // A single record over the limit still goes alone, or the partition would never move.
    if (count > 0 && bytes + size > MAX_EVENT_BYTES) return { records: records.slice(0, count), full: true };
    bytes += size;
    count++;
  }
  return { records: records.slice(0, count), full: count === batchSize || (retryEnd !== undefined && count > 0) };
}

/**
 * The first offset of this partition the response reports as failed; undefined when none is. An
 * answer Lambda would not accept (not an object, an item outside the batch) fails the whole batch.
 */
export function firstFailedOffset(
  response: unknown,
  batch: Pick<ConsumedPartitionBatch, 'topic' | 'partition'>,
  records: readonly EventMessage[],
  report: (problem: string) => void = () => undefined,
): number | undefined {
  const first = (records[0] as EventMessage).offset;
  const items =
    typeof response === 'object' && response !== null ? (response as { batchItemFailures?: unknown }).batchItemFailures : undefined;
  if (items === undefined || items === null) return undefined;
  if (!Array.isArray(items)) {
    report('the handler answered batchItemFailures that is not an array');
    return first;
  }
  const id = partitionId(batch.topic, batch.partition);
  const offsets = new Set(records.map((record) => record.offset));
  let failed: number | undefined;
  for (const item of items) {
    const identifier = (item as { itemIdentifier?: { partition?: unknown; offset?: unknown } } | null)?.itemIdentifier;
    const offset = Number(identifier?.offset);
    if (identifier?.partition !== id || !offsets.has(offset)) {
      report(`the handler reported a failed item ${JSON.stringify(item)} that is not in the batch ${id}@${first}..`);
      return first;
    }
    failed = failed === undefined ? offset : Math.min(failed, offset);
  }
  return failed;
}

/** Sleeps up to `ms`, heartbeating, and wakes early when the partition is no longer ours. */
async function waitActive(batch: ConsumedPartitionBatch, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (batch.isActive()) {
    const left = until - Date.now();
    if (left <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 200)));
    await batch.heartbeat().catch(() => undefined);
  }
}

function mappingId(connector: string, topic: string): string {
  return `${connector}\u0000${topic}`;
}
