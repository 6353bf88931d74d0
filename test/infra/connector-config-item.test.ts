// The connectors' custom resource calls, taken from the synthesized template and sent to DynamoDB
// Local the way the AwsCustomResource provider sends them: the item they write is the one the
// config store reads, and writes through the REST API and through CDK interleave safely.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DeleteItemCommand, type DeleteItemCommandInput, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { connectorConfigWrite } from '../../infra/connector-config-item.ts';
import { CopycatPlatform } from '../../infra/copycat-platform.ts';
import { SinkConnector } from '../../infra/sink-connector.ts';
import { createDynamoDbClient } from '../../shared/stores/dynamodb/client.ts';
import { ensureTable } from '../../shared/stores/dynamodb/table.ts';
import { StaleVersionError } from '../../shared/stores/errors.ts';
import { createDynamoDbStores } from '../../shared/stores/index.ts';
import { stack as localStack, uniqueName } from '../support/stack.ts';
import { fakeResolve, resourceOf, testApp } from './support.ts';

const client = createDynamoDbClient(localStack.dynamoDbEndpoint);
after(() => client.destroy());

const NAME = 'orders-to-files';
const CONFIG = { 'connector.class': 'FileStreamSink', topics: 'orders', file: '/tmp/orders.txt' };

// One synth for the file.
const stack = new Stack(testApp(), 'Items');
const platform = new CopycatPlatform(stack, 'Copycat', { kafka: { bootstrapServers: ['broker-1:9092'] } });
new SinkConnector(stack, 'Sink', {
  platform,
  name: NAME,
  connectorClass: CONFIG['connector.class'],
  topics: ['orders'],
  config: { file: CONFIG.file },
});
const json = Template.fromStack(stack).toJSON() as Record<string, unknown>;
const resource = resourceOf(json, 'Custom::CopycatConnectorConfig', 'Sink');
const callOf = (event: 'Create' | 'Delete', tableName: string) => {
  const call = JSON.parse(fakeResolve(json, resource.Properties[event])) as { parameters: Record<string, unknown> };
  return { ...call.parameters, TableName: tableName };
};

describe('the connector config item on DynamoDB Local', () => {
  it('when the custom resource writes a connector, the config store reads it back as declared, and REST and CDK writes keep the version order', async () => {
    // Prepare
    const tableName = uniqueName('cdk-connector');
    await ensureTable(client, tableName);
    const { configs } = createDynamoDbStores({ client, tableName });
    const expectedConfig = { name: NAME, 'connector.class': 'FileStreamSink', 'tasks.max': '1', topics: 'orders', file: '/tmp/orders.txt' };

    // Act: deploy (Create)
    await client.send(new UpdateItemCommand(callOf('Create', tableName) as unknown as UpdateItemCommandInput));
    // Assess
    assert.deepEqual(await configs.get(NAME), {
      name: NAME,
      config: expectedConfig,
      targetState: 'STARTED',
      version: 1,
      createdAt: undefined,
      updatedAt: undefined,
    });
    assert.deepEqual(await configs.list(), [NAME]);

    // Act: paused through the REST API, then a redeploy with a changed config
    await configs.setTargetState(NAME, 'PAUSED', 1);
    const changed = { ...expectedConfig, file: '/tmp/orders-2.txt' };
    const redeploy = connectorConfigWrite(tableName, NAME, changed, undefined);
    await client.send(new UpdateItemCommand(redeploy.parameters as unknown as UpdateItemCommandInput));
    // Assess: the declared config wins, the run-time state stays, the version moved on
    const record = await configs.get(NAME);
    assert.deepEqual(record?.config, changed);
    assert.equal(record?.targetState, 'PAUSED');
    assert.equal(record?.version, 3);
    await assert.rejects(configs.update(NAME, expectedConfig, 2), StaleVersionError);

    // Act: a declared target state is written as declared
    const declared = connectorConfigWrite(tableName, NAME, changed, 'STOPPED');
    await client.send(new UpdateItemCommand(declared.parameters as unknown as UpdateItemCommandInput));
    assert.equal((await configs.get(NAME))?.targetState, 'STOPPED');

    // Act: removal (Delete)
    await client.send(new DeleteItemCommand(callOf('Delete', tableName) as unknown as DeleteItemCommandInput));
    // Assess
    assert.equal(await configs.get(NAME), undefined);
    assert.deepEqual(await configs.list(), []);
  });
});
