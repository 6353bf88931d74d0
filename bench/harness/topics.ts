// The broker side of the harness: topics created explicitly (same partitions for both workers),
// end offsets, and a look at single records to compare what both sides wrote.
import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel } from 'kafkajs';

/** Every topic of the benchmark has one partition, so a sink sees the source's order and both sides run one task. */
export const TOPIC_PARTITIONS = 1;

/** A record's key and value as the broker holds them (hex, null for null). */
export interface StoredRecord {
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
}

export class BenchTopics {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #created: string[] = [];

  private constructor(kafka: Kafka, admin: Admin) {
    this.#kafka = kafka;
    this.#admin = admin;
  }

  static async connect(brokers: readonly string[]): Promise<BenchTopics> {
    const kafka = new Kafka({ clientId: 'copycat-bench', brokers: [...brokers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return new BenchTopics(kafka, admin);
  }

  async create(topic: string): Promise<void> {
    await this.#admin.createTopics({ topics: [{ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    this.#created.push(topic);
  }

  /** Records in the topic: the sum of its partitions' end offsets (the topics are fresh, so they start at 0). */
  async endOffset(topic: string): Promise<number> {
    const offsets = await this.#admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  }

  /** The records at these offsets (ascending) of partition 0, read with a throwaway consumer group. */
  async recordsAt(topic: string, offsets: readonly number[]): Promise<StoredRecord[]> {
    const groupId = `copycat-bench-peek-${randomUUID()}`;
    const consumer = this.#kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const found: StoredRecord[] = [];
    const wanted = [...offsets];
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          const want = wanted[found.length];
          if (want === undefined || Number(message.offset) !== want) return;
          found.push({ offset: want, key: message.key?.toString('hex') ?? null, value: message.value?.toString('hex') ?? null });
          const next = wanted[found.length];
          if (next === undefined) done();
          else consumer.seek({ topic, partition: 0, offset: String(next) });
        },
      });
      if (wanted[0] === undefined) return found;
      consumer.seek({ topic, partition: 0, offset: String(wanted[0]) });
      await withTimeout(all, 60_000, `records ${wanted.join(', ')} of ${topic}`);
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await this.#admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found;
  }

  /** Deletes the topics this run created. */
  async deleteCreated(): Promise<void> {
    if (this.#created.length === 0) return;
    await this.#admin.deleteTopics({ topics: this.#created.splice(0) }).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#admin.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not read within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
