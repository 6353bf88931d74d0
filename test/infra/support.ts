// Shared by the infra tests: an app with the context of cdk.json (the flags the real app runs
// with), bundling skipped (the CLI synth test bundles for real), and helpers to read templates.
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../infra/copycat-function.ts';
import { CopycatPlatform, type CopycatPlatformProps } from '../../infra/copycat-platform.ts';

type Json = Record<string, unknown>;

/** The context in cdk.json: the feature flags every test app runs with, as `cdk synth` does. */
export const cdkJsonContext: Json = (JSON.parse(readFileSync(`${PROJECT_ROOT}cdk.json`, 'utf8')) as { context: Json }).context;

/** An app with cdk.json's context; bundling is skipped unless asked for. */
export function testApp(context: Json = {}, options: { bundle?: boolean; outdir?: string } = {}): App {
  return new App({
    context: { ...cdkJsonContext, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
  });
}

/** A stack with one platform in it, and its template (synthesized once; reuse it across a file's tests). */
export function synthPlatform(
  props: CopycatPlatformProps | ((stack: Stack) => CopycatPlatformProps),
  extend?: (stack: Stack, platform: CopycatPlatform) => void,
): { stack: Stack; platform: CopycatPlatform; template: Template; json: Json } {
  const stack = new Stack(testApp(), 'Test');
  const platform = new CopycatPlatform(stack, 'Copycat', typeof props === 'function' ? props(stack) : props);
  extend?.(stack, platform);
  const template = Template.fromStack(stack);
  return { stack, platform, template, json: template.toJSON() as Json };
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Json;
  readonly Sid?: string;
}

/** Every statement of every identity policy in the template, with the logical id of the policy's role. */
export function policyStatements(json: Json): { role: string; statement: Statement }[] {
  const resources = json.Resources as Record<string, { Type: string; Properties: Json }>;
  const found: { role: string; statement: Statement }[] = [];
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = (resource.Properties.Roles as { Ref?: string }[]).map((role) => role.Ref ?? JSON.stringify(role));
    for (const statement of (resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      for (const role of roles) found.push({ role, statement });
  }
  return found;
}

/** The statements of the role of a platform function (its logical id starts with the construct's). */
export function statementsOfRole(json: Json, rolePrefix: string): Statement[] {
  return policyStatements(json)
    .filter(({ role }) => role.startsWith(rolePrefix))
    .map(({ statement }) => statement);
}

export function actionsOf(statement: Statement): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

export function resourcesOf(statement: Statement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** The one resource of a type whose logical id starts with the prefix. */
export function resourceOf(json: Json, type: string, idPrefix: string): { id: string; Properties: Json } {
  const resources = json.Resources as Record<string, { Type: string; Properties: Json }>;
  const matches = Object.entries(resources).filter(([id, resource]) => resource.Type === type && id.startsWith(idPrefix));
  if (matches.length !== 1) throw new Error(`${matches.length} ${type} resources start with ${idPrefix}`);
  const [id, resource] = matches[0] as [string, { Properties: Json }];
  return { id, Properties: resource.Properties };
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/**
 * Resolves a template value the way CloudFormation would, with made-up but well-formed values for
 * what only a deploy knows (function ARNs, role ARNs, names, looked-up brokers): enough to feed an
 * environment to the runtime's own parsers.
 */
export function fakeResolve(json: Json, value: unknown): string {
  const resolved = resolveValue(json, value);
  if (typeof resolved !== 'string') throw new Error(`${JSON.stringify(value)} is a list, not a string`);
  return resolved;
}

function resolveValue(json: Json, value: unknown): string | string[] {
  const resources = json.Resources as Record<string, { Type: string }>;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => fakeResolve(json, item));
  const intrinsic = value as Json;
  if ('Ref' in intrinsic) {
    const ref = intrinsic.Ref as string;
    const pseudo: Record<string, string> = {
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
    };
    if (ref in pseudo) return pseudo[ref] as string;
    if (resources[ref] === undefined) throw new Error(`Ref to unknown ${ref}`);
    return ref.toLowerCase().includes('securitygroup') ? `sg-${ref.slice(0, 8).toLowerCase()}` : ref;
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    const type = resources[id]?.Type;
    if (attribute === 'Arn' && type === 'AWS::Lambda::Function') return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}`;
    if (attribute === 'Arn' && type === 'AWS::IAM::Role') return `arn:aws:iam::${ACCOUNT}:role/${id}`;
    if (attribute === 'Arn' && type === 'AWS::DynamoDB::Table') return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}`;
    if (attribute === 'Arn' && type === 'AWS::CloudWatch::Alarm') return `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${id}`;
    if (attribute === 'GroupId') return `sg-0${id.slice(0, 8).toLowerCase()}`;
    if (attribute.startsWith('BootstrapBrokerString'))
      return `b-1.demo.abc123.c2.kafka.${REGION}.amazonaws.com:9098,b-2.demo.abc123.c2.kafka.${REGION}.amazonaws.com:9098`;
    if (attribute === 'StreamArn') return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}/stream/2026-01-01T00:00:00.000`;
    if (attribute === 'Arn' && type !== undefined) return `arn:aws:${type.split('::')[1]?.toLowerCase()}:${REGION}:${ACCOUNT}:${id}`;
    throw new Error(`no fake value for ${id}.${attribute} (${type})`);
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => fakeResolve(json, part)).join(separator);
  }
  if ('Fn::GetStackOutput' in intrinsic || 'Fn::ImportValue' in intrinsic) {
    // A value of another stack: named after where it comes from.
    const output = intrinsic['Fn::GetStackOutput'] as { StackName: string; OutputName: string } | undefined;
    return output === undefined
      ? `imported:${fakeResolve(json, intrinsic['Fn::ImportValue'])}`
      : `imported:${output.StackName}/${output.OutputName}`;
  }
  if ('Fn::Split' in intrinsic) {
    const [separator, source] = intrinsic['Fn::Split'] as [string, unknown];
    return fakeResolve(json, source).split(separator);
  }
  if ('Fn::Select' in intrinsic) {
    const [index, list] = intrinsic['Fn::Select'] as [number, unknown];
    const items = resolveValue(json, list);
    if (!Array.isArray(items) || items[index] === undefined) throw new Error(`Fn::Select ${index} of ${JSON.stringify(items)}`);
    return items[index];
  }
  throw new Error(`no fake value for ${JSON.stringify(value)}`);
}

/** A function's environment with every value resolved by {@link fakeResolve}. */
export function fakeEnvironment(json: Json, functionIdPrefix: string): Record<string, string> {
  const fn = resourceOf(json, 'AWS::Lambda::Function', functionIdPrefix);
  const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  return { AWS_REGION: REGION, ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, fakeResolve(json, value)])) };
}

/** Actions the AWS APIs authorize on "*" only (no resource-level permission), or, for creating a mapping, narrowed by a condition. */
export const STAR_RESOURCE_ACTIONS: ReadonlySet<string> = new Set([
  'scheduler:ListSchedules', // the control plane lists its group's schedules
  'lambda:ListEventSourceMappings', // the control plane lists the sink aliases' mappings
  'lambda:CreateEventSourceMapping', // no mapping exists yet: tied to the sink function by lambda:FunctionArn instead
  'dynamodb:ListStreams', // the reconciler's stream mapping
  // Lambda's network interfaces in the VPC, for the functions and the Kafka pollers
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeVpcs',
  'ec2:DescribeSecurityGroups',
]);

/** The statements that name the resource "*", with the actions in them that are not in {@link STAR_RESOURCE_ACTIONS}. */
export function unexpectedStarActions(json: Json): string[] {
  return policyStatements(json)
    .filter(({ statement }) => resourcesOf(statement).includes('*'))
    .flatMap(({ role, statement }) =>
      actionsOf(statement)
        .filter((action) => !STAR_RESOURCE_ACTIONS.has(action))
        .map((action) => `${role}: ${action}`),
    );
}
