import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addCopycatStack } from '../../infra/app-context.ts';
import { CopycatPlatform } from '../../infra/copycat-platform.ts';
import { SinkConnector } from '../../infra/sink-connector.ts';
import { SourceConnector } from '../../infra/source-connector.ts';
import { testApp } from './support.ts';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_copycat-AbCdEf';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const VPC = { vpcId: 'vpc-0123456789abcdef0', subnetIds: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2' };

/**
 * The example app's stack for a context, with cdk-nag's AwsSolutions rules applied as an Aspect
 * (verbose, so a finding names its rule and explanation), and optionally a connector of each kind.
 */
function nagApp(context: Record<string, unknown>, withConnectors = false): Stack {
  const app = testApp(context);
  const stack = addCopycatStack(app);
  if (withConnectors) {
    const platform = stack.node.findChild('Copycat');
    assert.ok(platform instanceof CopycatPlatform);
    new SinkConnector(stack, 'OrdersToPostgres', {
      platform,
      name: 'orders-to-postgres',
      connectorClass: 'io.confluent.connect.jdbc.JdbcSinkConnector',
      topics: ['orders'],
      config: { 'connection.url': 'jdbc:postgresql://db:5432/shop' },
    });
    new SourceConnector(stack, 'Orders', {
      platform,
      name: 'orders-datagen',
      connectorClass: 'DatagenConnector',
      config: { quickstart: 'orders', 'kafka.topic': 'orders' },
    });
  }
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stack;
}

/** The AwsSolutions errors and warnings left on a stack (suppressed findings are not annotated). */
function findings(stack: Stack): string[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp('AwsSolutions-.*');
  return [...annotations.findError('*', pattern), ...annotations.findWarning('*', pattern)].map(
    (message) => `${message.id}: ${String(message.entry.data)}`,
  );
}

const contexts: Record<string, { context: Record<string, unknown>; connectors?: boolean }> = {
  'self-managed brokers, no VPC, with connectors as code': {
    context: { bootstrapServers: 'broker-1:9092,broker-2:9092' },
    connectors: true,
  },
  'MSK with IAM auth in a VPC (a security group created)': { context: { mskClusterArn: CLUSTER, ...VPC } },
  'MSK with SASL/SCRAM in a VPC with given security groups, alarms to a topic, provisioned pollers': {
    context: {
      mskClusterArn: CLUSTER,
      saslSecretArn: SECRET,
      saslSecretKeyArn: KEY,
      ...VPC,
      securityGroupIds: 'sg-0123456789abcdef0',
      alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms',
      provisionedPollers: '1,4',
    },
  },
  'self-managed brokers with SASL/SCRAM and TLS in a VPC': {
    context: { bootstrapServers: 'broker-1:9096', saslSecretArn: SECRET, tls: 'true', ...VPC },
  },
};

/** A platform with the REST API's access and execution logging on, in a stack of its own, with the checks applied. */
function nagLoggingPlatform(): Stack {
  const app = testApp();
  const stack = new Stack(app, 'Logging');
  new CopycatPlatform(stack, 'Copycat', { kafka: { bootstrapServers: ['broker-1:9092'] }, restApi: { accessLogging: true } });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return stack;
}

/** Every cdk-nag suppression on the stack's resources, with the path of the resource it is on. */
function suppressions(stack: Stack): { path: string; id: string; reason: string }[] {
  assert.equal(stack.templateOptions.metadata?.cdk_nag, undefined, 'no stack-wide suppression');
  return stack.node
    .findAll()
    .filter((construct): construct is CfnResource => construct instanceof CfnResource)
    .flatMap((resource) =>
      (
        (resource.getMetadata('cdk_nag') as { rules_to_suppress?: { id: string; reason: string }[] } | undefined)?.rules_to_suppress ?? []
      ).map(({ id, reason }) => ({ path: resource.node.path, id, reason })),
    );
}

// One synth per configuration for the file (findings are annotated at synth).
const stacks: [string, Stack][] = [
  ...Object.entries(contexts).map(([name, { context, connectors }]): [string, Stack] => [name, nagApp(context, connectors)]),
  ['a platform with REST API access and execution logging on', nagLoggingPlatform()],
];

describe('cdk-nag AwsSolutions rules', () => {
  for (const [name, stack] of stacks)
    it(`${name}: no unsuppressed error or warning`, () => {
      // Act
      const left = findings(stack);

      // Assert
      assert.deepEqual(left, []);
    });

  it('every suppression is on a resource (none stack-wide), names an AwsSolutions rule and gives its reason as a sentence', () => {
    // Arrange
    const all = stacks.flatMap(([, stack]) => {
      findings(stack); // synthesized, so every construct has added its suppressions
      return suppressions(stack);
    });

    // Assert
    assert.ok(all.length > 0);
    for (const { path, id, reason } of all) {
      assert.match(id, /^AwsSolutions-[A-Z]+\d+$/, path);
      assert.ok(reason.length >= 60 && /^[A-Za-z"].* .*[.)]$/.test(reason), `${path} ${id}: "${reason}" is not a sentence saying why`);
    }
  });

  it('with access logging on, the stage logs access and errors, so APIG1 and APIG6 are met rather than suppressed', () => {
    // Arrange
    const stack = stacks.at(-1)?.[1] as Stack;

    // Act
    const ids = suppressions(stack).map(({ id }) => id);

    // Assert
    assert.ok(!ids.includes('AwsSolutions-APIG1') && !ids.includes('AwsSolutions-APIG6'), ids.join(', '));
    assert.deepEqual(findings(stack), []);
  });
});
