import type { Consumer, EachBatchPayload, KafkaMessage as KafkajsMessage } from 'kafkajs';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { createKafka, type KafkaConnection } from './client.ts';
import type { EventMessage } from './esm-event.ts';

/** The records one fetch brought for one partition, and what the callback may do with them. */
export interface ConsumedPartitionBatch {
  readonly topic: string;
  readonly partition: number;
  /** In offset order. */
  readonly records: readonly EventMessage[];
  /** The partition's end offset when it was fetched: more records than these wait on the broker when it is beyond the last one. */
  readonly highWatermark: number;
  /**
   * Commits `nextOffset` (the offset after the last processed record) for the consumer group.
   * Records from `nextOffset` on that are not committed when the callback returns are fetched again.
   */
  commit(nextOffset: number): Promise<void>;
  /** Keeps the group membership alive during long waits. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition is being re-sought: return promptly. */
  isActive(): boolean;
}

export interface GroupConsumerOptions {
  readonly connection: KafkaConnection;
  readonly groupId: string;
  readonly topic: string;
  /** Where a group without committed offsets starts: the earliest record (true) or the end. */
  readonly fromBeginning: boolean;
  /**
   * Called for each fetched partition batch, one at a time. Records it did not commit are
   * fetched again on the next poll, so a callback that returns without committing gets them back.
   */
  readonly onBatch: (batch: ConsumedPartitionBatch) => Promise<void>;
  /** @default 6 MiB: enough for a whole Lambda-sized batch from one partition. */
  readonly maxBytesPerPartition?: number;
  /** Longest the broker holds a fetch waiting for data. @default 500 */
  readonly maxWaitTimeInMs?: number;
  /**
   * How long a rebalance waits for members to rejoin: also how long a restarted worker waits for
   * the partitions a killed one held. @default 60000 (kafkajs)
   */
  readonly rebalanceTimeoutMs?: number;
  /** Told when the client crashed (it then restarts itself when the error is retriable). */
  readonly onCrash?: (error: Error) => void;
}

/** A kafkajs consumer group member on one topic with manual commits: the local stand-in for an event source mapping's poller. */
export interface GroupConsumer {
  /** Joins the group and starts fetching. */
  start(): Promise<void>;
  /** Stops fetching (the group keeps its offsets); records already fetched are not delivered. */
  pause(): void;
  resume(): void;
  /** Leaves the group and disconnects. */
  stop(): Promise<void>;
}

/** A {@link GroupConsumer} on kafkajs: `autoCommit` off, offsets resolved and committed only by the callback. */
export function createGroupConsumer(options: GroupConsumerOptions): GroupConsumer {
  const kafka = createKafka({ ...options.connection, clientId: options.connection.clientId ?? `copycat-${options.groupId}` });
  const maxBytesPerPartition = options.maxBytesPerPartition ?? 6 * 1024 * 1024;
  const consumer: Consumer = kafka.consumer({
    groupId: options.groupId,
    maxBytesPerPartition,
    maxBytes: Math.max(maxBytesPerPartition, 10 * 1024 * 1024),
    maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
    ...(options.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: options.rebalanceTimeoutMs }),
    allowAutoTopicCreation: false,
  });
  let running = false;
  let paused = false;
  if (options.onCrash) {
    const onCrash = options.onCrash;
    consumer.on(consumer.events.CRASH, (event) => onCrash(event.payload.error));
  }

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const topic = batch.topic;
    const partition = batch.partition;
    const records = batch.messages.map((message) => toEventMessage(topic, partition, message));
    if (records.length === 0) return;
    await options.onBatch({
      topic,
      partition,
      records,
      highWatermark: Number(batch.highWatermark),
      commit: async (nextOffset) => {
        payload.resolveOffset(String(nextOffset - 1));
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: String(nextOffset) }] }] });
      },
      heartbeat: () => payload.heartbeat(),
      isActive: () => running && payload.isRunning() && !payload.isStale(),
    });
  };

  return {
    async start() {
      await consumer.connect();
      await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning });
      running = true;
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch });
      if (paused) consumer.pause([{ topic: options.topic }]);
    },
    pause() {
      paused = true;
      if (running) consumer.pause([{ topic: options.topic }]);
    },
    resume() {
      paused = false;
      if (running) consumer.resume([{ topic: options.topic }]);
    },
    async stop() {
      running = false;
      await consumer.disconnect();
    },
  };
}

function toEventMessage(topic: string, partition: number, message: KafkajsMessage): EventMessage {
  const timestamp = Number(message.timestamp);
  const logAppend = (message as { batchContext?: { timestampType?: number } }).batchContext?.timestampType === 1;
  const valid = Number.isSafeInteger(timestamp) && timestamp >= 0;
  return {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: valid ? timestamp : null,
    timestampType: valid ? (logAppend ? 'LOG_APPEND_TIME' : 'CREATE_TIME') : 'NO_TIMESTAMP_TYPE',
    key: message.key === null ? null : view(message.key),
    value: message.value === null ? null : view(message.value),
    headers: headers(message.headers),
  };
}

/** The bytes kafkajs decoded, as a plain Uint8Array over the same memory (they are only read). */
function view(bytes: Buffer): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

const NO_HEADERS: readonly KafkaHeader[] = Object.freeze([]);

function headers(raw: KafkajsMessage['headers']): KafkaHeader[] {
  if (raw === undefined) return NO_HEADERS as KafkaHeader[];
  const result: KafkaHeader[] = [];
  for (const [key, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) result.push({ key, value: null });
      else result.push({ key, value: typeof item === 'string' ? new TextEncoder().encode(item) : view(item) });
    }
  }
  return result;
}
