import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { SinkTaskContext } from '../../../shared/api/connector/sink-task.ts';
import { SinkRecord } from '../../../shared/api/record/sink-record.ts';
import { DynamoDbSinkTask } from '../../../shared/connectors/dynamodb/dynamodb-sink.ts';
import { TOPIC_PLACEHOLDER } from '../../../shared/connectors/dynamodb/dynamodb-sink-config.ts';
import { JsonConverter } from '../../../shared/converters/json/json-converter.ts';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { stack, uniqueName } from '../../support/stack.ts';

const dynamo: DynamoDBClient = createDynamoDbClient(stack.dynamoDbEndpoint);
after(() => dynamo.destroy());

const converter = new JsonConverter();
converter.configure({ 'schemas.enable': 'false' }, false);
const json = (text: string | null) => converter.toConnectData('t', undefined, text === null ? null : new TextEncoder().encode(text)).value;

function record(topic: string, offset: number, key: string | null, value: string | null, partition = 0): SinkRecord {
  return new SinkRecord({
    topic,
    kafkaPartition: partition,
    kafkaOffset: offset,
    keySchema: null,
    key: json(key),
    valueSchema: null,
    value: json(value),
    timestamp: null,
  });
}

async function createTable(name: string, hash: [string, 'S' | 'N'], sort?: [string, 'S' | 'N']): Promise<void> {
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: hash[0], KeyType: 'HASH' }, ...(sort ? [{ AttributeName: sort[0], KeyType: 'RANGE' as const }] : [])],
      AttributeDefinitions: [
        { AttributeName: hash[0], AttributeType: hash[1] },
        ...(sort ? [{ AttributeName: sort[0], AttributeType: sort[1] }] : []),
      ],
    }),
  );
}

async function scan(table: string): Promise<Record<string, unknown>[]> {
  const items = (await dynamo.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [];
  return items
    .map((item) =>
      Object.fromEntries(
        Object.entries(item).map(([name, value]) => [name, value.S ?? value.N ?? value.BOOL ?? (value.NULL ? null : value)]),
      ),
    )
    .sort((a, b) => String(a.id ?? a.offset).localeCompare(String(b.id ?? b.offset), 'en', { numeric: true }));
}

function startTask(config: Record<string, string>, reported: [SinkRecord, Error][] = []): DynamoDbSinkTask {
  const task = new DynamoDbSinkTask();
  const context: SinkTaskContext = {
    configs: config,
    errantRecordReporter: {
      report: async (record, error) => {
        reported.push([record, error]);
      },
    },
    assignment: () => [],
    requestCommit: () => undefined,
  };
  task.initialize(context);
  task.start({ 'aws.dynamodb.endpoint': stack.dynamoDbEndpoint, ...config });
  return task;
}

describe('DynamoDbSinkTask on DynamoDB Local', () => {
  let table = '';
  before(async () => {
    table = uniqueName('orders');
    await createTable(table, ['partition', 'N'], ['offset', 'N']);
  });

  it('when records are put with the default keys, each becomes an item keyed by partition and offset, and a replay changes nothing', async () => {
    // Prepare
    const task = startTask({});
    const records = Array.from({ length: 60 }, (_, i) => record(table, i, null, `{"id": ${i}, "name": "n${i}", "ok": true}`, i % 2));

    // Act
    await task.put(records);
    const first = await scan(table);
    await task.put(records);
    await task.put(records.slice(10, 20));
    task.stop();

    // Assess
    assert.equal(first.length, 60);
    assert.deepEqual(first[0], { partition: '0', offset: '0', id: '0', name: 'n0', ok: true });
    assert.deepEqual(await scan(table), first);
  });
});

describe('DynamoDbSinkTask keyed by the record', () => {
  it('when a key field is the hash key, later records replace earlier ones and a tombstone deletes the item', async () => {
    const table = uniqueName('customers');
    await createTable(table, ['id', 'S']);
    const task = startTask({ 'aws.dynamodb.pk.hash': 'key.id', 'aws.dynamodb.pk.sort': '' });

    await task.put([
      record(table, 0, '{"id": "a"}', '{"name": "Ann", "tier": 1}'),
      record(table, 1, '{"id": "b"}', '{"name": "Bob"}'),
      record(table, 2, '{"id": "a"}', '{"name": "Anna", "tier": 2}'),
      record(table, 3, '{"id": "c"}', '"just text"'),
      record(table, 4, '{"id": "b"}', null),
    ]);
    task.stop();

    assert.deepEqual(await scan(table), [
      { id: 'a', name: 'Anna', tier: '2' },
      { id: 'c', value: 'just text' },
    ]);
  });

  it('when a record cannot be keyed, it is reported through the errant record reporter and the others are written', async () => {
    const table = uniqueName('products');
    await createTable(table, ['sku', 'S']);
    const reported: [SinkRecord, Error][] = [];
    const task = startTask({ 'aws.dynamodb.pk.hash': 'value.sku', 'aws.dynamodb.pk.sort': '', 'table.name.format': `${table}` }, reported);

    await task.put([
      record('t', 0, null, '{"sku": "p1"}'),
      record('t', 1, null, '{"name": "no sku"}'),
      record('t', 2, null, '{"sku": ""}'),
      record('t', 3, null, '{"sku": "p2"}'),
    ]);
    task.stop();

    assert.deepEqual((await scan(table)).map((item) => item.sku).sort(), ['p1', 'p2']);
    assert.deepEqual(
      reported.map(([failed, error]) => [failed.kafkaOffset, error.message]),
      [
        [1, 'The record has no field value.sku.'],
        [2, 'The hash key sku (value.sku) ("") cannot be a DynamoDB key attribute of type S.'],
      ],
    );
  });

  it('when the table does not exist, the task says which table to create', async () => {
    const task = startTask({ 'table.name.format': `no-such-${TOPIC_PLACEHOLDER}` });

    await assert.rejects(task.put([record('x', 0, null, '{}')]), /DynamoDB table no-such-x does not exist/);
    task.stop();
  });
});
