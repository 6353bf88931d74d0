import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  DeleteAliasCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetAliasCommand,
  LambdaClient,
  ListAliasesCommand,
  ListEventSourceMappingsCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateAliasCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import {
  LambdaEventSourceMappings,
  type LambdaEventSourceMappingsOptions,
} from '../../../../shared/control/aws/lambda-event-source-mappings.ts';
import { ControlValidationError, SinkMappingError } from '../../../../shared/control/errors.ts';
import type { SinkMapping } from '../../../../shared/control/ports/event-source-mapping.ts';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:copycat-sink';
const ALIAS_ARN = `${FUNCTION_ARN}:sink-orders`;
const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:123456789012:cluster/main/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0-1';
const SCRAM_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_copycat-AbCdEf';

const mapping = (fields: Partial<SinkMapping> = {}): SinkMapping => ({
  connector: 'orders',
  topic: 'orders',
  groupId: 'connect-orders',
  enabled: true,
  batchSize: 500,
  batchingWindowSeconds: 2,
  startingPosition: 'TRIM_HORIZON',
  reportBatchItemFailures: false,
  ...fields,
});

/** An MSK mapping as ListEventSourceMappings reports it. */
const mskEsm = (fields: EventSourceMappingConfiguration = {}): EventSourceMappingConfiguration => ({
  UUID: 'esm-1',
  FunctionArn: ALIAS_ARN,
  EventSourceArn: CLUSTER_ARN,
  Topics: ['orders'],
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders' },
  StartingPosition: 'TRIM_HORIZON',
  BatchSize: 500,
  MaximumBatchingWindowInSeconds: 2,
  State: 'Enabled',
  ...fields,
});

/** What creating the ESM of {@link mapping} sends, but for `fields`. */
const createInput = (fields: Partial<CreateEventSourceMappingCommandInput> = {}): CreateEventSourceMappingCommandInput => ({
  FunctionName: ALIAS_ARN,
  EventSourceArn: CLUSTER_ARN,
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders' },
  Topics: ['orders'],
  StartingPosition: 'TRIM_HORIZON',
  BatchSize: 500,
  MaximumBatchingWindowInSeconds: 2,
  Enabled: true,
  ...fields,
});

const notFound = (what: string) =>
  new ResourceNotFoundException({ message: `${what} not found`, Type: 'User', $metadata: { httpStatusCode: 404 } });

describe('LambdaEventSourceMappings', () => {
  let client: LambdaClient;
  let lambda: AwsClientStub<LambdaClient>;

  const adapter = (options: Partial<LambdaEventSourceMappingsOptions> = {}) =>
    new LambdaEventSourceMappings({ client, sinkFunctionArn: FUNCTION_ARN, cluster: { type: 'msk', clusterArn: CLUSTER_ARN }, ...options });

  /** The alias exists on $LATEST and carries the connector name. */
  const aliasPresent = (connector = 'orders', name = 'sink-orders') =>
    lambda
      .on(GetAliasCommand)
      .resolves({ AliasArn: `${FUNCTION_ARN}:${name}`, Name: name, FunctionVersion: '$LATEST', Description: connector });

  beforeEach(() => {
    client = new LambdaClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    lambda = mockClient(client);
  });

  it('when the alias is missing, it creates it on $LATEST and then the MSK mapping on the alias', async () => {
    // Prepare
    lambda.on(GetAliasCommand).rejects(notFound('Alias'));
    lambda.on(CreateAliasCommand).resolves({ AliasArn: ALIAS_ARN });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-1' });

    // Act
    await adapter().put(mapping());

    // Assess
    assert.deepEqual(lambda.commandCalls(GetAliasCommand)[0]?.args[0].input, { FunctionName: FUNCTION_ARN, Name: 'sink-orders' });
    assert.deepEqual(lambda.commandCalls(CreateAliasCommand)[0]?.args[0].input, {
      FunctionName: FUNCTION_ARN,
      Name: 'sink-orders',
      FunctionVersion: '$LATEST',
      Description: 'orders',
    });
    assert.deepEqual(lambda.commandCalls(ListEventSourceMappingsCommand)[0]?.args[0].input, { FunctionName: ALIAS_ARN });
    assert.equal(lambda.commandCalls(CreateEventSourceMappingCommand).length, 1);
    assert.deepEqual(lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input, createInput());
  });

  it('when the alias exists on the configured version, it reuses it', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-1' });

    // Act
    await adapter().put(mapping());

    // Assess
    assert.equal(lambda.commandCalls(CreateAliasCommand).length, 0);
    assert.equal(lambda.commandCalls(UpdateAliasCommand).length, 0);
    assert.equal(lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input.FunctionName, ALIAS_ARN);
  });

  it('when the alias points at another version than configured, it moves it to the configured one', async () => {
    // Prepare
    aliasPresent();
    lambda.on(UpdateAliasCommand).resolves({});
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [mskEsm()] });

    // Act
    await adapter({ functionVersion: '42' }).put(mapping());

    // Assess
    assert.deepEqual(lambda.commandCalls(UpdateAliasCommand)[0]?.args[0].input, {
      FunctionName: FUNCTION_ARN,
      Name: 'sink-orders',
      FunctionVersion: '42',
      Description: 'orders',
    });
  });

  it('when the cluster is self-managed with SCRAM and a VPC, it creates the mapping with bootstrap servers and every access configuration', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-1' });
    const selfManaged = adapter({
      cluster: {
        type: 'self-managed',
        bootstrapServers: ['b-1.kafka.internal:9096', 'b-2.kafka.internal:9096'],
        sasl: { mechanism: 'SCRAM-SHA-512', secretArn: SCRAM_SECRET },
        serverRootCaCertificateSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca-XyZ',
        vpc: { subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupIds: ['sg-01'] },
      },
    });

    // Act
    await selfManaged.put(mapping({ startingPosition: 'LATEST', enabled: false }));

    // Assess
    assert.deepEqual(lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input, {
      FunctionName: ALIAS_ARN,
      SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: ['b-1.kafka.internal:9096', 'b-2.kafka.internal:9096'] } },
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders' },
      Topics: ['orders'],
      StartingPosition: 'LATEST',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 2,
      Enabled: false,
      SourceAccessConfigurations: [
        { Type: 'SASL_SCRAM_512_AUTH', URI: SCRAM_SECRET },
        { Type: 'SERVER_ROOT_CA_CERTIFICATE', URI: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kafka-ca-XyZ' },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0a' },
        { Type: 'VPC_SUBNET', URI: 'subnet:subnet-0b' },
        { Type: 'VPC_SECURITY_GROUP', URI: 'security_group:sg-01' },
      ],
    });
  });

  it('when provisioned pollers are configured, it creates the mapping with them and the error-handling settings', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-1' });

    // Act
    await adapter({ provisionedPollers: { minimum: 1, maximum: 10 } }).put(
      mapping({ reportBatchItemFailures: true, maximumRetryAttempts: 3, bisectBatchOnFunctionError: true, maximumRecordAgeSeconds: 3600 }),
    );

    // Assess
    assert.deepEqual(lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input, {
      ...createInput(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 3,
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 3600,
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 10 },
    });
  });

  it('when only mutable fields differ, it updates them in place and creates or deletes nothing', async () => {
    // Prepare
    aliasPresent();
    lambda
      .on(ListEventSourceMappingsCommand)
      .resolves({ EventSourceMappings: [mskEsm({ BatchSize: 100, MaximumBatchingWindowInSeconds: 0 })] });
    lambda.on(UpdateEventSourceMappingCommand).resolves({});

    // Act
    await adapter().put(mapping({ enabled: false, batchSize: 1000, batchingWindowSeconds: 30 }));

    // Assess
    assert.deepEqual(lambda.commandCalls(UpdateEventSourceMappingCommand)[0]?.args[0].input, {
      UUID: 'esm-1',
      Enabled: false,
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 30,
    });
    assert.equal(lambda.commandCalls(CreateEventSourceMappingCommand).length, 0);
    assert.equal(lambda.commandCalls(DeleteEventSourceMappingCommand).length, 0);
  });

  it('when in provisioned mode and a retry setting is unset, the update resets every error-handling field to its default', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({
      EventSourceMappings: [
        mskEsm({
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumRetryAttempts: 5,
          BisectBatchOnFunctionError: false,
          MaximumRecordAgeInSeconds: -1,
          ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 10 },
        }),
      ],
    });
    lambda.on(UpdateEventSourceMappingCommand).resolves({});

    // Act
    await adapter({ provisionedPollers: { minimum: 1, maximum: 10 } }).put(mapping({ reportBatchItemFailures: true }));

    // Assess
    assert.deepEqual(lambda.commandCalls(UpdateEventSourceMappingCommand)[0]?.args[0].input, {
      UUID: 'esm-1',
      Enabled: true,
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: -1,
      BisectBatchOnFunctionError: false,
      MaximumRecordAgeInSeconds: -1,
    });
  });

  it('when the mapping already matches, it sends no update', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [mskEsm()] });

    // Act
    await adapter().put(mapping());

    // Assess
    assert.equal(lambda.commandCalls(UpdateEventSourceMappingCommand).length, 0);
    assert.equal(lambda.commandCalls(CreateEventSourceMappingCommand).length, 0);
    assert.equal(lambda.commandCalls(DeleteEventSourceMappingCommand).length, 0);
  });

  it('when the consumer group changes, it deletes the mapping and creates a new one', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [mskEsm({ UUID: 'esm-old' })] });
    lambda.on(DeleteEventSourceMappingCommand).resolves({ State: 'Deleting' });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-new' });

    // Act
    await adapter().put(mapping({ groupId: 'connect-orders-v2' }));

    // Assess
    const sent = lambda.calls().map((call) => call.args[0].constructor.name);
    assert.deepEqual(sent, [
      'GetAliasCommand',
      'ListEventSourceMappingsCommand',
      'DeleteEventSourceMappingCommand',
      'CreateEventSourceMappingCommand',
    ]);
    assert.deepEqual(lambda.commandCalls(DeleteEventSourceMappingCommand)[0]?.args[0].input, { UUID: 'esm-old' });
    assert.deepEqual(
      lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input,
      createInput({ AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-v2' } }),
    );
    assert.equal(lambda.commandCalls(UpdateEventSourceMappingCommand).length, 0);
  });

  it('when the starting position changes, it recreates the mapping too', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [mskEsm()] });
    lambda.on(DeleteEventSourceMappingCommand).resolves({});
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-2' });

    // Act
    await adapter().put(mapping({ startingPosition: 'LATEST' }));

    // Assess
    assert.deepEqual(lambda.commandCalls(DeleteEventSourceMappingCommand)[0]?.args[0].input, { UUID: 'esm-1' });
    assert.equal(lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input.StartingPosition, 'LATEST');
  });

  it('when removing a connector, it deletes every one of its mappings across pages and then the alias', async () => {
    // Prepare
    lambda
      .on(ListEventSourceMappingsCommand, { FunctionName: ALIAS_ARN }, true)
      .resolves({ EventSourceMappings: [mskEsm({ UUID: 'esm-1' })], NextMarker: 'm2' })
      .on(ListEventSourceMappingsCommand, { FunctionName: ALIAS_ARN, Marker: 'm2' }, true)
      .resolves({ EventSourceMappings: [mskEsm({ UUID: 'esm-2', Topics: ['returns'] }), mskEsm({ UUID: 'esm-3', State: 'Deleting' })] });
    lambda.on(DeleteEventSourceMappingCommand).resolves({});
    lambda.on(DeleteAliasCommand).resolves({});

    // Act
    await adapter().remove('orders');

    // Assess
    assert.deepEqual(
      lambda.calls().map((call) => [call.args[0].constructor.name, call.args[0].input]),
      [
        ['ListEventSourceMappingsCommand', { FunctionName: ALIAS_ARN }],
        ['ListEventSourceMappingsCommand', { FunctionName: ALIAS_ARN, Marker: 'm2' }],
        ['DeleteEventSourceMappingCommand', { UUID: 'esm-1' }],
        ['DeleteEventSourceMappingCommand', { UUID: 'esm-2' }],
        ['DeleteAliasCommand', { FunctionName: FUNCTION_ARN, Name: 'sink-orders' }],
      ],
    );
  });

  it("when removing one topic, it deletes only that topic's mapping and keeps the alias", async () => {
    // Prepare
    lambda
      .on(ListEventSourceMappingsCommand)
      .resolves({ EventSourceMappings: [mskEsm({ UUID: 'esm-1' }), mskEsm({ UUID: 'esm-2', Topics: ['returns'] })] });
    lambda.on(DeleteEventSourceMappingCommand).resolves({});

    // Act
    await adapter().remove('orders', 'returns');

    // Assess
    assert.deepEqual(
      lambda.commandCalls(DeleteEventSourceMappingCommand).map((call) => call.args[0].input),
      [{ UUID: 'esm-2' }],
    );
    assert.equal(lambda.commandCalls(DeleteAliasCommand).length, 0);
  });

  it('when the mappings and the alias are already gone, removing resolves', async () => {
    // Prepare
    lambda.on(ListEventSourceMappingsCommand).rejects(notFound('Function'));
    lambda.on(DeleteAliasCommand).rejects(notFound('Alias'));

    // Act
    await adapter().remove('orders');

    // Assess
    assert.deepEqual(lambda.commandCalls(DeleteAliasCommand)[0]?.args[0].input, { FunctionName: FUNCTION_ARN, Name: 'sink-orders' });
    assert.equal(lambda.commandCalls(DeleteEventSourceMappingCommand).length, 0);
  });

  it("when listing a connector, it pages through the alias's mappings and reports them as sink mappings", async () => {
    // Prepare
    lambda
      .on(ListEventSourceMappingsCommand, { FunctionName: ALIAS_ARN }, true)
      .resolves({ EventSourceMappings: [mskEsm()], NextMarker: 'next' })
      .on(ListEventSourceMappingsCommand, { FunctionName: ALIAS_ARN, Marker: 'next' }, true)
      .resolves({
        EventSourceMappings: [
          mskEsm({
            UUID: 'esm-2',
            Topics: ['returns'],
            AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-orders-returns' },
            State: 'Disabled',
            StartingPosition: 'LATEST',
            BatchSize: 10000,
            MaximumBatchingWindowInSeconds: 300,
          }),
          mskEsm({ UUID: 'esm-3', Topics: ['gone'], State: 'Deleting' }),
        ],
      });

    // Act
    const mappings = await adapter().list('orders');

    // Assess
    assert.deepEqual(
      lambda.commandCalls(ListEventSourceMappingsCommand).map((call) => call.args[0].input),
      [{ FunctionName: ALIAS_ARN }, { FunctionName: ALIAS_ARN, Marker: 'next' }],
    );
    assert.deepEqual(mappings, [
      mapping(),
      mapping({
        topic: 'returns',
        groupId: 'connect-orders-returns',
        enabled: false,
        startingPosition: 'LATEST',
        batchSize: 10000,
        batchingWindowSeconds: 300,
      }),
    ]);
  });

  it("when listing every connector, it finds the connectors by their aliases' descriptions and skips aliases that are not Copycat's", async () => {
    // Prepare
    const oddAlias = 'sink-orders_eu_west-b82eaa0c';
    lambda
      .on(ListAliasesCommand, { FunctionName: FUNCTION_ARN }, true)
      .resolves({
        Aliases: [
          { Name: 'sink-orders', Description: 'orders' },
          { Name: 'live', Description: 'production' },
        ],
        NextMarker: 'a2',
      })
      .on(ListAliasesCommand, { FunctionName: FUNCTION_ARN, Marker: 'a2' }, true)
      .resolves({
        Aliases: [
          { Name: oddAlias, Description: 'orders.eu/west' },
          { Name: 'sink-forged', Description: 'orders' },
        ],
      });
    lambda
      .on(ListEventSourceMappingsCommand, { FunctionName: ALIAS_ARN })
      .resolves({ EventSourceMappings: [mskEsm()] })
      .on(ListEventSourceMappingsCommand, { FunctionName: `${FUNCTION_ARN}:${oddAlias}` })
      .resolves({
        EventSourceMappings: [
          mskEsm({ FunctionArn: `${FUNCTION_ARN}:${oddAlias}`, AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'connect-eu' } }),
        ],
      });

    // Act
    const mappings = await adapter().list();

    // Assess
    assert.deepEqual(
      lambda.commandCalls(ListEventSourceMappingsCommand).map((call) => call.args[0].input),
      [{ FunctionName: ALIAS_ARN }, { FunctionName: `${FUNCTION_ARN}:${oddAlias}` }],
    );
    assert.deepEqual(mappings, [mapping(), mapping({ connector: 'orders.eu/west', groupId: 'connect-eu' })]);
  });

  it('when the connector name has characters Lambda aliases refuse, it sanitizes the alias name and adds a stable hash', async () => {
    // Prepare
    lambda.on(GetAliasCommand).rejects(notFound('Alias'));
    lambda.on(CreateAliasCommand).resolves({});
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).resolves({ UUID: 'esm-1' });

    // Act
    await adapter().put(mapping({ connector: 'orders.eu/west', groupId: 'connect-orders.eu/west' }));

    // Assess
    assert.deepEqual(lambda.commandCalls(CreateAliasCommand)[0]?.args[0].input, {
      FunctionName: FUNCTION_ARN,
      Name: 'sink-orders_eu_west-b82eaa0c',
      FunctionVersion: '$LATEST',
      Description: 'orders.eu/west',
    });
    assert.equal(
      lambda.commandCalls(CreateEventSourceMappingCommand)[0]?.args[0].input.FunctionName,
      `${FUNCTION_ARN}:sink-orders_eu_west-b82eaa0c`,
    );
  });

  it('when Lambda throttles, it throws a retriable SinkMappingError naming the connector, topic and operation', async () => {
    // Prepare
    aliasPresent();
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(CreateEventSourceMappingCommand).rejects(
      new TooManyRequestsException({
        message: 'Rate exceeded',
        Type: 'User',
        Reason: 'CallerRateLimitExceeded',
        $metadata: { httpStatusCode: 429 },
      }),
    );

    // Act
    const put = adapter().put(mapping());

    // Assess
    await assert.rejects(put, (error: unknown) => {
      assert.ok(error instanceof SinkMappingError);
      assert.equal(error.retriable, true);
      assert.equal(error.operation, 'CreateEventSourceMapping');
      assert.equal(error.topic, 'orders');
      assert.match(
        error.message,
        /CreateEventSourceMapping failed for sink connector "orders" topic "orders" .*TooManyRequestsException: Rate exceeded/,
      );
      return true;
    });
  });

  it('when a field is out of Lambda range, it refuses the mapping naming the field and calls nothing', async () => {
    // Act
    const tooBig = adapter().put(mapping({ batchSize: 10_001 }));
    const tooLong = adapter().put(mapping({ batchingWindowSeconds: 301 }));
    const onDemandRetries = adapter().put(mapping({ reportBatchItemFailures: true }));

    // Assess
    await assert.rejects(
      tooBig,
      (error: unknown) => error instanceof ControlValidationError && error.field === 'batchSize' && /1 to 10000/.test(error.message),
    );
    await assert.rejects(tooLong, (error: unknown) => error instanceof ControlValidationError && error.field === 'batchingWindowSeconds');
    await assert.rejects(
      onDemandRetries,
      (error: unknown) =>
        error instanceof ControlValidationError && error.field === 'reportBatchItemFailures' && /provisioned mode/.test(error.message),
    );
    assert.equal(lambda.calls().length, 0);
  });
});
