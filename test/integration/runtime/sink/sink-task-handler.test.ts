import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Context } from 'aws-lambda';
import { sinkAliasName } from '../../../../shared/control/aws/resource-names.ts';
import { buildKafkaEvent } from '../../../../shared/kafka/esm-event.ts';
import { createDynamoDbClient } from '../../../../shared/stores/dynamodb/client.ts';
import { createDynamoDbStores } from '../../../../shared/stores/dynamodb/stores.ts';
import { ensureTable } from '../../../../shared/stores/dynamodb/table.ts';
import { stack, uniqueName } from '../../../support/stack.ts';

const tableName = uniqueName('sink-handler');
const dynamo = createDynamoDbClient(stack.dynamoDbEndpoint);
const stores = createDynamoDbStores({ tableName, client: dynamo });
let dir = '';
let handler: (event: unknown, context: Context) => Promise<unknown>;

before(async () => {
  await ensureTable(dynamo, tableName);
  dir = await mkdtemp(join(tmpdir(), 'copycat-sink-handler-'));
  process.env.COPYCAT_TABLE_NAME = tableName;
  process.env.COPYCAT_DYNAMODB_ENDPOINT = stack.dynamoDbEndpoint;
  process.env.COPYCAT_SECRETS_KEY_FILE = join(dir, 'secrets.key');
  ({ handler } = (await import('../../../../functions/sink-task/handler.ts')) as unknown as { handler: typeof handler });
});
after(async () => {
  dynamo.destroy();
  await rm(dir, { recursive: true, force: true });
});

function context(connector: string): Context {
  return {
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:copycat-sink-task:${sinkAliasName(connector)}`,
    awsRequestId: 'request-1',
    functionName: 'copycat-sink-task',
    getRemainingTimeInMillis: () => 60_000,
  } as Context;
}

const event = (topic: string, values: (string | null)[]) =>
  buildKafkaEvent(
    values.map((value, offset) => ({
      topic,
      partition: 0,
      offset,
      timestamp: 1,
      timestampType: 'CREATE_TIME' as const,
      key: null,
      value: value === null ? null : new TextEncoder().encode(value),
      headers: [],
    })),
    { bootstrapServers: 'b-1:9092', eventSource: 'aws:kafka', eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/1' },
  );

async function deploy(name: string, config: Record<string, string>): Promise<void> {
  await stores.configs.create(name, { name, ...config });
  await stores.configs.putTasks(name, [{ name, ...config, 'task.class': 'org.apache.kafka.connect.file.FileStreamSinkTask' }], 0);
}

describe('the sink task function', () => {
  it('when an ESM event arrives through a connector alias, that connector writes it', async () => {
    // Prepare
    const name = `file sink ${uniqueName('x')}`; // a name the alias must sanitize
    const file = join(dir, 'out.txt');
    await deploy(name, {
      'connector.class': 'FileStreamSink',
      topics: 'orders',
      file,
      'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    });

    // Act
    const response = await handler(event('orders', ['first', null, '{"json": true}']), context(name));

    // Assess
    assert.equal(response, undefined);
    assert.equal(await readFile(file, 'utf8'), 'first\nnull\n{"json": true}\n');
  });

  it('when a record fails with tolerance none, the invocation fails naming the record and the task is FAILED', async () => {
    const name = uniqueName('json-sink');
    await deploy(name, {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
      topics: 'orders',
      file: join(dir, 'json.txt'),
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    });

    await assert.rejects(
      handler(event('orders', ['{"schema": null, "payload": 1}', 'nope']), context(name)),
      /orders-0@1 \(topic orders, partition 0, offset 1\)/,
    );

    const status = (await stores.statuses.get(name)).tasks[0];
    assert.equal(status?.state, 'FAILED');
    assert.equal(status?.workerId, 'copycat-sink-task:request-1');
  });
});
