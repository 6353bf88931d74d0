import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { DynamoDbConfigStore } from '../../../shared/stores/dynamodb/config-store.ts';
import { DynamoDbLeaseStore } from '../../../shared/stores/dynamodb/lease-store.ts';
import { DynamoDbOffsetStore } from '../../../shared/stores/dynamodb/offset-store.ts';
import { ensureTable } from '../../../shared/stores/dynamodb/table.ts';
import { createDynamoDbStores, InvalidConfigItemError } from '../../../shared/stores/index.ts';
import { connectorItems } from '../../support/dynamodb.ts';
import { stack, uniqueName } from '../../support/stack.ts';
import { storeScenarios } from '../../support/stores/scenarios.ts';

const client = createDynamoDbClient(stack.dynamoDbEndpoint);
after(() => client.destroy());

storeScenarios('the DynamoDB stores', async (clock) => {
  const tableName = uniqueName('stores');
  await ensureTable(client, tableName);
  return createDynamoDbStores({ client, tableName, clock });
});

describe('the DynamoDB table', () => {
  async function freshTable(): Promise<string> {
    const tableName = uniqueName('stores');
    await ensureTable(client, tableName);
    return tableName;
  }

  it('when ensured twice, it is created once, ACTIVE, keyed by pk and sk, with a stream of new and old images', async () => {
    // Prepare
    const tableName = await freshTable();
    // Act
    await ensureTable(client, tableName);
    // Assess
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.deepEqual(Table?.KeySchema, [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    assert.deepEqual(Table?.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('when a config item is written by hand in the plain format, it reads like one from the API and updates from version 0', async () => {
    // Prepare
    const tableName = await freshTable();
    const configs = new DynamoDbConfigStore({ client, tableName });
    // What `aws dynamodb put-item` with a hand-written item sends: no version, no timestamps, tasks.max as a number.
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: 'connector#by-hand' },
          sk: { S: 'config' },
          config: { M: { 'connector.class': { S: 'FileStreamSource' }, 'tasks.max': { N: '2' }, file: { S: '/tmp/in.txt' } } },
          targetState: { S: 'PAUSED' },
        },
      }),
    );
    // Act
    const read = await configs.get('by-hand');
    const updated = await configs.update('by-hand', { 'connector.class': 'FileStreamSource', 'tasks.max': '3' }, 0);
    // Assess
    assert.deepEqual(read, {
      name: 'by-hand',
      config: { 'connector.class': 'FileStreamSource', 'tasks.max': '2', file: '/tmp/in.txt' },
      targetState: 'PAUSED',
      version: 0,
      createdAt: undefined,
      updatedAt: undefined,
    });
    assert.equal(updated.version, 1);
    assert.equal(updated.targetState, 'PAUSED');
    assert.deepEqual(await configs.list(), ['by-hand']);
  });

  it('when a config item is malformed, it is still listed and reading it names the connector and the problem', async () => {
    // Prepare
    const tableName = await freshTable();
    const configs = new DynamoDbConfigStore({ client, tableName });
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: 'connector#broken' },
          sk: { S: 'config' },
          config: { S: 'connector.class=FileStreamSource' },
          version: { N: '1' },
        },
      }),
    );
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: 'connector#bad-state' }, sk: { S: 'config' }, config: { M: {} }, targetState: { S: 'RUNNING' } },
      }),
    );
    // Act
    const listed = await configs.list();
    const broken = await configs.get('broken').catch((error: unknown) => error);
    const badState = await configs.get('bad-state').catch((error: unknown) => error);
    // Assess
    assert.deepEqual(listed, ['bad-state', 'broken']);
    assert.ok(broken instanceof InvalidConfigItemError);
    assert.equal(broken.connector, 'broken');
    assert.match(broken.message, /"config" is a S, not a map/);
    assert.ok(badState instanceof InvalidConfigItemError);
    assert.match(badState.message, /"targetState" is "RUNNING"/);
  });

  it('when a connector is deleted, no item of its partition is left in the table', async () => {
    // Prepare
    const tableName = await freshTable();
    const stores = createDynamoDbStores({ client, tableName });
    await stores.configs.create('orders', {});
    await stores.configs.putTasks('orders', [{}], 0);
    await stores.statuses.putTask('orders', 3, { state: 'RUNNING', workerId: 'w', generation: 1 });
    const token = await stores.leases.acquire('orders', 0, { owner: 'run', ttlMs: 60_000, generation: 1 });
    const entries = Array.from({ length: 60 }, (_, index) => ({ partition: { file: `f${index}` }, offset: { position: index } }));
    await stores.offsets.commit('orders', entries, token);
    // Act
    await stores.configs.delete('orders');
    // Assess
    assert.deepEqual(await connectorItems(client, tableName, 'orders'), []);
  });

  it('when offsets are committed, they are stored as canonical JSON strings under the partition key, hashed when long', async () => {
    // Prepare
    const tableName = await freshTable();
    const leases = new DynamoDbLeaseStore({ client, tableName });
    const offsets = new DynamoDbOffsetStore({ client, tableName });
    const token = await leases.acquire('orders', 0, { owner: 'run', ttlMs: 60_000, generation: 1 });
    const long = { query: 'q'.repeat(1_000) };
    // Act
    await offsets.commit(
      'orders',
      [
        { partition: { table: 'a', schema: 'public' }, offset: { ts: 5, id: 7 } },
        { partition: long, offset: { id: 1 } },
      ],
      token,
    );
    // Assess
    const [hashed, readable] = await connectorItems(client, tableName, 'orders', 'offset#');
    assert.equal(readable?.sk?.S, 'offset#{"schema":"public","table":"a"}');
    assert.equal(readable?.partition?.S, '{"schema":"public","table":"a"}');
    assert.equal(readable?.offset?.S, '{"id":7,"ts":5}');
    assert.match(hashed?.sk?.S ?? '', /^offset#sha256:[0-9a-f]{64}$/);
    assert.equal(hashed?.partition?.S, JSON.stringify(long));
  });
});
