import type { Admin, Kafka } from 'kafkajs';
import { createKafka, type KafkaConnection } from './client.ts';
import { describeKafkaError, isRetriableKafkaError, KafkaAdapterError, TopicCreationError } from './errors.ts';
import { KafkajsRecordProducer, RememberingPartitioner } from './kafkajs-producer.ts';
import { type ProducerOptions, producerOptions } from './producer-options.ts';
import type { NewTopicSpec, RecordProducer, RecordProducerFactory, TopicAdmin } from './record-producer.ts';

/**
 * The Kafka clients of one process: producers shared by every connector with the same producer
 * settings, and one admin client. A Lambda keeps one instance at module level, so warm
 * invocations reuse connected producers; standalone keeps one for the worker's life.
 */
export class KafkaClients implements RecordProducerFactory, TopicAdmin {
  readonly #connection: KafkaConnection;
  readonly #kafkas = new Map<string, Kafka>();
  readonly #producers = new Map<string, Promise<KafkajsRecordProducer>>();
  #admin: Promise<Admin> | undefined;

  constructor(connection: KafkaConnection) {
    this.#connection = connection;
  }

  async producer(overrides: Readonly<Record<string, string>>): Promise<RecordProducer> {
    const options = producerOptions(overrides);
    const cacheKey = JSON.stringify(options);
    let producer = this.#producers.get(cacheKey);
    if (producer === undefined) {
      producer = this.#connect(options, cacheKey);
      this.#producers.set(cacheKey, producer);
      // A failed connection is not cached: the next run tries again.
      producer.catch(() => this.#producers.delete(cacheKey));
    }
    return producer;
  }

  /** Drops a producer that failed, so the next call connects afresh (kafkajs producers can be left unusable). */
  async discard(producer: RecordProducer): Promise<void> {
    for (const [key, cached] of this.#producers)
      if ((await cached.catch(() => undefined)) === producer) {
        this.#producers.delete(key);
        await producer.close().catch(() => undefined);
      }
  }

  async existingTopics(topics: readonly string[]): Promise<Set<string>> {
    const admin = await this.#adminClient();
    const all = new Set(await admin.listTopics());
    return new Set(topics.filter((topic) => all.has(topic)));
  }

  async createTopic(spec: NewTopicSpec): Promise<boolean> {
    const admin = await this.#adminClient();
    try {
      return await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: spec.topic,
            numPartitions: spec.partitions,
            replicationFactor: spec.replicationFactor,
            configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
          },
        ],
      });
    } catch (error) {
      if (error instanceof Error && /already exists/i.test(describeKafkaError(error))) return false;
      throw new TopicCreationError(spec.topic, describeKafkaError(error), { cause: error, retriable: isRetriableKafkaError(error) });
    }
  }

  async close(): Promise<void> {
    const producers = [...this.#producers.values()];
    this.#producers.clear();
    const admin = this.#admin;
    this.#admin = undefined;
    await Promise.all([
      ...producers.map((producer) => producer.then((p) => p.close()).catch(() => undefined)),
      admin?.then((a) => a.disconnect()).catch(() => undefined),
    ]);
  }

  #kafka(clientId: string | undefined): Kafka {
    const key = clientId ?? '';
    let kafka = this.#kafkas.get(key);
    if (kafka === undefined) {
      kafka = createKafka(clientId === undefined ? this.#connection : { ...this.#connection, clientId });
      this.#kafkas.set(key, kafka);
    }
    return kafka;
  }

  async #connect(options: ProducerOptions, cacheKey: string): Promise<KafkajsRecordProducer> {
    const partitioner = new RememberingPartitioner(options);
    const producer = this.#kafka(options.clientId).producer({
      createPartitioner: () => partitioner.partition,
      idempotent: options.idempotent,
      maxInFlightRequests: options.maxInFlightRequests,
      metadataMaxAge: options.metadataMaxAgeMs,
      allowAutoTopicCreation: options.allowAutoTopicCreation,
      retry: { retries: options.retries, initialRetryTime: options.initialRetryTimeMs, maxRetryTime: options.maxRetryTimeMs },
    });
    try {
      await producer.connect();
    } catch (error) {
      throw new KafkaAdapterError(`Could not connect a producer to Kafka: ${describeKafkaError(error)}`, {
        cause: error,
        // Authentication is refused the same way next time; a broker that is down may be back.
        retriable: !/SASL|authentication/i.test(describeKafkaError(error)),
      });
    }
    return new KafkajsRecordProducer(producer, partitioner, options, () => this.#producers.delete(cacheKey));
  }

  #adminClient(): Promise<Admin> {
    if (this.#admin === undefined) {
      const admin = this.#kafka(undefined).admin();
      this.#admin = admin.connect().then(() => admin);
      this.#admin.catch(() => {
        this.#admin = undefined;
      });
    }
    return this.#admin;
  }
}
