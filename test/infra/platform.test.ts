import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Match } from 'aws-cdk-lib/assertions';
import { allConnectorsQuery, COPYCAT_NAMESPACE, copycatMetrics, LAMBDA_NAMESPACE, lambdaMetricNames } from '../../infra/metrics.ts';
import { controlPlaneSettingsFromEnv } from '../../shared/control/aws/aws-control-plane.ts';
import { EventBridgeTaskScheduler } from '../../shared/control/aws/eventbridge-scheduler.ts';
import { LambdaEventSourceMappings } from '../../shared/control/aws/lambda-event-source-mappings.ts';
import { kafkaSettingsFromEnv } from '../../shared/kafka/connection-settings.ts';
import { embeddedMetricsSink } from '../../shared/runtime/metrics.ts';
import { attributeDefinitions, configStreamFilterPattern, keySchema } from '../../shared/stores/dynamodb/table.ts';
import { actionsOf, fakeEnvironment, fakeResolve, resourceOf, statementsOfRole, synthPlatform } from './support.ts';

// One synth for the file: a self-managed cluster reached without a VPC, every other prop defaulted.
const { template, json } = synthPlatform({ kafka: { bootstrapServers: ['broker-1:9092', 'broker-2:9092'] } });
const resources = json.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
const functionIds = {
  source: 'CopycatSourceTask',
  sink: 'CopycatSinkTask',
  reconciler: 'CopycatReconciler',
  rest: 'CopycatRestApiHandler',
};

describe('CopycatPlatform (self-managed Kafka, defaults)', () => {
  it('when deployed, it keeps state in one on-demand table with the stores’ keys, point-in-time recovery, KMS encryption, a NEW_AND_OLD_IMAGES stream, retained on removal', () => {
    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        KeySchema: [...keySchema],
        AttributeDefinitions: [...attributeDefinitions],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('when deployed, it runs each function on Node 24 on arm64 with its memory, timeout and logs kept a month', () => {
    // Prepare
    const expected = {
      [functionIds.source]: { Timeout: 60, MemorySize: 1024 },
      [functionIds.sink]: { Timeout: 300, MemorySize: 1024 },
      [functionIds.reconciler]: { Timeout: 300, MemorySize: 512 },
      [functionIds.rest]: { Timeout: 29, MemorySize: 512 },
    };
    for (const [prefix, settings] of Object.entries(expected)) {
      // Act
      const fn = resourceOf(json, 'AWS::Lambda::Function', `${prefix}Function`);
      // Assess
      assert.equal(fn.Properties.Runtime, 'nodejs24.x', prefix);
      assert.deepEqual(fn.Properties.Architectures, ['arm64'], prefix);
      assert.equal(fn.Properties.Handler, 'index.handler', prefix);
      assert.equal(fn.Properties.Timeout, settings.Timeout, prefix);
      assert.equal(fn.Properties.MemorySize, settings.MemorySize, prefix);
      assert.equal((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS, '--enable-source-maps');
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      assert.equal(resources[logGroup]?.Properties.RetentionInDays, 30, prefix);
    }
  });

  it('when deployed, its sink function’s timeout is within the 14 minutes a Kafka event source mapping allows', () => {
    const sink = resourceOf(json, 'AWS::Lambda::Function', `${functionIds.sink}Function`);
    assert.ok((sink.Properties.Timeout as number) <= 14 * 60);
  });

  it('when deployed, it gives the reconciler and REST API an environment the control plane and Kafka client parse, naming the platform’s own resources', () => {
    for (const prefix of [functionIds.reconciler, functionIds.rest]) {
      // Prepare
      const env = fakeEnvironment(json, `${prefix}Function`);
      // Act
      const settings = controlPlaneSettingsFromEnv(env);
      const kafka = kafkaSettingsFromEnv(env);
      // Assess: the adapters accept what they are given (they validate ARNs and names)
      new EventBridgeTaskScheduler({ client: {} as never, ...settings, groupName: settings.scheduleGroup });
      new LambdaEventSourceMappings({ client: {} as never, sinkFunctionArn: settings.sinkFunctionArn, cluster: settings.cluster });
      assert.deepEqual(settings.cluster, { type: 'self-managed', bootstrapServers: ['broker-1:9092', 'broker-2:9092'] });
      assert.match(settings.sourceFunctionArn, /:function:CopycatSourceTaskFunction/);
      assert.match(settings.sinkFunctionArn, /:function:CopycatSinkTaskFunction/);
      assert.match(settings.schedulerRoleArn, /:role\/CopycatSchedulerRole/);
      assert.equal(settings.reportBatchItemFailures, false);
      assert.equal(settings.provisionedPollers, undefined);
      assert.deepEqual(kafka.brokers, ['broker-1:9092', 'broker-2:9092']);
      assert.equal(kafka.securityProtocol, 'PLAINTEXT');
      assert.match(env.COPYCAT_TABLE_NAME ?? '', /^CopycatStateTable/);
    }
  });

  it('when deployed, it gives the source and sink functions the table and the Kafka connection', () => {
    for (const prefix of [functionIds.source, functionIds.sink]) {
      const env = fakeEnvironment(json, `${prefix}Function`);
      assert.match(env.COPYCAT_TABLE_NAME ?? '', /^CopycatStateTable/, prefix);
      assert.deepEqual(kafkaSettingsFromEnv(env).brokers, ['broker-1:9092', 'broker-2:9092'], prefix);
    }
    assert.equal(fakeEnvironment(json, `${functionIds.sink}Function`).COPYCAT_REPORT_BATCH_ITEM_FAILURES, 'false');
  });

  it('when deployed, it seals connector secrets with its own rotating KMS key: the REST API and reconciler encrypt and decrypt, the tasks only decrypt', () => {
    // Prepare
    const key = resourceOf(json, 'AWS::KMS::Key', 'CopycatConnectorSecrets');
    const kmsActions = (rolePrefix: string) =>
      statementsOfRole(json, rolePrefix)
        .filter((statement) => JSON.stringify(statement.Resource).includes(key.id))
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('kms:'));
    // Assess
    assert.equal(key.Properties.EnableKeyRotation, true);
    for (const prefix of Object.values(functionIds))
      assert.deepEqual(
        (resourceOf(json, 'AWS::Lambda::Function', `${prefix}Function`).Properties.Environment as { Variables: Record<string, unknown> })
          .Variables.COPYCAT_SECRETS_KEY_ARN,
        { 'Fn::GetAtt': [key.id, 'Arn'] },
        prefix,
      );
    for (const prefix of [functionIds.reconciler, functionIds.rest]) {
      assert.ok(kmsActions(`${prefix}Role`).includes('kms:Encrypt'), prefix);
      assert.ok(kmsActions(`${prefix}Role`).includes('kms:Decrypt'), prefix);
    }
    for (const prefix of [functionIds.source, functionIds.sink]) assert.deepEqual(kmsActions(`${prefix}Role`), ['kms:Decrypt'], prefix);
  });

  it('when deployed, it feeds the reconciler the table stream filtered with exactly configStreamFilterPattern, from the oldest record', () => {
    // Act
    const mapping = resourceOf(json, 'AWS::Lambda::EventSourceMapping', 'CopycatConfigStream');
    const filters = (mapping.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    // Assess
    assert.equal(filters.length, 1);
    assert.deepEqual(JSON.parse(filters[0]?.Pattern ?? ''), configStreamFilterPattern);
    assert.deepEqual(mapping.Properties.EventSourceArn, {
      'Fn::GetAtt': [resourceOf(json, 'AWS::DynamoDB::Table', 'CopycatState').id, 'StreamArn'],
    });
    assert.deepEqual(mapping.Properties.FunctionName, { Ref: resourceOf(json, 'AWS::Lambda::Function', 'CopycatReconcilerFunction').id });
    assert.equal(mapping.Properties.StartingPosition, 'TRIM_HORIZON');
  });

  it('when deployed, it reconciles every connector every 5 minutes with {"reconcileAll": true}', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [resourceOf(json, 'AWS::Lambda::Function', 'CopycatReconcilerFunction').id, 'Arn'] },
          Input: JSON.stringify({ reconcileAll: true }),
        }),
      ],
    });
  });

  it('when deployed, it serves the REST API on API Gateway with IAM authorization on every method and its URL as the RestApiUrl output', () => {
    // Assess
    const methods = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method');
    assert.equal(methods.length, 2); // ANY / and ANY /{proxy+}
    for (const method of methods) assert.equal(method.Properties.AuthorizationType, 'AWS_IAM');
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ Type: 'AWS_PROXY', Uri: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }),
    });
    template.hasOutput('RestApiUrl', { Value: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['https://', '.execute-api.'])] }) });
  });

  it('when deployed, it creates the schedule group and a role schedules assume, trusted only for that group, that may only invoke the source function', () => {
    // Prepare
    const group = resourceOf(json, 'AWS::Scheduler::ScheduleGroup', 'CopycatTaskSchedules');
    const role = resourceOf(json, 'AWS::IAM::Role', 'CopycatSchedulerRole');
    // Assess
    assert.deepEqual((role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement, [
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [group.id, 'Arn'] } },
        },
      },
    ]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: role.id }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'lambda:InvokeFunction',
            Resource: { 'Fn::GetAtt': [resourceOf(json, 'AWS::Lambda::Function', 'CopycatSourceTaskFunction').id, 'Arn'] },
          }),
        ],
      },
    });
  });

  it('when deployed, it alarms on failed tasks, record errors, dead letter writes over all connectors, sink offset lag and each function’s errors and throttles', () => {
    // Prepare
    const alarms = Object.values(resources).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
    const metric = (namespace: string, name: string) =>
      alarms.filter((alarm) => alarm.Properties.Namespace === namespace && alarm.Properties.MetricName === name);
    const overAllConnectors = (name: string) =>
      alarms.filter(
        (alarm) => (alarm.Properties.Metrics as { Expression?: string }[] | undefined)?.[0]?.Expression === allConnectorsQuery(name),
      );
    // Assess: the runtime publishes per connector; one Metrics Insights series sums them
    for (const name of [copycatMetrics.taskFailures.name, copycatMetrics.errors.name, copycatMetrics.deadLettered.name])
      assert.equal(overAllConnectors(name).length, 1, name);
    assert.equal(
      allConnectorsQuery(copycatMetrics.deadLettered.name),
      `SELECT SUM(DeadLettered) FROM SCHEMA("${COPYCAT_NAMESPACE}", Connector)`,
    );
    const [lag] = metric(LAMBDA_NAMESPACE, lambdaMetricNames.offsetLag);
    assert.equal(lag?.Properties.Threshold, 10_000);
    assert.deepEqual(lag?.Properties.Dimensions, [
      { Name: 'FunctionName', Value: { Ref: resourceOf(json, 'AWS::Lambda::Function', 'CopycatSinkTaskFunction').id } },
    ]);
    for (const name of [lambdaMetricNames.errors, lambdaMetricNames.throttles]) {
      const watched = metric(LAMBDA_NAMESPACE, name).map(
        (alarm) => (alarm.Properties.Dimensions as { Value: { Ref: string } }[])[0]?.Value.Ref,
      );
      for (const prefix of Object.values(functionIds))
        assert.ok(
          watched.some((id) => id?.startsWith(`${prefix}Function`)),
          `${name} of ${prefix}`,
        );
    }
    assert.equal(alarms.length, 12);
  });

  it('when deployed, it draws one dashboard with records in and out, errors and dead letters per connector, lag per sink and the functions’ health', () => {
    // Prepare
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.parse(
      fakeResolve(json, resourceOf(json, 'AWS::CloudWatch::Dashboard', 'CopycatMonitoring').Properties.DashboardBody),
    ) as {
      widgets: { type: string; properties: { title?: string; metrics?: unknown[]; alarms?: unknown[] } }[];
    };
    const searches = JSON.stringify(body.widgets.flatMap((widget) => widget.properties.metrics ?? []));
    // Assess
    for (const name of [
      copycatMetrics.recordsIn.name,
      copycatMetrics.recordsOut.name,
      copycatMetrics.errors.name,
      copycatMetrics.deadLettered.name,
    ])
      assert.ok(searches.includes(`SEARCH('{${COPYCAT_NAMESPACE},Connector} MetricName=\\"${name}\\"`), name);
    assert.ok(
      searches.includes(`MetricName=\\"${lambdaMetricNames.offsetLag}\\" FunctionName=\\"CopycatSinkTaskFunction`),
      'lag per sink alias',
    );
    const alarmWidget = body.widgets.find((widget) => widget.type === 'alarm');
    assert.equal(alarmWidget?.properties.alarms?.length, 12);
  });

  it('when the runtime publishes its metrics, the namespace, dimension and names are the ones the alarms and dashboard read', () => {
    // Prepare
    const lines: string[] = [];
    // Act
    embeddedMetricsSink((line) => lines.push(line)).record('orders', 0, { recordsIn: 3, recordsOut: 2, errors: 1, deadLettered: 1 });
    // Assess
    const document = JSON.parse(lines[0] ?? '{}') as {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
      [key: string]: unknown;
    };
    const [directive] = document._aws.CloudWatchMetrics;
    assert.equal(directive?.Namespace, COPYCAT_NAMESPACE);
    assert.ok(directive?.Dimensions.some((set) => set.length === 1 && set[0] === 'Connector'));
    assert.equal(document.Connector, 'orders');
    const published = directive?.Metrics.map((metric) => metric.Name) ?? [];
    for (const metric of [copycatMetrics.recordsIn, copycatMetrics.recordsOut, copycatMetrics.errors, copycatMetrics.deadLettered])
      assert.ok(published.includes(metric.name), metric.name);
  });
});
