import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CopycatPlatform } from '../../infra/copycat-platform.ts';
import { InfraValidationError } from '../../infra/errors.ts';
import { SinkConnector, type SinkConnectorProps } from '../../infra/sink-connector.ts';
import { SourceConnector } from '../../infra/source-connector.ts';
import { actionsOf, fakeResolve, resourceOf, statementsOfRole, testApp } from './support.ts';

// One synth for the file: the platform and a sink connector in one stack, a source connector in
// another stack of the same app (connectors as code next to the application that needs them).
const app = testApp();
const platformStack = new Stack(app, 'Platform');
const platform = new CopycatPlatform(platformStack, 'Copycat', { kafka: { bootstrapServers: ['broker-1:9092'] } });
const sink = new SinkConnector(platformStack, 'OrdersToPostgres', {
  platform,
  name: 'orders-to-postgres',
  connectorClass: 'io.confluent.connect.jdbc.JdbcSinkConnector',
  tasksMax: 2,
  topics: ['orders', 'refunds'],
  valueConverter: 'org.apache.kafka.connect.json.JsonConverter',
  transforms: { unwrap: { type: 'org.apache.kafka.connect.transforms.ExtractField$Value', field: 'after' } },
  errorsTolerance: 'all',
  errorsDeadletterqueueTopicName: 'orders-dlq',
  errorsDeadletterqueueContextHeadersEnable: true,
  config: { 'connection.url': 'jdbc:postgresql://db:5432/shop', 'value.converter.schemas.enable': 'false' },
});
const appStack = new Stack(app, 'Application');
new SourceConnector(appStack, 'Orders', {
  platform,
  name: 'orders-datagen',
  connectorClass: 'DatagenConnector',
  config: { quickstart: 'orders', 'kafka.topic': 'orders' },
  targetState: 'PAUSED',
});
const template = Template.fromStack(platformStack);
const json = template.toJSON() as Record<string, unknown>;
const appJson = Template.fromStack(appStack).toJSON() as Record<string, unknown>;
const tableId = resourceOf(json, 'AWS::DynamoDB::Table', 'CopycatState').id;

/** The SDK call a connector's custom resource makes on Create / Delete, tokens resolved. */
function call(source: Record<string, unknown>, idPrefix: string, event: 'Create' | 'Update' | 'Delete') {
  const resource = resourceOf(source, 'Custom::CopycatConnectorConfig', idPrefix);
  return JSON.parse(fakeResolve(source, resource.Properties[event])) as {
    service: string;
    action: string;
    parameters: Record<string, unknown>;
  };
}

describe('SinkConnector and SourceConnector', () => {
  it('when a sink connector is declared, it writes its config item: the store’s key, name, the Kafka Connect config, a version bump, the state kept', () => {
    // Act
    const create = call(json, 'OrdersToPostgres', 'Create');
    // Assess
    assert.equal(create.service, 'DynamoDB');
    assert.equal(create.action, 'updateItem');
    assert.deepEqual(create.parameters, {
      TableName: tableId,
      Key: { pk: { S: 'connector#orders-to-postgres' }, sk: { S: 'config' } },
      UpdateExpression: 'SET #name = :name, #config = :config, #targetState = if_not_exists(#targetState, :targetState) ADD #version :one',
      ExpressionAttributeNames: { '#name': 'name', '#config': 'config', '#targetState': 'targetState', '#version': 'version' },
      ExpressionAttributeValues: {
        ':name': { S: 'orders-to-postgres' },
        ':config': {
          M: {
            name: { S: 'orders-to-postgres' },
            'connector.class': { S: 'io.confluent.connect.jdbc.JdbcSinkConnector' },
            'tasks.max': { S: '2' },
            'value.converter': { S: 'org.apache.kafka.connect.json.JsonConverter' },
            'errors.tolerance': { S: 'all' },
            topics: { S: 'orders,refunds' },
            'errors.deadletterqueue.topic.name': { S: 'orders-dlq' },
            'errors.deadletterqueue.context.headers.enable': { S: 'true' },
            'transforms.unwrap.type': { S: 'org.apache.kafka.connect.transforms.ExtractField$Value' },
            'transforms.unwrap.field': { S: 'after' },
            transforms: { S: 'unwrap' },
            'connection.url': { S: 'jdbc:postgresql://db:5432/shop' },
            'value.converter.schemas.enable': { S: 'false' },
          },
        },
        ':targetState': { S: 'STARTED' },
        ':one': { N: '1' },
      },
    });
    assert.deepEqual(call(json, 'OrdersToPostgres', 'Update'), create);
    assert.equal(sink.config.topics, 'orders,refunds');
  });

  it('when a connector is removed, it deletes exactly its config item, which the reconciler turns into removing its schedules or mappings', () => {
    const remove = call(json, 'OrdersToPostgres', 'Delete');
    assert.deepEqual(remove, {
      service: 'DynamoDB',
      action: 'deleteItem',
      parameters: { TableName: tableId, Key: { pk: { S: 'connector#orders-to-postgres' }, sk: { S: 'config' } } },
    });
  });

  it('when a connector is written, the custom resource may only update and delete items of the state table', () => {
    const statements = statementsOfRole(json, 'CopycatCustomResourceSupportRole').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    assert.equal(statements.length, 1);
    assert.deepEqual(actionsOf(statements[0] as never).sort(), ['dynamodb:DeleteItem', 'dynamodb:UpdateItem']);
    assert.deepEqual((statements[0] as { Resource: unknown }).Resource, { 'Fn::GetAtt': [tableId, 'Arn'] });
    template.hasResource('Custom::CopycatConnectorConfig', { Properties: Match.objectLike({ InstallLatestAwsSdk: false }) });
  });

  it('when the platform is in the same stack, the item is written only after the reconciler’s stream mapping exists', () => {
    template.hasResource('Custom::CopycatConnectorConfig', {
      DependsOn: Match.arrayWith([resourceOf(json, 'AWS::Lambda::EventSourceMapping', 'CopycatConfigStream').id]),
    });
  });

  it('when a source connector lives in another stack, it writes to the platform’s table across stacks, with its declared target state', () => {
    // Act
    const create = call(appJson, 'Orders', 'Create');
    // Assess: the table name comes from the platform stack (an export, or an output with weak references)
    assert.match(String(create.parameters.TableName), /^imported:.*Platform.*CopycatStateTable/);
    assert.equal(create.parameters.UpdateExpression, 'SET #name = :name, #config = :config, #targetState = :targetState ADD #version :one');
    assert.deepEqual((create.parameters.ExpressionAttributeValues as Record<string, unknown>)[':targetState'], { S: 'PAUSED' });
    assert.deepEqual((create.parameters.ExpressionAttributeValues as Record<string, unknown>)[':config'], {
      M: {
        name: { S: 'orders-datagen' },
        'connector.class': { S: 'DatagenConnector' },
        'tasks.max': { S: '1' },
        quickstart: { S: 'orders' },
        'kafka.topic': { S: 'orders' },
      },
    });
  });

  it('when a config key that looks like a secret has a literal value, it warns that the value sits in the template in clear', () => {
    // Prepare
    const stack = new Stack(testApp(), 'Secrets');
    const local = new CopycatPlatform(stack, 'Copycat', { kafka: { bootstrapServers: ['broker-1:9092'] } });
    // Act
    new SinkConnector(stack, 'Db', {
      platform: local,
      name: 'db',
      connectorClass: 'JdbcSinkConnector',
      topics: ['t'],
      config: { 'connection.password': 'hunter2' },
    });
    // Assess
    Annotations.fromStack(stack).hasWarning('/Secrets/Db/Config', Match.stringLikeRegexp('"connection.password" is a literal'));
  });
});

describe('SinkConnector and SourceConnector prop validation', () => {
  const base = { name: 'orders', connectorClass: 'JdbcSinkConnector', topics: ['orders'] } satisfies Omit<SinkConnectorProps, 'platform'>;
  const attempt = (props: Omit<SinkConnectorProps, 'platform'>, kind: 'sink' | 'source' = 'sink'): unknown => {
    const stack = new Stack(testApp(), 'Invalid');
    const local = new CopycatPlatform(stack, 'Copycat', { kafka: { bootstrapServers: ['broker-1:9092'] } });
    try {
      if (kind === 'sink') new SinkConnector(stack, 'Connector', { platform: local, ...props });
      else new SourceConnector(stack, 'Connector', { platform: local, ...props });
      return undefined;
    } catch (error) {
      return error;
    }
  };
  const assertRejected = (error: unknown, prop: string, message: RegExp) => {
    assert.ok(error instanceof InfraValidationError, `expected an InfraValidationError, got ${String(error)}`);
    assert.equal(error.prop, prop);
    assert.match(error.message, message);
  };

  it('when a sink sets both topics and topicsRegex, or neither, it refuses', () => {
    assertRejected(attempt({ ...base, topicsRegex: 'orders-.*' }), 'topics', /mutually exclusive/);
    assertRejected(attempt({ ...base, topics: [] }), 'topics', /set topics or topicsRegex/);
  });

  it('when a topic name is illegal, it names it', () => {
    assertRejected(attempt({ ...base, topics: ['orders', '.hidden'] }), 'topics', /"\.hidden" is not a legal topic name/);
  });

  it('when a key is set both by a prop and in config, it refuses and names both', () => {
    assertRejected(attempt({ ...base, config: { 'tasks.max': '3' } }), 'config["tasks.max"]', /sets "tasks.max", which tasksMax sets too/);
  });

  it('when config names another connector, it refuses', () => {
    assertRejected(attempt({ ...base, config: { name: 'other' } }), 'config', /"name" is "other" but the connector is orders/);
  });

  it('when tasksMax is not a whole number from 1, or a source asks for more tasks than schedules can name, it refuses', () => {
    assertRejected(attempt({ ...base, tasksMax: 0 }), 'tasksMax', /from 1/);
    const { topics: _, ...source } = base;
    assertRejected(attempt({ ...source, tasksMax: 100_001 }, 'source'), 'tasksMax', /from 1 to 100000/);
  });

  it('when a transform alias is unusable or has no type, it refuses', () => {
    assertRejected(attempt({ ...base, transforms: { 'a,b': { type: 'X' } } }), 'transforms', /alias "a,b"/);
    assertRejected(attempt({ ...base, transforms: { a: { type: ' ' } } }), 'transforms', /a needs a type/);
  });

  it('when the name is empty, it refuses', () => {
    assertRejected(attempt({ ...base, name: '' }), 'name', /must be non-empty/);
  });
});
