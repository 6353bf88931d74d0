import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { controlPlaneSettingsFromEnv } from '../../shared/control/aws/aws-control-plane.ts';
import { kafkaSettingsFromEnv } from '../../shared/kafka/connection-settings.ts';
import {
  actionsOf,
  fakeEnvironment,
  fakeResolve,
  policyStatements,
  resourceOf,
  resourcesOf,
  type Statement,
  statementsOfRole,
  synthPlatform,
  unexpectedStarActions,
} from './support.ts';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:copycat-scram-AbCdEf';

// One synth for the file: a self-managed cluster with SASL/SCRAM over TLS, reached from a VPC, in
// provisioned mode: the shape with the most grants besides MSK IAM (platform-msk.test.ts).
const { template, json } = synthPlatform((stack) => {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
  });
  Validations.of(vpc).acknowledge({
    id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
    reason: 'An imported test VPC: no route table is read.',
  });
  return {
    kafka: {
      bootstrapServers: ['kafka-1.internal:9096', 'kafka-2.internal:9096'],
      saslScramSecret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'Scram', SECRET_ARN),
    },
    vpc,
    provisionedPollers: { minimum: 2, maximum: 10 },
  };
});
const sinkFunctionId = resourceOf(json, 'AWS::Lambda::Function', 'CopycatSinkTaskFunction').id;
const schedulerRoleId = resourceOf(json, 'AWS::IAM::Role', 'CopycatSchedulerRole').id;

const hasStatement = (role: string, matcher: Record<string, unknown>) =>
  template.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: Match.stringLikeRegexp(`^${role}`) }],
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(matcher)]) },
  });

describe('CopycatPlatform IAM (self-managed Kafka, SCRAM, VPC)', () => {
  it('when its policies are read, no statement allows every action of a service', () => {
    for (const { role, statement } of policyStatements(json))
      for (const action of actionsOf(statement)) assert.doesNotMatch(action, /(^|:)\*$/, `${role}: ${action}`);
  });

  it('when a statement names the resource "*", its actions are only those the API cannot scope, and creating a mapping is tied to the sink function', () => {
    // Prepare
    const star = policyStatements(json).filter(({ statement }) => resourcesOf(statement).includes('*'));
    // Assess
    assert.ok(star.length > 0);
    assert.deepEqual(unexpectedStarActions(json), []);
    for (const { statement } of star) {
      if (actionsOf(statement).includes('lambda:CreateEventSourceMapping')) {
        const arns = (statement.Condition?.ArnLike as Record<string, unknown> | undefined)?.['lambda:FunctionArn'];
        assert.deepEqual(
          (arns as unknown[]).map((arn) => fakeResolve(json, arn)),
          [
            `arn:aws:lambda:eu-west-1:123456789012:function:${sinkFunctionId}`,
            `arn:aws:lambda:eu-west-1:123456789012:function:${sinkFunctionId}:*`,
          ],
        );
      }
    }
  });

  it('when a role is created, it carries no AWS managed policy: every grant is inline', () => {
    for (const [id, resource] of Object.entries(json.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>))
      if (resource.Type === 'AWS::IAM::Role') assert.equal(resource.Properties.ManagedPolicyArns, undefined, id);
  });

  it('when the control plane manages schedules, it may touch only the schedules of the platform’s group', () => {
    const group = resourceOf(json, 'AWS::Scheduler::ScheduleGroup', 'CopycatTaskSchedules').Properties.Name as string;
    for (const role of ['CopycatReconcilerRole', 'CopycatRestApiHandlerRole']) {
      const statement = statementsOfRole(json, role).find((candidate) =>
        actionsOf(candidate).includes('scheduler:CreateSchedule'),
      ) as Statement;
      assert.deepEqual(actionsOf(statement).sort(), [
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
        'scheduler:UpdateSchedule',
      ]);
      assert.equal(fakeResolve(json, statement.Resource), `arn:aws:scheduler:eu-west-1:123456789012:schedule/${group}/*`);
    }
  });

  it('when the control plane passes the scheduler role, it may pass that role only, and only to EventBridge Scheduler', () => {
    for (const role of ['CopycatReconcilerRole', 'CopycatRestApiHandlerRole'])
      hasStatement(role, {
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': [schedulerRoleId, 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      });
    const passRole = policyStatements(json).filter(({ statement }) => actionsOf(statement).includes('iam:PassRole'));
    assert.equal(passRole.length, 2);
  });

  it('when the control plane manages aliases and mappings, it may act only on the sink function, its aliases and the mappings that invoke them', () => {
    // Prepare
    const statements = statementsOfRole(json, 'CopycatReconcilerRole');
    const find = (action: string) => statements.find((statement) => actionsOf(statement).includes(action)) as Statement;
    // Assess
    assert.deepEqual(
      resourcesOf(find('lambda:CreateAlias')).map((resource) => fakeResolve(json, resource)),
      [
        `arn:aws:lambda:eu-west-1:123456789012:function:${sinkFunctionId}`,
        `arn:aws:lambda:eu-west-1:123456789012:function:${sinkFunctionId}:*`,
      ],
    );
    for (const action of ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias', 'lambda:ListAliases'])
      assert.equal(find(action), find('lambda:CreateAlias'), action);
    const change = find('lambda:DeleteEventSourceMapping');
    assert.ok(actionsOf(change).includes('lambda:UpdateEventSourceMapping'));
    assert.equal(fakeResolve(json, change.Resource), 'arn:aws:lambda:eu-west-1:123456789012:event-source-mapping:*');
    assert.ok(change.Condition?.ArnLike, 'tied to the sink function by lambda:FunctionArn');
    assert.equal(find('lambda:ListEventSourceMappings').Resource, '*');
    assert.equal(find('scheduler:ListSchedules').Resource, '*');
  });

  it('when the sink function is the target of Kafka mappings, its role may read the SCRAM secret and manage the pollers’ network interfaces, which Lambda checks at mapping creation', () => {
    hasStatement('CopycatSinkTaskRole', {
      Action: Match.arrayWith(['secretsmanager:GetSecretValue']),
      Resource: SECRET_ARN,
    });
    const network = statementsOfRole(json, 'CopycatSinkTaskRole').find((statement) => actionsOf(statement).includes('ec2:DescribeVpcs'));
    assert.ok(network);
    for (const action of ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets'])
      assert.ok(actionsOf(network).includes(action), action);
  });

  it('when the source function runs, its role has the table, the secret and its network interfaces, and nothing of the control plane', () => {
    const actions = statementsOfRole(json, 'CopycatSourceTaskRole').flatMap(actionsOf);
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query'])
      assert.ok(actions.includes(action), action);
    assert.ok(actions.includes('secretsmanager:GetSecretValue'));
    for (const action of actions) assert.doesNotMatch(action, /^(scheduler|lambda|iam):/, action);
  });

  it('when mappings run in the VPC, the control plane is told the functions’ own subnets and security groups, the SCRAM secret and provisioned mode', () => {
    // Prepare
    const env = fakeEnvironment(json, 'CopycatReconcilerFunction');
    const vpcConfig = resourceOf(json, 'AWS::Lambda::Function', 'CopycatSinkTaskFunction').Properties.VpcConfig as {
      SubnetIds: unknown[];
      SecurityGroupIds: unknown[];
    };
    // Act
    const settings = controlPlaneSettingsFromEnv(env);
    const kafka = kafkaSettingsFromEnv(env);
    // Assess
    assert.deepEqual(settings.cluster, {
      type: 'self-managed',
      bootstrapServers: ['kafka-1.internal:9096', 'kafka-2.internal:9096'],
      sasl: { mechanism: 'SCRAM-SHA-512', secretArn: SECRET_ARN },
      vpc: {
        subnetIds: vpcConfig.SubnetIds.map((id) => fakeResolve(json, id)),
        securityGroupIds: vpcConfig.SecurityGroupIds.map((id) => fakeResolve(json, id)),
      },
    });
    assert.deepEqual(settings.provisionedPollers, { minimum: 2, maximum: 10 });
    assert.equal(settings.reportBatchItemFailures, true);
    assert.equal(fakeEnvironment(json, 'CopycatSinkTaskFunction').COPYCAT_REPORT_BATCH_ITEM_FAILURES, 'true');
    assert.equal(kafka.securityProtocol, 'SASL_SSL');
    assert.equal(kafka.saslMechanism, 'SCRAM-SHA-512');
    assert.equal(kafka.saslSecretId, SECRET_ARN);
  });
});
