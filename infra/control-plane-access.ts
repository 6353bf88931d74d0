import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';

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
}

/** Every event source mapping of the stack's account and region. */
function eventSourceMappingArns(stack: Stack): string {
  return Arn.format(
    { service: 'lambda', resource: 'event-source-mapping', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME },
    stack,
  );
}
