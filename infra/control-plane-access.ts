import { Arn, ArnFormat, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { NagSuppressions } from 'cdk-nag';

/** Copycat's own resources the control plane manages. */
export interface ControlPlaneResources {
  /** The schedule group holding one schedule per source task. */
  readonly scheduleGroup: scheduler.IScheduleGroup;
  /** The role every schedule assumes to invoke the source task function. */
  readonly schedulerRole: iam.IRole;
  /** The sink task function the `sink-<name>` aliases and their event source mappings are made on. */
  readonly sinkFunction: lambda.IFunction;
}

/**
 * Grants a role exactly the calls the AWS control plane adapters make
 * (shared/control/aws/eventbridge-scheduler.ts and lambda-event-source-mappings.ts), on Copycat's
 * own resources: the schedules of its group, the sink function and its aliases, the event source
 * mappings that invoke that function, and passing the scheduler role to EventBridge Scheduler only.
 */
export function grantControlPlane(role: iam.IRole, resources: ControlPlaneResources): void {
  const stack = Stack.of(role);
  const { scheduleGroup, schedulerRole, sinkFunction } = resources;
  const sinkAliases = `${sinkFunction.functionArn}:*`;
  // The mappings' own ARNs are random; the condition ties every mapping action to the sink function.
  const invokesSinkFunction = { ArnLike: { 'lambda:FunctionArn': [sinkFunction.functionArn, sinkAliases] } };
  const statements = [
    new iam.PolicyStatement({
      sid: 'ManageTaskSchedules',
      actions: ['scheduler:GetSchedule', 'scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
      resources: [
        stack.formatArn({
          service: 'scheduler',
          resource: 'schedule',
          resourceName: `${scheduleGroup.scheduleGroupName}/*`,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        }),
      ],
    }),
    // ListSchedules has no resource-level permission: it can only be granted on "*".
    new iam.PolicyStatement({ sid: 'ListTaskSchedules', actions: ['scheduler:ListSchedules'], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'PassSchedulerRole',
      actions: ['iam:PassRole'],
      resources: [schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
    new iam.PolicyStatement({
      sid: 'ManageSinkAliases',
      actions: ['lambda:GetAlias', 'lambda:CreateAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias', 'lambda:ListAliases'],
      resources: [sinkFunction.functionArn, sinkAliases],
    }),
    // CreateEventSourceMapping acts on no existing resource: "*", narrowed by the function it invokes.
    new iam.PolicyStatement({
      sid: 'CreateSinkMappings',
      actions: ['lambda:CreateEventSourceMapping'],
      resources: ['*'],
      conditions: invokesSinkFunction,
    }),
    new iam.PolicyStatement({
      sid: 'ChangeSinkMappings',
      actions: ['lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'],
      resources: [eventSourceMappingArns(stack)],
      conditions: invokesSinkFunction,
    }),
    // ListEventSourceMappings has no resource-level permission: it can only be granted on "*".
    new iam.PolicyStatement({ sid: 'ListSinkMappings', actions: ['lambda:ListEventSourceMappings'], resources: ['*'] }),
  ];
  for (const statement of statements) role.addToPrincipalPolicy(statement);

  // The sink function's aliases as cdk-nag renders them: by the function's logical id when it is in the app.
  const sinkResource = sinkFunction.node.defaultChild;
  const sinkAliasFinding =
    sinkResource instanceof CfnResource
      ? `Resource::<${Stack.of(sinkResource).getLogicalId(sinkResource)}.Arn>:*`
      : { regex: '/^Resource::.*:function:.*:\\*$/' };
  NagSuppressions.addResourceSuppressions(
    role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'scheduler:ListSchedules and lambda:ListEventSourceMappings have no resource-level permissions, and lambda:CreateEventSourceMapping acts on no existing resource, narrowed to mappings that invoke the sink function by the lambda:FunctionArn condition.',
        appliesTo: ['Resource::*'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "Source task schedules are created at run time, one per task, under names not known at deploy time; the ARN pattern covers Copycat's own schedule group only.",
        appliesTo: [{ regex: '/^Resource::arn:.*:scheduler:.*:schedule\\/.+\\/\\*$/' }],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'The sink aliases (sink-<connector>) are created at run time, one per sink connector; the ARN pattern covers the aliases of the sink function only.',
        appliesTo: [sinkAliasFinding],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'Event source mapping ARNs are random ids assigned at creation; updating and deleting them is tied to mappings that invoke the sink function by the lambda:FunctionArn condition.',
        appliesTo: [{ regex: '/^Resource::arn:.*:lambda:.*:event-source-mapping:\\*$/' }],
      },
    ],
    true,
  );
}

/** Every event source mapping of the stack's account and region. */
function eventSourceMappingArns(stack: Stack): string {
  return Arn.format(
    { service: 'lambda', resource: 'event-source-mapping', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME },
    stack,
  );
}
