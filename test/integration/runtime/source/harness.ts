// What the source runtime's integration tests share: a fresh table on DynamoDB Local, the real
// broker through Copycat's Kafka adapter, a runner with the built-in converters and transforms,
// and a reader that returns everything a topic holds.
import { randomUUID } from 'node:crypto';
import type { ConnectorProps } from '../../../../shared/api/connector/connector.ts';
import { datagenPlugin } from '../../../../shared/connectors/datagen/datagen-connector.ts';
import { fileStreamSourcePlugin } from '../../../../shared/connectors/file/file-stream-source-connector.ts';
import { converterPlugins } from '../../../../shared/converters/index.ts';
import { createKafka } from '../../../../shared/kafka/client.ts';
import { KafkaClients } from '../../../../shared/kafka/kafka-clients.ts';
import type { PluginDescriptor } from '../../../../shared/plugins/plugin.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import { silentLogger } from '../../../../shared/runtime/source/logger.ts';
import { SourceRunner, type SourceRunnerOptions } from '../../../../shared/runtime/source/source-runner.ts';
import { createDynamoDbClient } from '../../../../shared/stores/dynamodb/client.ts';
import { createDynamoDbStores, ensureTable, type Stores } from '../../../../shared/stores/index.ts';
import { transformPlugins } from '../../../../shared/transforms/index.ts';
import { stack, uniqueName } from '../../../support/stack.ts';

export interface TopicMessage {
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly timestamp: number;
}

export function registryWith(...plugins: PluginDescriptor[]): PluginRegistry {
  return new PluginRegistry([...converterPlugins, ...transformPlugins, fileStreamSourcePlugin, datagenPlugin, ...plugins]);
}

/** A table of its own, stores on it, and Kafka clients: call `close()` after the test. */
export async function openHarness(): Promise<{
  stores: Stores;
  kafka: KafkaClients;
  tableName: string;
  runner: (options?: Partial<SourceRunnerOptions>) => SourceRunner;
  close: () => Promise<void>;
}> {
  const client = createDynamoDbClient(stack.dynamoDbEndpoint);
  const tableName = uniqueName('source');
  await ensureTable(client, tableName);
  const stores = createDynamoDbStores({ client, tableName });
  const kafka = new KafkaClients({ brokers: stack.kafkaBrokers, clientId: 'source-test' });
  return {
    stores,
    kafka,
    tableName,
    runner: (options = {}) =>
      new SourceRunner({
        stores,
        registry: registryWith(),
        producers: kafka,
        topicAdmin: kafka,
        discardProducer: (producer) => kafka.discard(producer),
        workerId: 'test-worker',
        logger: silentLogger,
        ...options,
      }),
    close: async () => {
      await kafka.close();
      client.destroy();
    },
  };
}

/** Stores a connector and its task configs as the reconciler would; returns the generation. */
export async function createConnector(
  stores: Stores,
  name: string,
  config: ConnectorProps,
  tasks: ConnectorProps[] = [config],
): Promise<number> {
  await stores.configs.create(name, { name, ...config });
  return stores.configs.putTasks(name, tasks, 0);
}

export async function createTopic(topic: string, partitions = 1): Promise<void> {
  const admin = createKafka({ brokers: stack.kafkaBrokers, clientId: 'source-test-admin' }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

/** Every record the topic holds now, by partition then offset. */
export async function readTopic(topic: string, timeoutMs = 20_000): Promise<TopicMessage[]> {
  const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId: 'source-test-reader' });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const expected = new Map(ends.map((end) => [end.partition, Number(end.high)]));
  const total = [...expected.values()].reduce((sum, high) => sum + high, 0);
  const messages: TopicMessage[] = [];
  if (total === 0) return messages;
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${messages.length} of ${total} records of ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({
            partition,
            offset: Number(message.offset),
            key: message.key,
            value: message.value,
            headers: message.headers ?? {},
            timestamp: Number(message.timestamp),
          });
          if (messages.length >= total) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** A Lambda-like remaining-time function: `ms` from now. */
export function remainingFor(ms: number): () => number {
  const end = Date.now() + ms;
  return () => end - Date.now();
}

export function runId(): string {
  return randomUUID();
}
