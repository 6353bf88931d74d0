import { type App, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { CopycatPlatform, type CopycatPlatformProps } from './copycat-platform.ts';
import { InfraValidationError } from './errors.ts';

/**
 * The context keys of the example app (`npx cdk synth -c key=value ...`). Every id is taken as
 * given: nothing is looked up in the account (`fromLookup`), so synth works offline and the
 * template depends on the command line only.
 */
export const APP_CONTEXT_KEYS = {
  /** The stack name. Default `Copycat`. */
  stackName: 'stackName',
  /** An MSK cluster ARN (IAM authentication unless `saslSecretArn`). */
  mskClusterArn: 'mskClusterArn',
  /** `host:port,host:port`: a self-managed cluster (or the MSK brokers, to skip their lookup). */
  bootstrapServers: 'bootstrapServers',
  /** The full ARN of the SASL/SCRAM secret `{"username","password"}`. */
  saslSecretArn: 'saslSecretArn',
  /** The ARN of the customer managed KMS key the SCRAM secret is encrypted with (MSK requires one). */
  saslSecretKeyArn: 'saslSecretKeyArn',
  /** `SCRAM-SHA-512` (default) or `SCRAM-SHA-256`. */
  saslMechanism: 'saslMechanism',
  /** `true` or `false`: TLS to the brokers. Default: true for MSK and SCRAM. */
  tls: 'tls',
  /** The VPC of the functions; needs `subnetIds`. */
  vpcId: 'vpcId',
  /** `subnet-...,subnet-...`: the subnets of the functions (and of self-managed mappings). */
  subnetIds: 'subnetIds',
  /** `sg-...,sg-...`: their security groups. Default: one is created. */
  securityGroupIds: 'securityGroupIds',
  /** `retain` (default), `snapshot` or `destroy`: the state table and logs on stack deletion. */
  removalPolicy: 'removalPolicy',
  /** An SNS topic ARN the alarms notify. */
  alarmTopicArn: 'alarmTopicArn',
  /** `minimum,maximum`: provisioned pollers for the sink mappings. */
  provisionedPollers: 'provisionedPollers',
} as const;

type ContextReader = (key: string) => unknown;

/** The platform props of the example app's context, with imported VPC, secret and topic created in `scope`. */
export function platformPropsFromContext(scope: Construct, context: ContextReader): CopycatPlatformProps {
  const keys = APP_CONTEXT_KEYS;
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null) return undefined;
    const trimmed = String(value).trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const list = (key: string): string[] | undefined =>
    text(key)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const fail = (key: string, message: string): never => {
    throw new InfraValidationError(scope, `-c ${key}`, message);
  };

  const mskClusterArn = text(keys.mskClusterArn);
  const bootstrapServers = list(keys.bootstrapServers);
  if (mskClusterArn === undefined && bootstrapServers === undefined)
    fail(
      keys.bootstrapServers,
      'the app needs the Kafka cluster: pass -c mskClusterArn=arn:aws:kafka:... or -c bootstrapServers=host:9092,... (with -c vpcId=... -c subnetIds=... when the brokers are in a VPC).',
    );
  const secretArn = text(keys.saslSecretArn);
  const secretKeyArn = text(keys.saslSecretKeyArn);
  if (secretKeyArn !== undefined && secretArn === undefined) fail(keys.saslSecretKeyArn, 'needs -c saslSecretArn too.');
  const saslScramSecret =
    secretArn === undefined
      ? undefined
      : secretsmanager.Secret.fromSecretAttributes(scope, 'SaslScramSecret', {
          secretCompleteArn: secretArn,
          ...(secretKeyArn === undefined ? {} : { encryptionKey: kms.Key.fromKeyArn(scope, 'SaslScramSecretKey', secretKeyArn) }),
        });
  const mechanismText = text(keys.saslMechanism)?.toUpperCase();
  if (mechanismText !== undefined && mechanismText !== 'SCRAM-SHA-256' && mechanismText !== 'SCRAM-SHA-512')
    fail(keys.saslMechanism, `"${mechanismText}" must be SCRAM-SHA-512 or SCRAM-SHA-256.`);
  const mechanism = mechanismText as 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | undefined;
  const tlsText = text(keys.tls)?.toLowerCase();
  if (tlsText !== undefined && tlsText !== 'true' && tlsText !== 'false') fail(keys.tls, `"${tlsText}" must be true or false.`);

  const vpcId = text(keys.vpcId);
  const subnetIds = list(keys.subnetIds);
  const securityGroupIds = list(keys.securityGroupIds);
  if (vpcId === undefined && (subnetIds !== undefined || securityGroupIds !== undefined))
    fail(keys.vpcId, 'subnetIds and securityGroupIds need -c vpcId=vpc-... too.');
  if (vpcId !== undefined && subnetIds === undefined)
    fail(keys.subnetIds, 'with -c vpcId, pass the subnets too (-c subnetIds=subnet-a,subnet-b): the app looks nothing up.');
  // Subnets are given by id (vpcSubnets below), so the imported VPC lists none of its own; its
  // zones are the region's, resolved at deploy time rather than looked up.
  const vpc = vpcId === undefined ? undefined : ec2.Vpc.fromVpcAttributes(scope, 'Vpc', { vpcId, availabilityZones: Fn.getAzs() });
  if (vpc !== undefined)
    Validations.of(vpc).acknowledge({
      id: 'Annotation::@aws-cdk/aws-ec2:vpcAttributeIsListTokenavailabilityZones',
      reason: 'The subnets are given by id (-c subnetIds); nothing selects subnets of this VPC by zone or type.',
    });
  const subnets = (subnetIds ?? []).map((id) => {
    const subnet = ec2.Subnet.fromSubnetId(scope, `Subnet-${id}`, id);
    Validations.of(subnet).acknowledge({
      id: 'Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId',
      reason: 'Copycat only places its functions in the subnet; it reads no route table.',
    });
    return subnet;
  });

  const removal = text(keys.removalPolicy)?.toLowerCase() ?? 'retain';
  const removalPolicies: Record<string, RemovalPolicy> = {
    retain: RemovalPolicy.RETAIN,
    snapshot: RemovalPolicy.SNAPSHOT,
    destroy: RemovalPolicy.DESTROY,
  };
  const removalPolicy = removalPolicies[removal] ?? fail(keys.removalPolicy, `"${removal}" must be retain, snapshot or destroy.`);

  const pollers = list(keys.provisionedPollers)?.map(Number);
  if (pollers !== undefined && pollers.length !== 2) fail(keys.provisionedPollers, 'must be "minimum,maximum".');
  const alarmTopicArn = text(keys.alarmTopicArn);

  return {
    kafka: {
      ...(mskClusterArn === undefined ? {} : { mskClusterArn }),
      ...(bootstrapServers === undefined ? {} : { bootstrapServers }),
      ...(saslScramSecret === undefined ? {} : { saslScramSecret }),
      ...(mechanism === undefined ? {} : { saslMechanism: mechanism }),
      ...(tlsText === undefined ? {} : { tls: tlsText === 'true' }),
    },
    ...(vpc === undefined
      ? {}
      : {
          vpc,
          vpcSubnets: { subnets },
          ...(securityGroupIds === undefined
            ? {}
            : { securityGroups: securityGroupIds.map((id) => ec2.SecurityGroup.fromSecurityGroupId(scope, `SecurityGroup-${id}`, id)) }),
        }),
    removalPolicy,
    ...(pollers === undefined ? {} : { provisionedPollers: { minimum: pollers[0] as number, maximum: pollers[1] as number } }),
    ...(alarmTopicArn === undefined ? {} : { alarmTopic: sns.Topic.fromTopicArn(scope, 'AlarmTopic', alarmTopicArn) }),
  };
}

/**
 * The example app's stack: the platform configured from the app's context. With an account and a
 * region (the CLI passes CDK_DEFAULT_* when it has credentials) the stack is bound to them;
 * without (an offline synth) it is environment-agnostic.
 */
export function addCopycatStack(app: App, env: { account?: string | undefined; region?: string | undefined } = {}): Stack {
  const stackName = String(app.node.tryGetContext(APP_CONTEXT_KEYS.stackName) ?? 'Copycat');
  const stack = new Stack(app, stackName, {
    description: 'Copycat: Kafka Connect, serverless (functions, state table, control plane, REST API, alarms)',
    ...(env.account !== undefined && env.region !== undefined ? { env: { account: env.account, region: env.region } } : {}),
  });
  new CopycatPlatform(
    stack,
    'Copycat',
    platformPropsFromContext(stack, (key) => app.node.tryGetContext(key)),
  );
  return stack;
}
