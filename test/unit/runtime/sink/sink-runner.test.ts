import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigDef } from '../../../../shared/api/config/index.ts';
import { RetriableException } from '../../../../shared/api/errors.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import { buildSinkRunner } from '../../../../shared/runtime/sink/build-sink-runner.ts';
import { ToleranceExceededError } from '../../../../shared/runtime/sink/sink-errors.ts';
import type { SinkRunner } from '../../../../shared/runtime/sink/sink-runner.ts';
import { fakeClock, jsonProps, message, RecordingProducer, ScriptedSinkTask, testRegistry } from './sink-test-support.ts';

const id = { connector: 'orders-sink', task: 0 };
const headerText = (record: { headers: readonly { key: string; value: Uint8Array | null }[] }, key: string) => {
  const header = record.headers.find((h) => h.key === key);
  return header?.value === null || header === undefined ? header?.value : Buffer.from(header.value).toString('utf8');
};

function runner(
  props: Record<string, string>,
  task = new ScriptedSinkTask(),
  producer = new RecordingProducer(),
  clock = fakeClock(),
): SinkRunner {
  return buildSinkRunner({
    id,
    taskConfig: { ...jsonProps, topics: 'orders', ...props },
    task,
    registry: testRegistry,
    producer,
    clock,
    log: () => undefined,
  });
}

const tolerateAll = {
  'errors.tolerance': 'all',
  'errors.deadletterqueue.topic.name': 'orders-dlq',
  'errors.deadletterqueue.context.headers.enable': 'true',
};

describe('SinkRunner', () => {
  it('when a batch converts cleanly, it opens its partitions, puts every record and flushes the next offsets', async () => {
    // Prepare
    const task = new ScriptedSinkTask();
    const sink = runner({}, task);

    // Act
    const result = await sink.run([message('orders', 0, 5, '{"id":1}'), message('orders', 0, 6, '{"id":2}'), message('orders', 1, 9, '7')]);

    // Assess
    assert.deepEqual(result.failures, []);
    assert.equal(result.put, 3);
    assert.deepEqual(task.calls, ['initialize', 'start', 'open orders-0,orders-1', 'put 3', 'flush orders-0=7,orders-1=10']);
    assert.deepEqual(
      task.written.map((record) => [record.kafkaOffset, record.value, record.headers.lastWithName('trace')?.value]),
      [
        [5, new Map([['id', 1n]]), 'abc'],
        [6, new Map([['id', 2n]]), 'abc'],
        [9, 7n, 'abc'],
      ],
    );
  });

  it('when partitions come back in later batches, it opens only new ones and closes all at stop', async () => {
    const task = new ScriptedSinkTask();
    const sink = runner({}, task);

    await sink.run([message('orders', 0, 1, '1')]);
    await sink.run([message('orders', 0, 2, '2'), message('orders', 2, 1, '3')]);
    await sink.stop();

    assert.deepEqual(
      task.calls.filter((call) => /^(open|close|stop)/.test(call)),
      ['open orders-0', 'open orders-2', 'close orders-0,orders-2', 'stop'],
    );
  });

  it('when tolerance is all, it dead-letters invalid JSON, a failed Cast and a reported record with the original bytes and Kafka Connect headers', async () => {
    // Prepare
    const task = new ScriptedSinkTask();
    task.onPut = async (records, context) => {
      for (const record of records)
        if (Number(record.value) === 666) await context.errantRecordReporter?.report(record, new Error('row rejected'));
    };
    const producer = new RecordingProducer();
    const sink = runner(
      { ...tolerateAll, transforms: 'cast', 'transforms.cast.type': 'Cast$Value', 'transforms.cast.spec': 'int32' },
      task,
      producer,
    );
    const poison = message('orders', 3, 11, '{not json', '"k1"');

    // Act
    const result = await sink.run([
      message('orders', 3, 10, '1'),
      poison,
      message('orders', 3, 12, '"abc"'),
      message('orders', 3, 13, '666'),
      message('orders', 3, 14, '2'),
    ]);

    // Assess
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      { put: result.put, skipped: result.skipped, deadLettered: result.deadLettered },
      { put: 3, skipped: 3, deadLettered: 3 },
    );
    assert.deepEqual(
      task.written.map((record) => record.kafkaOffset),
      [10, 13, 14],
    );
    const [invalid, uncastable, rejected] = producer.sent;
    assert.ok(invalid && uncastable && rejected);
    assert.equal(invalid.topic, 'orders-dlq');
    assert.equal(invalid.partition, null);
    assert.deepEqual(invalid.key, poison.key);
    assert.deepEqual(invalid.value, poison.value);
    assert.equal(invalid.timestamp, poison.timestamp);
    assert.deepEqual(
      invalid.headers.slice(0, 10).map((header) => header.key),
      [
        'trace',
        '__connect.errors.topic',
        '__connect.errors.partition',
        '__connect.errors.offset',
        '__connect.errors.connector.name',
        '__connect.errors.task.id',
        '__connect.errors.stage',
        '__connect.errors.class.name',
        '__connect.errors.exception.class.name',
        '__connect.errors.exception.message',
      ],
    );
    assert.deepEqual(
      ['topic', 'partition', 'offset', 'connector.name', 'task.id', 'stage', 'class.name', 'exception.class.name'].map((name) =>
        headerText(invalid, `__connect.errors.${name}`),
      ),
      [
        'orders',
        '3',
        '11',
        'orders-sink',
        '0',
        'VALUE_CONVERTER',
        'org.apache.kafka.connect.json.JsonConverter',
        'org.apache.kafka.connect.errors.DataException',
      ],
    );
    assert.match(
      String(headerText(invalid, '__connect.errors.exception.message')),
      /^Converting byte\[\] to Kafka Connect data failed due to serialization error/,
    );
    assert.match(
      String(headerText(invalid, '__connect.errors.exception.stacktrace')),
      /^org\.apache\.kafka\.connect\.errors\.DataException: Converting byte\[\].*\n\tat /,
    );
    assert.deepEqual(
      [
        headerText(uncastable, '__connect.errors.stage'),
        headerText(uncastable, '__connect.errors.class.name'),
        headerText(uncastable, '__connect.errors.offset'),
      ],
      ['TRANSFORMATION', 'org.apache.kafka.connect.transforms.Cast$Value', '12'],
    );
    assert.deepEqual(
      [
        headerText(rejected, '__connect.errors.stage'),
        headerText(rejected, '__connect.errors.class.name'),
        headerText(rejected, '__connect.errors.exception.class.name'),
        headerText(rejected, '__connect.errors.exception.message'),
      ],
      ['TASK_PUT', 'org.apache.kafka.connect.sink.SinkTask', 'Error', 'row rejected'],
    );
    assert.equal(Buffer.from(rejected.value ?? []).toString(), '666');
  });

  it('when context headers are disabled, the dead letter carries only the original headers', async () => {
    const producer = new RecordingProducer();
    const sink = runner({ 'errors.tolerance': 'all', 'errors.deadletterqueue.topic.name': 'dlq' }, new ScriptedSinkTask(), producer);

    await sink.run([message('orders', 0, 1, '{')]);

    assert.deepEqual(
      producer.sent.map((record) => record.headers.map((header) => header.key)),
      [['trace']],
    );
  });

  it('when tolerance is none, the first failure fails the whole batch and the task, naming the record, without a put', async () => {
    const task = new ScriptedSinkTask();
    const producer = new RecordingProducer();
    const sink = runner({ 'errors.deadletterqueue.topic.name': 'dlq' }, task, producer);

    const result = await sink.run([message('orders', 0, 1, '1'), message('orders', 1, 4, '2'), message('orders', 0, 2, '{oops')]);

    assert.deepEqual(result.failures, [
      { topic: 'orders', partition: 0, offset: 1 },
      { topic: 'orders', partition: 1, offset: 4 },
    ]);
    assert.equal(result.taskFailed, true);
    assert.ok(result.error instanceof ToleranceExceededError);
    assert.match(
      result.error.message,
      /Tolerance exceeded in error handler.*VALUE_CONVERTER.*orders-0@2 \(topic orders, partition 0, offset 2\)/,
    );
    assert.equal(task.calls.filter((call) => call.startsWith('put')).length, 0);
    assert.deepEqual(producer.sent, []);
  });

  it('when tolerance is none and batch item failures are reported, the other partitions and the records before the failure go through', async () => {
    const task = new ScriptedSinkTask();
    const sink = runner({}, task);

    const result = await sink.run(
      [message('orders', 0, 1, '1'), message('orders', 0, 2, '{oops'), message('orders', 0, 3, '3'), message('orders', 1, 4, '4')],
      { partial: true },
    );

    assert.deepEqual(result.failures, [{ topic: 'orders', partition: 0, offset: 2 }]);
    assert.equal(result.taskFailed, true);
    assert.deepEqual(
      task.written.map((record) => `${record.kafkaPartition}@${record.kafkaOffset}`),
      ['0@1', '1@4'],
    );
    assert.ok(task.calls.includes('flush orders-0=2,orders-1=5'));
  });

  it('when the task reports a record with tolerance none, the batch and the task fail even if the task swallowed the error', async () => {
    const task = new ScriptedSinkTask();
    task.onPut = async (records, context) => {
      await context.errantRecordReporter?.report(records[1] as never, new Error('duplicate key')).catch(() => undefined);
    };
    const sink = runner({}, task);

    const result = await sink.run([message('orders', 0, 1, '1'), message('orders', 0, 2, '2')], { partial: true });

    assert.deepEqual(result.failures, [{ topic: 'orders', partition: 0, offset: 1 }]);
    assert.equal(result.taskFailed, true);
    assert.match(String(result.error?.message), /TASK_PUT.*orders-0@2.*duplicate key/);
  });

  it('when put throws a RetriableException, it retries the same records with Kafka Connect backoff within errors.retry.timeout', async () => {
    const task = new ScriptedSinkTask();
    let failures = 2;
    task.onPut = () => {
      if (failures-- > 0) throw new RetriableException('database busy');
    };
    const clock = fakeClock();
    const sink = runner({ 'errors.retry.timeout': '10000', 'errors.retry.delay.max.ms': '60000' }, task, new RecordingProducer(), clock);

    const result = await sink.run([message('orders', 0, 1, '1'), message('orders', 0, 2, '2')]);

    assert.deepEqual(result.failures, []);
    assert.deepEqual(clock.sleeps, [300, 600]);
    assert.deepEqual(
      task.calls.filter((call) => call.startsWith('put')),
      ['put 2', 'put 2', 'put 2'],
    );
  });

  it('when retries run out, the batch fails without failing the task, and the backoff never passes the timeout or the cap', async () => {
    const task = new ScriptedSinkTask();
    task.onPut = () => {
      throw new RetriableException('database down');
    };
    const clock = fakeClock();
    const sink = runner({ 'errors.retry.timeout': '2000', 'errors.retry.delay.max.ms': '500' }, task, new RecordingProducer(), clock);

    const result = await sink.run([message('orders', 0, 1, '1')]);

    assert.deepEqual(result.failures, [{ topic: 'orders', partition: 0, offset: 1 }]);
    assert.equal(result.taskFailed, false);
    assert.match(String(result.error?.message), /put failed.*database down.*will be delivered again/);
    // 300, then 600 > cap → random below the cap (0.5 × 500), repeated until the 2 s deadline, the last one cut to fit.
    assert.deepEqual(clock.sleeps, [300, 250, 250, 250, 250, 250, 250, 200]);
  });

  it('when errors.retry.timeout is 0, a retriable put failure is not retried', async () => {
    const task = new ScriptedSinkTask();
    task.onPut = () => {
      throw new RetriableException('busy');
    };
    const clock = fakeClock();

    const result = await runner({}, task, new RecordingProducer(), clock).run([message('orders', 0, 1, '1')]);

    assert.equal(result.failures.length, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('when preCommit keeps some offsets back, those partitions are reported from where the task stopped', async () => {
    const task = new ScriptedSinkTask();
    const sink = runner({}, task);
    Object.assign(task, {
      preCommit: (offsets: Map<string, { partition: { topic: string; partition: number }; offset: number }>) =>
        new Map([...offsets].map(([key, entry]) => [key, key === 'orders-0' ? { ...entry, offset: 2 } : entry])),
    });

    const result = await sink.run([message('orders', 0, 1, '1'), message('orders', 0, 2, '2'), message('orders', 1, 1, '3')], {
      partial: true,
    });

    assert.deepEqual(result.failures, [{ topic: 'orders', partition: 0, offset: 2 }]);
    assert.equal(result.taskFailed, false);
  });

  it('when the dead letter topic cannot be written, the batch fails as retriable and nothing is put', async () => {
    const task = new ScriptedSinkTask();
    const producer = new RecordingProducer();
    producer.failWith = new Error('UNKNOWN_TOPIC_OR_PARTITION');

    const result = await runner(tolerateAll, task, producer).run([message('orders', 0, 1, '{'), message('orders', 0, 2, '2')]);

    assert.deepEqual(result.failures, [{ topic: 'orders', partition: 0, offset: 1 }]);
    assert.equal(result.taskFailed, false);
    assert.match(String(result.error?.message), /dead letter queue topic orders-dlq.*UNKNOWN_TOPIC_OR_PARTITION/);
    assert.equal(task.calls.filter((call) => call.startsWith('put')).length, 0);
  });
});

describe('SinkRunner conversion retries', () => {
  it('when a converter throws a RetriableException, it retries the record with backoff, then applies the tolerance', async () => {
    // Prepare
    const clock = fakeClock();
    const producer = new RecordingProducer();
    const flaky = {
      calls: 0,
      toConnectData() {
        this.calls++;
        throw new RetriableException('schema registry unavailable');
      },
    };

    // Act
    const result = await buildSinkRunner({
      id,
      taskConfig: { ...jsonProps, topics: 'orders', ...tolerateAll, 'errors.retry.timeout': '1000' },
      task: new ScriptedSinkTask(),
      // Key and value converter: one that never recovers.
      registry: new PluginRegistry([
        ...testRegistry.list().filter((plugin) => plugin.kind !== 'converter'),
        {
          kind: 'converter',
          className: 'org.apache.kafka.connect.json.JsonConverter',
          create: () => ({
            configure: () => undefined,
            config: () => new ConfigDef(),
            fromConnectData: () => null,
            toConnectData: () => flaky.toConnectData(),
          }),
        },
      ]),
      producer,
      clock,
      log: () => undefined,
    }).run([message('orders', 0, 1, '1')]);

    // Assess
    assert.deepEqual(result.failures, []);
    assert.equal(result.deadLettered, 1);
    assert.deepEqual(clock.sleeps, [300, 600, 100]);
    assert.equal(flaky.calls, 4);
    assert.equal(
      headerText(producer.sent[0] as never, '__connect.errors.exception.class.name'),
      'org.apache.kafka.connect.errors.RetriableException',
    );
  });
});
