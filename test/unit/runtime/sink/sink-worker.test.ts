import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorAliases, invokedAlias } from '../../../../functions/sink-task/connector-alias.ts';
import { sinkAliasName } from '../../../../shared/control/aws/resource-names.ts';
import { buildKafkaEvent, type EventMessage } from '../../../../shared/kafka/esm-event.ts';
import type { PluginDescriptor } from '../../../../shared/plugins/plugin.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import { SinkWorker } from '../../../../shared/runtime/sink/sink-worker.ts';
import { createMemoryStores } from '../../../../shared/stores/memory/stores.ts';
import { fakeClock, jsonProps, message, RecordingProducer, ScriptedSinkTask, testRegistry } from './sink-test-support.ts';

const SINK_CLASS = 'com.example.ScriptedSink';

function setup(config: Record<string, string> = {}) {
  const tasks: ScriptedSinkTask[] = [];
  const sinkPlugin = {
    kind: 'sink',
    className: SINK_CLASS,
    create: () => {
      throw new Error('not used');
    },
    createTask: () => {
      const task = new ScriptedSinkTask();
      tasks.push(task);
      return task;
    },
  } as unknown as PluginDescriptor;
  const registry = new PluginRegistry([...testRegistry.list(), sinkPlugin]);
  const stores = createMemoryStores();
  const producer = new RecordingProducer();
  const clock = fakeClock();
  let configReads = 0;
  const worker = new SinkWorker({
    configs: {
      get: (name) => {
        configReads++;
        return stores.configs.get(name);
      },
      getTasks: (name) => stores.configs.getTasks(name),
    },
    statuses: stores.statuses,
    registry,
    producers: { producer: async () => producer },
    workerId: 'test-worker',
    clock,
    log: () => undefined,
  });
  const props = { name: 'orders-sink', 'connector.class': SINK_CLASS, topics: 'orders', ...jsonProps, ...config };
  const create = async () => {
    await stores.configs.create('orders-sink', props);
    return stores.configs.putTasks('orders-sink', [{ ...props, 'task.class': 'ScriptedSinkTask' }], 0);
  };
  return { tasks, stores, producer, worker, props, create, clock, configReads: () => configReads };
}

const event = (...messages: EventMessage[]) => buildKafkaEvent(messages, { bootstrapServers: 'b:9092' });
const eventMessage = (partition: number, offset: number, value: string): EventMessage => ({
  ...message('orders', partition, offset, value),
  timestampType: 'CREATE_TIME',
});

describe('SinkWorker', () => {
  it('when a batch succeeds, it answers nothing, or an empty batchItemFailures list when the mapping reports them', async () => {
    const { worker, create, tasks } = setup();
    await create();

    const plain = await worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, 1, '1')), reportBatchItemFailures: false });
    const partial = await worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, 2, '2')), reportBatchItemFailures: true });

    assert.equal(plain, undefined);
    assert.deepEqual(partial, { batchItemFailures: [] });
    assert.equal(tasks.length, 1, 'the task is kept while warm');
    assert.equal(tasks[0]?.written.length, 2);
  });

  it('when batches come back to back, the connector is read once a second, and a config change takes effect after that second', async () => {
    // Prepare
    const { worker, create, stores, props, tasks, clock, configReads } = setup();
    await create();
    const batch = (offset: number) =>
      worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, offset, String(offset))), reportBatchItemFailures: false });

    // Act
    for (let offset = 1; offset <= 5; offset++) await batch(offset);
    const readsWhileWarm = configReads();
    await stores.configs.update('orders-sink', { ...props, 'errors.tolerance': 'all' }, 1);
    await batch(6);
    const tasksBeforeExpiry = tasks.length;
    await clock.sleep(1000);
    await batch(7);

    // Assess
    assert.equal(readsWhileWarm, 1);
    assert.equal(tasksBeforeExpiry, 1, 'the change waits for the state to be read again');
    assert.equal(tasks.length, 2, 'then the task is rebuilt with the new config');
    assert.equal(configReads(), 2);
  });

  it('when a record fails with tolerance none and the mapping reports item failures, it answers the first failed offset per partition and sets the task FAILED', async () => {
    const { worker, create, stores } = setup();
    const generation = await create();

    const response = await worker.handle({
      connector: 'orders-sink',
      event: event(eventMessage(0, 1, '1'), eventMessage(0, 2, '{bad'), eventMessage(0, 3, '3'), eventMessage(1, 7, '7')),
      reportBatchItemFailures: true,
    });

    assert.deepEqual(response, { batchItemFailures: [{ itemIdentifier: { partition: 'orders-0', offset: 2 } }] });
    const status = (await stores.statuses.get('orders-sink')).tasks[0];
    assert.equal(status?.state, 'FAILED');
    assert.equal(status?.generation, generation);
    assert.equal(status?.workerId, 'test-worker');
    assert.match(
      String(status?.trace),
      /^org\.apache\.kafka\.connect\.errors\.ConnectException: Tolerance exceeded in error handler.*offset 2\)/,
    );
    assert.match(
      String(status?.trace),
      /\nCaused by: org\.apache\.kafka\.connect\.errors\.DataException: Converting byte\[\] to Kafka Connect data failed/,
    );
  });

  it('when a record fails with tolerance none, the invocation fails, and later batches are refused until the task is restarted', async () => {
    const { worker, create, stores, props, tasks } = setup();
    await create();
    const bad = { connector: 'orders-sink', event: event(eventMessage(0, 1, '{bad')), reportBatchItemFailures: false };

    await assert.rejects(worker.handle(bad), /Tolerance exceeded in error handler.*orders-0@1/);
    await assert.rejects(
      worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, 2, '2')), reportBatchItemFailures: false }),
      /task 0 is FAILED; restart it/,
    );
    // A restart moves the task configs to a new generation: the task is rebuilt and runs again.
    await stores.configs.putTasks('orders-sink', [{ ...props }], (await stores.configs.getTasks('orders-sink'))?.generation ?? 0);
    await worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, 2, '2')), reportBatchItemFailures: false });

    assert.equal(tasks.length, 2);
    assert.ok(tasks[0]?.calls.includes('stop'), 'the old task is stopped');
    assert.equal(tasks[1]?.written.length, 1);
  });

  it('when the connector is paused or gone, the batch is refused so that it is not committed', async () => {
    const { worker, create, stores } = setup();
    await create();
    await stores.configs.setTargetState('orders-sink', 'PAUSED');

    await assert.rejects(
      worker.handle({ connector: 'orders-sink', event: event(eventMessage(0, 1, '1')), reportBatchItemFailures: false }),
      /is PAUSED/,
    );
    await assert.rejects(
      worker.handle({ connector: 'other', event: event(eventMessage(0, 1, '1')), reportBatchItemFailures: false }),
      /does not exist/,
    );
  });

  it('when tolerance is all, failing records reach the dead letter topic through the producer and the batch succeeds', async () => {
    const { worker, create, producer } = setup({ 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': 'orders-dlq' });
    await create();

    const response = await worker.handle({
      connector: 'orders-sink',
      event: event(eventMessage(0, 1, '{bad'), eventMessage(0, 2, '2')),
      reportBatchItemFailures: false,
    });

    assert.equal(response, undefined);
    assert.deepEqual(
      producer.sent.map((record) => [record.topic, Buffer.from(record.value ?? []).toString()]),
      [['orders-dlq', '{bad']],
    );
  });
});

describe('connector aliases', () => {
  it('when invoked through an alias, it finds the connector, also behind a sanitized alias', async () => {
    const { stores } = setup();
    await stores.configs.create('plain-name', { 'connector.class': SINK_CLASS });
    await stores.configs.create('needs sanitizing/ü', { 'connector.class': SINK_CLASS });
    const aliases = new ConnectorAliases(stores.configs);
    const arn = (alias: string) => `arn:aws:lambda:eu-west-1:123456789012:function:copycat-sink:${alias}`;

    assert.equal(await aliases.connectorOf(invokedAlias(arn('sink-plain-name'))), 'plain-name');
    assert.equal(await aliases.connectorOf(invokedAlias(arn(sinkAliasName('needs sanitizing/ü')))), 'needs sanitizing/ü');
    await assert.rejects(aliases.connectorOf('sink-unknown'), /No sink connector has the alias sink-unknown/);
    assert.throws(
      () => invokedAlias('arn:aws:lambda:eu-west-1:123456789012:function:copycat-sink'),
      /not through a sink-<connector> alias/,
    );
  });
});
