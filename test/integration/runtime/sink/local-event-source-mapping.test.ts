import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LocalEventSourceMappings, type SinkEventHandler } from '../../../../shared/control/local/local-event-source-mapping.ts';
import type { SinkMapping } from '../../../../shared/control/ports/event-source-mapping.ts';
import { type KafkaEvent, parseKafkaEvent } from '../../../../shared/kafka/esm-event.ts';
import { stack, uniqueName } from '../../../support/stack.ts';
import { committedOffsets, createTopic, eventually, kafka, produce } from './kafka-test-support.ts';

const open: LocalEventSourceMappings[] = [];
after(async () => {
  await Promise.all(open.map((mappings) => mappings.close()));
});

function mappings(handler: SinkEventHandler): LocalEventSourceMappings {
  const local = new LocalEventSourceMappings({
    connection: { brokers: stack.kafkaBrokers },
    handler,
    retryDelayMs: 100,
    log: () => undefined,
  });
  open.push(local);
  return local;
}

function mapping(topic: string, overrides: Partial<SinkMapping> = {}): SinkMapping {
  return {
    connector: uniqueName('sink'),
    topic,
    groupId: uniqueName('connect-sink'),
    enabled: true,
    batchSize: 100,
    batchingWindowSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: false,
    ...overrides,
  };
}

const offsetsOf = (event: KafkaEvent) => Object.values(event.records).flatMap((records) => records.map((record) => Number(record.offset)));

describe('LocalEventSourceMappings', () => {
  it('when records arrive, it delivers them in the exact ESM event shape, in batches no bigger than the batch size, and commits', async () => {
    // Prepare
    const topic = uniqueName('esm-shape');
    await createTopic(topic, 2);
    await produce(topic, [
      { partition: 1, key: 'k1', value: '{"id":1}', headers: { trace: 'abc' } },
      { partition: 1, key: null, value: null },
      { partition: 1, value: 'three' },
      { partition: 0, value: 'p0' },
    ]);
    const events: KafkaEvent[] = [];
    const sink = mapping(topic, { batchSize: 2 });

    // Act
    await mappings(async (event) => {
      events.push(JSON.parse(JSON.stringify(event)));
    }).put(sink);
    await eventually(() => events.flatMap(offsetsOf).length === 4, 'four records');

    // Assess
    for (const event of events) {
      assert.deepEqual(Object.keys(event).sort(), ['bootstrapServers', 'eventSource', 'records']);
      assert.equal(event.eventSource, 'SelfManagedKafka');
      assert.equal(event.bootstrapServers, stack.kafkaBrokers.join(','));
      assert.ok(offsetsOf(event).length <= 2);
    }
    const first = events.find((event) => event.records[`${topic}-1`]?.[0]?.offset === 0);
    const record = first?.records[`${topic}-1`]?.[0];
    assert.deepEqual(Object.keys(record ?? {}).sort(), [
      'headers',
      'key',
      'offset',
      'partition',
      'timestamp',
      'timestampType',
      'topic',
      'value',
    ]);
    assert.equal(record?.key, Buffer.from('k1').toString('base64'));
    assert.equal(record?.value, Buffer.from('{"id":1}').toString('base64'));
    assert.deepEqual(record?.headers, [{ trace: [...Buffer.from('abc')] }]);
    assert.equal(record?.timestampType, 'CREATE_TIME');
    const tombstone = parseKafkaEvent(first).find((message) => message.offset === 1);
    assert.deepEqual([tombstone?.key, tombstone?.value], [null, null]);
    await eventually(async () => {
      const offsets = await committedOffsets(sink.groupId, topic);
      return offsets.get(0) === 1 && offsets.get(1) === 3;
    }, 'offsets 1 and 3 committed');
  });

  it('when the handler fails, it delivers the same batch again and commits only after it succeeded', async () => {
    const topic = uniqueName('esm-retry');
    await createTopic(topic);
    await produce(topic, [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const deliveries: number[][] = [];
    const sink = mapping(topic, { batchSize: 2 });
    let failures = 2;
    const committedWhileFailing: (number | undefined)[] = [];

    await mappings(async (event) => {
      deliveries.push(offsetsOf(event));
      if (failures-- > 0) {
        committedWhileFailing.push((await committedOffsets(sink.groupId, topic)).get(0));
        throw new Error('sink down');
      }
    }).put(sink);
    await eventually(() => deliveries.some((offsets) => offsets.includes(2)), 'the last record');

    assert.deepEqual(deliveries.slice(0, 4), [[0, 1], [0, 1], [0, 1], [2]]);
    assert.deepEqual(committedWhileFailing, [-1, -1]);
    await eventually(async () => (await committedOffsets(sink.groupId, topic)).get(0) === 3, 'offset 3 committed');
  });

  it('when the handler reports a batch item failure, it commits up to it and delivers the remainder of that batch again', async () => {
    const topic = uniqueName('esm-partial');
    await createTopic(topic);
    await produce(topic, [{ value: '0' }, { value: '1' }, { value: '2' }, { value: '3' }]);
    const deliveries: number[][] = [];
    const sink = mapping(topic, { batchSize: 3, reportBatchItemFailures: true });
    let failOnce = true;

    await mappings(async (event) => {
      deliveries.push(offsetsOf(event));
      if (failOnce) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: { partition: `${topic}-0`, offset: 1 } }] };
      }
      return { batchItemFailures: [] };
    }).put(sink);
    await eventually(() => deliveries.some((offsets) => offsets.includes(3)), 'the last record');

    assert.deepEqual(deliveries, [[0, 1, 2], [1, 2], [3]]);
    await eventually(async () => (await committedOffsets(sink.groupId, topic)).get(0) === 4, 'offset 4 committed');
  });

  it('when the mapping is disabled, nothing is delivered until it is enabled again, and remove stops delivery', async () => {
    const topic = uniqueName('esm-paused');
    await createTopic(topic);
    const delivered: number[] = [];
    const local = mappings(async (event) => {
      delivered.push(...offsetsOf(event));
    });
    const sink = mapping(topic, { enabled: false });
    await local.put(sink);
    await produce(topic, [{ value: 'x' }]);

    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(delivered, []);
    assert.deepEqual(
      (await local.list(sink.connector)).map((m) => m.enabled),
      [false],
    );

    await local.put({ ...sink, enabled: true });
    await eventually(() => delivered.length === 1, 'the record after enabling');
    await local.remove(sink.connector);
    await produce(topic, [{ value: 'y' }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    assert.deepEqual(delivered, [0]);
    assert.deepEqual(await local.list(sink.connector), []);
  });

  it('when a batching window is set, records that arrive within it are delivered together', async () => {
    const topic = uniqueName('esm-window');
    await createTopic(topic);
    const deliveries: number[][] = [];
    await mappings(async (event) => {
      deliveries.push(offsetsOf(event));
    }).put(mapping(topic, { batchingWindowSeconds: 2 }));

    await produce(topic, [{ value: 'a' }]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await produce(topic, [{ value: 'b' }, { value: 'c' }]);
    await eventually(() => deliveries.flat().length === 3, 'three records', 15_000);

    assert.deepEqual(deliveries, [[0, 1, 2]]);
  });

  it('when a transaction wrote the records, its commit marker past them does not keep the partial batch from going after its window', async () => {
    // Prepare: two records and the commit marker after them (offset 2), so the partition ends past the last record.
    const topic = uniqueName('esm-txn');
    await createTopic(topic);
    const producer = kafka.producer({ transactionalId: uniqueName('txn'), idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
    await transaction.commit();
    await producer.disconnect();
    const deliveries: number[][] = [];
    const local = new LocalEventSourceMappings({
      connection: { brokers: stack.kafkaBrokers },
      handler: async (event) => {
        deliveries.push(offsetsOf(event));
      },
      minimumBatchingWindowMs: 500,
      log: () => undefined,
    });
    open.push(local);

    // Act
    await local.put(mapping(topic));
    await eventually(() => deliveries.length > 0, 'the two records', 15_000);

    // Assess
    assert.deepEqual(deliveries, [[0, 1]]);
  });
});
