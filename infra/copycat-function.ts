import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { InfraValidationError } from './errors.ts';

/** The repository root: function entries and the lock file are found from it. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The runtime every Copycat function runs on (Node 24, as the project pins). */
export const COPYCAT_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** What a platform user may tune per function. */
export interface CopycatFunctionOptions {
  /**
   * Memory in MB (128–10240); CPU grows with it.
   * @default - the function's own default (see CopycatPlatformProps)
   */
  readonly memorySize?: number;
  /**
   * The invocation timeout (1 second to 15 minutes, or less where the trigger needs it).
   * @default - the function's own default (see CopycatPlatformProps)
   */
  readonly timeout?: Duration;
}

/** Props of {@link CopycatFunction}. */
export interface CopycatFunctionProps {
  /** The handler module, relative to the project root, e.g. `functions/sink-task/handler.ts`. */
  readonly entry: string;
  /** The function's description in the console. */
  readonly description: string;
  /** Memory in MB, 128–10240. */
  readonly memorySize: number;
  /** The invocation timeout, 1 second to `maxTimeout`. */
  readonly timeout: Duration;
  /** The longest timeout the function's trigger allows. @default 15 minutes (Lambda's limit) */
  readonly maxTimeout?: Duration;
  /** The environment, besides NODE_OPTIONS (source maps). */
  readonly environment: Record<string, string>;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when the function is removed. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** Retries of failed asynchronous invocations (0–2). @default 2 */
  readonly retryAttempts?: number;
  /** The VPC to run in. @default - not in a VPC */
  readonly vpc?: ec2.IVpc;
  /** The subnets, with `vpc`. @default - the VPC's private subnets */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /** The security groups, with `vpc`. @default - one is created, allowing all outbound traffic */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/** The ENI actions Lambda needs to attach a function to a VPC (its AWSLambdaVPCAccessExecutionRole, inline). */
const VPC_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/**
 * One Copycat Lambda function: the handler bundled by the local esbuild (never Docker) as an ES
 * module with source maps, Node 24 on arm64, its own role (no AWS managed policy: every grant is
 * inline and named by what needs it) and its own log group with a retention.
 */
export class CopycatFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CopycatFunctionProps) {
    super(scope, id);
    validateMemory(this, props.memorySize);
    validateTimeout(this, props.timeout, props.maxTimeout ?? Duration.minutes(15));

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    this.logGroup.grantWrite(this.role);
    if (props.vpc !== undefined) {
      // Lambda manages the function's network interfaces itself; the Describe actions have no
      // resource-level permissions, and Lambda checks the others against "*" when the function is created.
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: VPC_ENI_ACTIONS, resources: ['*'] }));
      NagSuppressions.addResourceSuppressions(
        this.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'The function runs in a VPC: Lambda manages its network interfaces, the ec2 Describe actions have no resource-level permissions, and Lambda checks the others against "*" when it creates the function (the actions of AWSLambdaVPCAccessExecutionRole, inline).',
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${PROJECT_ROOT}${props.entry}`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      handler: 'handler',
      description: props.description,
      runtime: COPYCAT_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      retryAttempts: props.retryAttempts,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      ...(props.vpc === undefined ? {} : { vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroups: props.securityGroups }),
      bundling: {
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // The SDK clients are bundled at the versions the tests ran with, not the runtime's copy.
        bundleAwsSDK: true,
        // pg's optional native binding is never installed; its require is guarded at run time.
        externalModules: ['pg-native'],
        // CommonJS dependencies (kafkajs, pg, mysql2) call require(), which an ES module lacks.
        banner: "import { createRequire as __copycatRequire } from 'node:module'; const require = __copycatRequire(import.meta.url);",
      },
    });
  }
}

function validateMemory(scope: Construct, memorySize: number): void {
  if (Token.isUnresolved(memorySize)) return;
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10_240)
    throw new InfraValidationError(scope, 'memorySize', `must be a whole number of MB from 128 to 10240, got ${memorySize}.`);
}

function validateTimeout(scope: Construct, timeout: Duration, max: Duration): void {
  if (timeout.isUnresolved()) return;
  const seconds = timeout.toSeconds();
  if (seconds < 1 || seconds > max.toSeconds())
    throw new InfraValidationError(
      scope,
      'timeout',
      `must be from 1 second to ${max.toHumanString()}, got ${timeout.toHumanString()}${max.toSeconds() < 900 ? ' (the trigger allows no more)' : ''}.`,
    );
}
