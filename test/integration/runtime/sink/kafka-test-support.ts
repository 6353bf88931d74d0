// Real-broker helpers for the sink runtime's integration tests: topics, producing, reading a topic
// back, the group's committed offsets, and waiting for a condition.
import type { Admin, IHeaders } from 'kafkajs';
import { createKafka } from '../../../../shared/kafka/client.ts';
import { stack } from '../../../support/stack.ts';

export const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId: 'sink-runtime-test' });

export async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

export function createTopic(topic: string, partitions = 1): Promise<unknown> {
  return withAdmin((admin) => admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true }));
}

export interface TestMessage {
  readonly partition?: number;
  readonly key?: string | null;
  readonly value: string | Buffer | null;
  readonly headers?: IHeaders;
}

export async function produce(topic: string, messages: readonly TestMessage[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m, key: m.key ?? null, partition: m.partition ?? 0 })) });
  } finally {
    await producer.disconnect();
  }
}

/** The group's committed offset per partition (-1: none). */
export function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  return withAdmin(async (admin) => {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  });
}

export interface ReadRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, Buffer | null>;
}

/** Every record of the topic, read with a throwaway group until `count` arrived. */
export async function readTopic(topic: string, count: number, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const records: ReadRecord[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${records.length} of ${count} records arrived in ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, Buffer | null> = {};
          for (const [key, value] of Object.entries(message.headers ?? {}))
            headers[key] = value === undefined ? null : Buffer.isBuffer(value) ? value : Buffer.from(String(value));
          records.push({ partition, offset: Number(message.offset), key: message.key, value: message.value, headers });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/** Polls `condition` until it holds or the time is up. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
