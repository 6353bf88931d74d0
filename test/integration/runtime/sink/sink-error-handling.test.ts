import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectorProps } from '../../../../shared/api/connector/connector.ts';
import type { PartitionOffsets, SinkTask, SinkTaskContext } from '../../../../shared/api/connector/sink-task.ts';
import type { SinkRecord } from '../../../../shared/api/record/sink-record.ts';
import { FileStreamSinkTask, fileStreamSinkPlugin } from '../../../../shared/connectors/file/file-stream-sink.ts';
import { LocalEventSourceMappings } from '../../../../shared/control/local/local-event-source-mapping.ts';
import type { SinkMapping } from '../../../../shared/control/ports/event-source-mapping.ts';
import { KafkaClients } from '../../../../shared/kafka/kafka-clients.ts';
import type { PluginDescriptor } from '../../../../shared/plugins/plugin.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import { SinkWorker } from '../../../../shared/runtime/sink/sink-worker.ts';
import { createDynamoDbClient } from '../../../../shared/stores/dynamodb/client.ts';
import { createDynamoDbStores } from '../../../../shared/stores/dynamodb/stores.ts';
import { ensureTable } from '../../../../shared/stores/dynamodb/table.ts';
import { stack, uniqueName } from '../../../support/stack.ts';
import { testRegistry } from '../../../unit/runtime/sink/sink-test-support.ts';
import { committedOffsets, createTopic, eventually, produce, readTopic } from './kafka-test-support.ts';

/** FileStreamSink that rejects the value 666 through the errant record reporter, as a database rejects a row. */
class RejectingFileSinkTask implements SinkTask {
  readonly #file = new FileStreamSinkTask();
  #context: SinkTaskContext | undefined;
  version = () => '1';
  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }
  start(props: ConnectorProps): Promise<void> {
    return this.#file.start(props);
  }
  async put(records: readonly SinkRecord[]): Promise<void> {
    const accepted: SinkRecord[] = [];
    for (const record of records)
      if (Number(record.value) === 666)
        await this.#context?.errantRecordReporter?.report(record, new Error('value 666 violates constraint "no_evil"'));
      else accepted.push(record);
    this.#file.put(accepted);
  }
  flush(offsets: PartitionOffsets): Promise<void> {
    return this.#file.flush(offsets);
  }
  stop(): Promise<void> {
    return this.#file.stop();
  }
}

const REJECTING_SINK = 'com.example.RejectingFileSink';
const registry = new PluginRegistry([
  ...testRegistry.list(),
  fileStreamSinkPlugin,
  {
    kind: 'sink',
    className: REJECTING_SINK,
    create: fileStreamSinkPlugin.create,
    createTask: () => new RejectingFileSinkTask(),
  } as PluginDescriptor,
]);

const tableName = uniqueName('sink-runtime');
const dynamo = createDynamoDbClient(stack.dynamoDbEndpoint);
const stores = createDynamoDbStores({ tableName, client: dynamo });
const kafkaClients = new KafkaClients({ brokers: stack.kafkaBrokers });
const worker = new SinkWorker({
  configs: stores.configs,
  statuses: stores.statuses,
  registry,
  producers: kafkaClients,
  topicAdmin: kafkaClients,
  workerId: 'integration-test',
  log: () => undefined,
});
const local = new LocalEventSourceMappings({
  connection: { brokers: stack.kafkaBrokers },
  handler: (event, mapping) =>
    worker.handle({ connector: mapping.connector, event, reportBatchItemFailures: mapping.reportBatchItemFailures }),
  retryDelayMs: 200,
  log: () => undefined,
});
let dir = '';

before(async () => {
  await ensureTable(dynamo, tableName);
  dir = await mkdtemp(join(tmpdir(), 'copycat-sink-it-'));
});
after(async () => {
  await local.close();
  await worker.close();
  await kafkaClients.close();
  dynamo.destroy();
  await rm(dir, { recursive: true, force: true });
});

/** Stores the connector and its one task as the reconciler would, and starts its mapping. */
async function deploy(name: string, config: Record<string, string>, mapping: Partial<SinkMapping> = {}): Promise<SinkMapping> {
  const props = { name, ...config };
  await stores.configs.create(name, props);
  await stores.configs.putTasks(name, [{ ...props, 'task.class': 'FileStreamSinkTask' }], 0);
  const sinkMapping: SinkMapping = {
    connector: name,
    topic: config.topics as string,
    groupId: `connect-${name}`,
    enabled: true,
    batchSize: 500,
    batchingWindowSeconds: 0,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: false,
    ...mapping,
  };
  await local.put(sinkMapping);
  return sinkMapping;
}

const text = (bytes: Buffer | null | undefined) => (bytes === null || bytes === undefined ? null : bytes.toString('utf8'));

describe('sink error handling, from the broker through the local mapping to the file and the dead letter topic', () => {
  it('when tolerance is all, every poison record is in the dead letter topic with the right headers and stage, and every good record in the sink', async () => {
    // Prepare
    const name = uniqueName('poison-all');
    const topic = uniqueName('orders');
    const dlq = `${topic}-dlq`;
    const file = join(dir, `${name}.txt`);
    await createTopic(topic);
    await produce(topic, [
      { key: '"a"', value: '1' },
      { key: '"b"', value: '{"id": ', headers: { trace: 'bad-json' } },
      { key: '"c"', value: '"not a number"' },
      { key: '"d"', value: '2' },
      { key: '"e"', value: '666' },
      { key: '"f"', value: '3' },
    ]);

    // Act
    await deploy(name, {
      'connector.class': REJECTING_SINK,
      topics: topic,
      file,
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'false',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'header.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'header.converter.schemas.enable': 'false',
      transforms: 'toInt',
      'transforms.toInt.type': 'org.apache.kafka.connect.transforms.Cast$Value',
      'transforms.toInt.spec': 'int32',
      'errors.tolerance': 'all',
      'errors.deadletterqueue.topic.name': dlq,
      'errors.deadletterqueue.topic.replication.factor': '1',
      'errors.deadletterqueue.context.headers.enable': 'true',
    });
    await eventually(async () => (await committedOffsets(`connect-${name}`, topic)).get(0) === 6, 'the batch committed');

    // Assess
    assert.equal(await readFile(file, 'utf8'), '1\n2\n3\n');
    const letters = await readTopic(dlq, 3);
    assert.deepEqual(
      letters.map((letter) => [
        text(letter.key),
        text(letter.value),
        text(letter.headers['__connect.errors.offset']),
        text(letter.headers['__connect.errors.stage']),
        text(letter.headers['__connect.errors.class.name']),
        text(letter.headers['__connect.errors.exception.class.name']),
      ]),
      [
        [
          '"b"',
          '{"id": ',
          '1',
          'VALUE_CONVERTER',
          'org.apache.kafka.connect.json.JsonConverter',
          'org.apache.kafka.connect.errors.DataException',
        ],
        [
          '"c"',
          '"not a number"',
          '2',
          'TRANSFORMATION',
          'org.apache.kafka.connect.transforms.Cast$Value',
          'org.apache.kafka.connect.errors.DataException',
        ],
        ['"e"', '666', '4', 'TASK_PUT', 'org.apache.kafka.connect.sink.SinkTask', 'Error'],
      ],
    );
    for (const letter of letters) {
      assert.equal(text(letter.headers['__connect.errors.topic']), topic);
      assert.equal(text(letter.headers['__connect.errors.partition']), '0');
      assert.equal(text(letter.headers['__connect.errors.connector.name']), name);
      assert.equal(text(letter.headers['__connect.errors.task.id']), '0');
      assert.ok(text(letter.headers['__connect.errors.exception.stacktrace'])?.includes('\n\tat '));
    }
    assert.equal(text(letters[0]?.headers.trace), 'bad-json', 'the original headers travel along');
    assert.equal(text(letters[2]?.headers['__connect.errors.exception.message']), 'value 666 violates constraint "no_evil"');
  });

  it('when tolerance is none, the batch is not committed and the task is FAILED with the offending offset in its trace', async () => {
    // Prepare
    const name = uniqueName('poison-none');
    const topic = uniqueName('orders');
    const file = join(dir, `${name}.txt`);
    await createTopic(topic);
    await produce(topic, [{ value: '"one"' }, { value: '"two"' }, { value: '{oops' }, { value: '"four"' }]);

    // Act
    await deploy(name, {
      'connector.class': 'FileStreamSink',
      topics: topic,
      file,
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'header.converter': 'org.apache.kafka.connect.json.JsonConverter',
    });
    await eventually(async () => (await stores.statuses.get(name)).tasks[0]?.state === 'FAILED', 'the task FAILED');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // Assess
    const status = (await stores.statuses.get(name)).tasks[0];
    assert.match(String(status?.trace), /Tolerance exceeded in error handler.*offset 2\)/);
    assert.match(String(status?.trace), /Caused by: org\.apache\.kafka\.connect\.errors\.DataException/);
    assert.equal((await committedOffsets(`connect-${name}`, topic)).get(0), -1);
    assert.equal(await readFile(file, 'utf8'), '');
  });

  it('when tolerance is none and the mapping reports batch item failures, the records before the poison are written and committed, the rest is not', async () => {
    const name = uniqueName('poison-partial');
    const topic = uniqueName('orders');
    const file = join(dir, `${name}.txt`);
    await createTopic(topic);
    await produce(topic, [{ value: '"one"' }, { value: '"two"' }, { value: '{oops' }, { value: '"four"' }]);

    await deploy(
      name,
      {
        'connector.class': 'FileStreamSink',
        topics: topic,
        file,
        'value.converter': 'JsonConverter',
        'value.converter.schemas.enable': 'false',
        'key.converter': 'JsonConverter',
        'header.converter': 'JsonConverter',
      },
      { reportBatchItemFailures: true },
    );
    await eventually(async () => (await committedOffsets(`connect-${name}`, topic)).get(0) === 2, 'offsets up to the poison committed');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    assert.equal(await readFile(file, 'utf8'), 'one\ntwo\n');
    assert.equal((await committedOffsets(`connect-${name}`, topic)).get(0), 2);
    assert.equal((await stores.statuses.get(name)).tasks[0]?.state, 'FAILED');
  });
});
