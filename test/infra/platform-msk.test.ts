import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mskResourceArns } from '../../infra/kafka-access.ts';
import { controlPlaneSettingsFromEnv } from '../../shared/control/aws/aws-control-plane.ts';
import { LambdaEventSourceMappings } from '../../shared/control/aws/lambda-event-source-mappings.ts';
import { kafkaSettingsFromEnv } from '../../shared/kafka/connection-settings.ts';
import {
  actionsOf,
  fakeEnvironment,
  fakeResolve,
  resourceOf,
  resourcesOf,
  statementsOfRole,
  synthPlatform,
  unexpectedStarActions,
} from './support.ts';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const TOPICS = 'arn:aws:kafka:eu-west-1:123456789012:topic/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2/*';
const GROUPS = 'arn:aws:kafka:eu-west-1:123456789012:group/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2/*';

// One synth for the file: an MSK cluster with IAM authentication, brokers looked up at deploy time.
const { json } = synthPlatform((stack) => {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
  });
  Validations.of(vpc).acknowledge({
    id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
    reason: 'An imported test VPC: no route table is read.',
  });
  return { kafka: { mskClusterArn: CLUSTER }, vpc };
});

/** The actions a role is granted on a resource (resolved), over all its statements. */
function actionsOn(rolePrefix: string, resource: string): string[] {
  return statementsOfRole(json, rolePrefix)
    .filter((statement) => resourcesOf(statement).some((candidate) => fakeResolve(json, candidate) === resource))
    .flatMap(actionsOf)
    .sort();
}

describe('CopycatPlatform on MSK with IAM authentication', () => {
  it('when no bootstrap servers are given, it looks up the IAM brokers at deploy time and hands them to every function', () => {
    // Prepare
    const lookup = resourceOf(json, 'Custom::CopycatMskBootstrapBrokers', 'CopycatBootstrapBrokers');
    // Assess
    const create = JSON.parse(lookup.Properties.Create as string) as Record<string, unknown>;
    assert.equal(create.service, 'Kafka');
    assert.equal(create.action, 'getBootstrapBrokers');
    assert.deepEqual(create.parameters, { ClusterArn: CLUSTER });
    for (const prefix of ['CopycatSourceTask', 'CopycatSinkTask', 'CopycatReconciler', 'CopycatRestApiHandler']) {
      const fn = resourceOf(json, 'AWS::Lambda::Function', `${prefix}Function`);
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      assert.deepEqual(variables.KAFKA_BOOTSTRAP_SERVERS, { 'Fn::GetAtt': [lookup.id, 'BootstrapBrokerStringSaslIam'] }, prefix);
      const kafka = kafkaSettingsFromEnv(fakeEnvironment(json, `${prefix}Function`));
      assert.equal(kafka.securityProtocol, 'SASL_SSL', prefix);
      assert.equal(kafka.saslMechanism, 'AWS_MSK_IAM', prefix);
    }
    const lookupGrants = actionsOn('CopycatCustomResourceSupportRole', CLUSTER);
    assert.deepEqual(lookupGrants, ['kafka:GetBootstrapBrokers']);
  });

  it('when the control plane creates sink mappings, it names the cluster by ARN', () => {
    // Act
    const settings = controlPlaneSettingsFromEnv(fakeEnvironment(json, 'CopycatReconcilerFunction'));
    // Assess
    assert.deepEqual(settings.cluster, { type: 'msk', clusterArn: CLUSTER });
    new LambdaEventSourceMappings({ client: {} as never, sinkFunctionArn: settings.sinkFunctionArn, cluster: settings.cluster });
  });

  it('when the sink function is an MSK mapping target, its role has what Lambda checks and what the pollers do, on this cluster only', () => {
    assert.deepEqual(actionsOn('CopycatSinkTaskRole', CLUSTER), [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
      'kafka-cluster:DescribeClusterDynamicConfiguration',
      'kafka-cluster:WriteDataIdempotently',
      'kafka:DescribeClusterV2',
      'kafka:GetBootstrapBrokers',
    ]);
    assert.deepEqual(actionsOn('CopycatSinkTaskRole', TOPICS), [
      'kafka-cluster:CreateTopic', // dead letter topics
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:ReadData',
      'kafka-cluster:WriteData',
    ]);
    assert.deepEqual(actionsOn('CopycatSinkTaskRole', GROUPS), ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup']);
    assert.ok(actionsOn('CopycatSinkTaskRole', '*').includes('ec2:DescribeVpcs'));
  });

  it('when the source function produces, it may write and create topics but not read them or join groups', () => {
    assert.deepEqual(actionsOn('CopycatSourceTaskRole', CLUSTER), [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
      'kafka-cluster:WriteDataIdempotently',
    ]);
    assert.deepEqual(actionsOn('CopycatSourceTaskRole', TOPICS), [
      'kafka-cluster:CreateTopic',
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:WriteData',
    ]);
    assert.deepEqual(actionsOn('CopycatSourceTaskRole', GROUPS), []);
  });

  it('when a statement names the resource "*", its actions are only those the API cannot scope', () => {
    assert.deepEqual(unexpectedStarActions(json), []);
  });

  it('when the reconciler lists topics for topics.regex, it may only connect and describe', () => {
    assert.deepEqual(actionsOn('CopycatReconcilerRole', CLUSTER), ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster']);
    assert.deepEqual(actionsOn('CopycatReconcilerRole', TOPICS), ['kafka-cluster:DescribeTopic']);
  });

  it('when the cluster ARN is a token, it derives the topic and group ARNs with intrinsic functions', () => {
    // Prepare
    const stack = new Stack();
    const arn = stack.resolve(stack.formatArn({ service: 'kafka', resource: 'cluster', resourceName: 'orders/uuid-1' })) as unknown;
    const token = stack.formatArn({ service: 'kafka', resource: 'cluster', resourceName: 'orders/uuid-1' });
    // Act
    const arns = mskResourceArns(token);
    // Assess
    const resolve = (value: string) => fakeResolve({ Resources: {} }, stack.resolve(value));
    assert.equal(resolve(arns.cluster), fakeResolve({ Resources: {} }, arn));
    assert.equal(resolve(arns.topics), 'arn:aws:kafka:eu-west-1:123456789012:topic/orders/uuid-1/*');
    assert.equal(resolve(arns.groups), 'arn:aws:kafka:eu-west-1:123456789012:group/orders/uuid-1/*');
  });
});
