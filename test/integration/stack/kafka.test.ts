import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Admin } from 'kafkajs';
import { createKafka } from '../../../shared/kafka/client.ts';
import { stack, uniqueName } from '../../support/stack.ts';

describe('the local Kafka broker, through kafkajs', () => {
  const kafka = createKafka({ brokers: stack.kafkaBrokers, clientId: 'stack-test' });
  let admin: Admin;

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  after(async () => {
    await admin.disconnect();
  });

  it('when a topic is created with 3 partitions, it reports 3 partitions', async () => {
    // Prepare
    const topic = uniqueName('three');
    // Act
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    // Assess
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.deepEqual(metadata.topics[0]?.partitions.map((p) => p.partitionId).sort(), [0, 1, 2]);
  });

  it('when an idempotent producer sends a keyed record with headers, a consumer group reads it back and commits', async () => {
    // Prepare
    const topic = uniqueName('roundtrip');
    const groupId = uniqueName('group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId });
    await producer.connect();
    await consumer.connect();
    try {
      // Act
      const [ack] = await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'order-1', value: '{"id":1}', headers: { source: 'test' } }],
      });
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = await new Promise<{ key?: string; value?: string; header?: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve({ key: message.key?.toString(), value: message.value?.toString(), header: message.headers?.source?.toString() }),
        });
      });
      await consumer.stop();
      // Assess
      assert.equal(ack?.errorCode, 0);
      assert.deepEqual(received, { key: 'order-1', value: '{"id":1}', header: 'test' });
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      assert.equal(offsets?.partitions[0]?.offset, '1');
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });
});
