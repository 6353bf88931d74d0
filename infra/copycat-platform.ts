import { readFileSync } from 'node:fs';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { configStreamFilterPattern } from '../shared/stores/dynamodb/table.ts';
import { grantControlPlane } from './control-plane-access.ts';
import { CopycatFunction, type CopycatFunctionOptions, PROJECT_ROOT } from './copycat-function.ts';
import { CopycatCustomResourceSupport } from './custom-resource-support.ts';
import { InfraValidationError } from './errors.ts';
import { grantKafka } from './kafka-access.ts';
import {
  type CopycatKafkaProps,
  type KafkaConnectionPlan,
  kafkaClientEnvironment,
  mappingClusterEnvironment,
  planKafkaConnection,
} from './kafka-connection.ts';
import { CopycatMonitoring } from './monitoring.ts';
import { CopycatRestApi, type CopycatRestApiProps } from './rest-api.ts';
import { CopycatStateTable } from './state-table.ts';

/** Props of {@link CopycatPlatform}. */
export interface CopycatPlatformProps {
  /** The Kafka cluster: an MSK cluster ARN, or bootstrap servers (see {@link CopycatKafkaProps}). */
  readonly kafka: CopycatKafkaProps;
  /**
   * The VPC the functions run in (and, for a self-managed cluster, the sink event source mappings'
   * pollers): the one the brokers are reachable from. Its subnets need a route to the AWS APIs
   * Copycat calls (DynamoDB, Lambda, EventBridge Scheduler, Secrets Manager): a NAT gateway or VPC endpoints.
   * @default - no VPC: the brokers must be reachable from the internet
   */
  readonly vpc?: ec2.IVpc;
  /**
   * The subnets of `vpc` the functions (and self-managed mappings) use.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups of the functions (and self-managed mappings), with `vpc`; 1–5.
   * @default - one is created, allowing all outbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * What happens to the state table and the log groups when the platform is removed.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A customer managed KMS key for the state table.
   * @default - the AWS managed key `aws/dynamodb`
   */
  readonly tableEncryptionKey?: kms.IKey;
  /**
   * The KMS key that seals connector secrets (PASSWORD keys and keys named like secrets) in the
   * state table, on top of the table's own encryption at rest.
   * @default - a new customer managed key with yearly rotation
   */
  readonly secretsKey?: kms.IKey;
  /**
   * How long the functions' logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The source task function. A scheduled run polls until the timeout less the connector's
   * `copycat.source.safety.margin.ms`; schedules fire every minute, so a timeout of a minute keeps
   * one run per task at a time.
   * @default - 1024 MB, 1 minute (timeout 1 second to 15 minutes)
   */
  readonly sourceTask?: CopycatFunctionOptions;
  /**
   * The sink task function, invoked by the sink connectors' Kafka event source mappings.
   * @default - 1024 MB, 5 minutes (timeout 1 second to 14 minutes, the Kafka event source mapping limit)
   */
  readonly sinkTask?: CopycatFunctionOptions;
  /**
   * The reconciler function (config stream and periodic full reconcile).
   * @default - 512 MB, 5 minutes (timeout 1 second to 15 minutes)
   */
  readonly reconciler?: CopycatFunctionOptions;
  /**
   * The REST API function.
   * @default - 512 MB, 29 seconds (timeout 1 second to 15 minutes; API Gateway answers 504 after 29 seconds)
   */
  readonly restApiFunction?: CopycatFunctionOptions;
  /**
   * The REST API's stage, throttling and access logs.
   * @default - stage `v1`, 50 requests/second, burst 100, no access logs
   */
  readonly restApi?: Pick<CopycatRestApiProps, 'stageName' | 'throttlingRateLimit' | 'throttlingBurstLimit' | 'accessLogging'>;
  /**
   * How often every connector is reconciled besides config changes (picks up new topics for
   * `topics.regex` sinks, repairs drift); whole minutes, 1 minute to 1 day.
   * @default Duration.minutes(5)
   */
  readonly reconcileInterval?: Duration;
  /**
   * Provisioned mode for the sink event source mappings: event pollers per mapping (minimum 1–200,
   * maximum 1–2000). Kafka mappings honour partial batch responses and the error handling keys
   * only in this mode.
   * @default - on-demand pollers
   */
  readonly provisionedPollers?: { readonly minimum?: number; readonly maximum?: number };
  /**
   * Whether sink mappings are created with ReportBatchItemFailures (the sink function then answers
   * with the records that failed). Needs `provisionedPollers`.
   * @default - true with provisionedPollers, false without
   */
  readonly reportBatchItemFailures?: boolean;
  /**
   * Where alarms are sent.
   * @default - no action: the alarms show on the dashboard and in the console only
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * The sink consumer lag, in records, that raises the offset lag alarm when it lasts 15 minutes.
   * @default 10000
   */
  readonly offsetLagAlarmThreshold?: number;
  /**
   * The dashboard's name.
   * @default - generated by CloudFormation
   */
  readonly dashboardName?: string;
}

/**
 * Copycat on AWS, next to an existing MSK or self-managed Kafka cluster: the state table with its
 * config stream, the source task, sink task, reconciler and REST API functions, the EventBridge
 * Scheduler group and role for source task schedules, the reconciler's triggers (the config stream,
 * filtered to config items, and a periodic full reconcile), the Kafka Connect REST API on API Gateway
 * (IAM authorization), alarms and a dashboard. Connectors are added at run time (REST API, CLI, a
 * DynamoDB write) or as code with `SourceConnector` / `SinkConnector`.
 */
export class CopycatPlatform extends Construct {
  readonly table: CopycatStateTable['table'];
  /** Seals connector secrets in the table: the REST API and reconciler encrypt and decrypt, the tasks decrypt. */
  readonly secretsKey: kms.IKey;
  readonly sourceTask: CopycatFunction;
  readonly sinkTask: CopycatFunction;
  readonly reconciler: CopycatFunction;
  readonly restApiFunction: CopycatFunction;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;
  /** The reconciler's mapping on the table stream (config items only). */
  readonly configStream: lambda.EventSourceMapping;
  readonly restApi: CopycatRestApi;
  readonly monitoring: CopycatMonitoring;
  /** The Kafka connection as validated: what the functions' environment and grants were made from. */
  readonly kafka: KafkaConnectionPlan;

  constructor(scope: Construct, id: string, props: CopycatPlatformProps) {
    super(scope, id);
    this.kafka = planKafkaConnection(this, props.kafka);
    const pollers = validatePollers(this, props);
    const reconcileInterval = validateInterval(this, props.reconcileInterval ?? Duration.minutes(5));
    const network = this.#network(props);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.table = new CopycatStateTable(this, 'State', {
      removalPolicy,
      ...(props.tableEncryptionKey === undefined ? {} : { encryptionKey: props.tableEncryptionKey }),
    }).table;
    this.secretsKey =
      props.secretsKey ??
      new kms.Key(this, 'ConnectorSecrets', {
        description: 'Copycat: seals connector secrets in the state table',
        enableKeyRotation: true,
        removalPolicy,
      });
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'TaskSchedules', { removalPolicy: RemovalPolicy.DESTROY });

    const kafkaEnvironment = kafkaClientEnvironment(this.kafka, this.#bootstrapServers());
    const common = {
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      logRemovalPolicy: removalPolicy,
      ...(network === undefined ? {} : { vpc: network.vpc, vpcSubnets: network.subnets, securityGroups: network.securityGroups }),
    };
    const baseEnvironment = {
      COPYCAT_TABLE_NAME: this.table.tableName,
      COPYCAT_SECRETS_KEY_ARN: this.secretsKey.keyArn,
      ...kafkaEnvironment,
    };
    const sinkEnvironment = { COPYCAT_REPORT_BATCH_ITEM_FAILURES: String(pollers.reportBatchItemFailures) };

    this.sourceTask = new CopycatFunction(this, 'SourceTask', {
      ...common,
      entry: 'functions/source-task/handler.ts',
      description: 'Copycat source task: polls a source connector task and produces to Kafka',
      memorySize: props.sourceTask?.memorySize ?? 1024,
      timeout: props.sourceTask?.timeout ?? Duration.minutes(1),
      // A failed run is not retried: the next scheduled run, a minute later, takes over.
      retryAttempts: 0,
      environment: baseEnvironment,
    });
    this.sinkTask = new CopycatFunction(this, 'SinkTask', {
      ...common,
      entry: 'functions/sink-task/handler.ts',
      description: 'Copycat sink task: delivers Kafka event source mapping batches to a sink connector',
      memorySize: props.sinkTask?.memorySize ?? 1024,
      timeout: props.sinkTask?.timeout ?? Duration.minutes(5),
      maxTimeout: Duration.minutes(14),
      environment: { ...baseEnvironment, ...sinkEnvironment },
    });

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by the Copycat source task schedules to invoke the source task function',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnEquals: { 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.sourceTask.function.functionArn] }),
    );

    const controlPlaneEnvironment = {
      ...baseEnvironment,
      COPYCAT_SCHEDULE_GROUP: this.scheduleGroup.scheduleGroupName,
      COPYCAT_SOURCE_FUNCTION_ARN: this.sourceTask.function.functionArn,
      COPYCAT_SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      COPYCAT_SINK_FUNCTION_ARN: this.sinkTask.function.functionArn,
      ...mappingClusterEnvironment(
        this.kafka,
        network === undefined ? undefined : { subnetIds: network.subnetIds, securityGroupIds: network.securityGroupIds },
      ),
      ...sinkEnvironment,
      ...(pollers.provisioned === undefined ? {} : { COPYCAT_PROVISIONED_POLLERS: pollers.provisioned }),
    };
    this.reconciler = new CopycatFunction(this, 'Reconciler', {
      ...common,
      entry: 'functions/reconciler/handler.ts',
      description: 'Copycat reconciler: turns connector configs into task schedules and sink event source mappings',
      memorySize: props.reconciler?.memorySize ?? 512,
      timeout: props.reconciler?.timeout ?? Duration.minutes(5),
      environment: controlPlaneEnvironment,
    });
    this.restApiFunction = new CopycatFunction(this, 'RestApiHandler', {
      ...common,
      entry: 'functions/rest-api/handler.ts',
      description: 'Copycat REST API: the Kafka Connect REST API behind API Gateway',
      memorySize: props.restApiFunction?.memorySize ?? 512,
      timeout: props.restApiFunction?.timeout ?? Duration.seconds(29),
      environment: { ...controlPlaneEnvironment, COPYCAT_VERSION: projectVersion() },
    });

    // Grants: the table for all, Kafka by what each does, the control plane for the two that reconcile.
    for (const fn of [this.sourceTask, this.sinkTask, this.reconciler, this.restApiFunction]) this.table.grantReadWriteData(fn.role);
    // Connector configs are written (sealed) by the REST API and task configs by the reconciler; tasks only read them.
    for (const fn of [this.reconciler, this.restApiFunction]) this.secretsKey.grant(fn.role, 'kms:Encrypt', 'kms:Decrypt');
    for (const fn of [this.sourceTask, this.sinkTask]) this.secretsKey.grant(fn.role, 'kms:Decrypt');
    grantKafka(this.sourceTask.role, this.kafka, ['produce']);
    grantKafka(this.sinkTask.role, this.kafka, ['consume', 'produce'], { mappingsInVpc: network !== undefined });
    for (const fn of [this.reconciler, this.restApiFunction]) {
      grantKafka(fn.role, this.kafka, ['metadata']);
      grantControlPlane(fn.role, {
        scheduleGroup: this.scheduleGroup,
        schedulerRole: this.schedulerRole,
        sinkFunction: this.sinkTask.function,
      });
    }

    // The reconciler's triggers: config changes (the stream, config items only) and a periodic full pass.
    this.table.grantStreamRead(this.reconciler.role);
    NagSuppressions.addResourceSuppressions(
      this.reconciler.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'dynamodb:ListStreams, which the reconciler\'s stream mapping needs, has no resource-level permission: it can only be granted on "*".',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
    this.configStream = new lambda.EventSourceMapping(this, 'ConfigStream', {
      target: this.reconciler.function,
      eventSourceArn: this.table.tableStreamArn as string,
      // From the oldest record kept (24 hours): configs written before the mapping existed count too.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      filters: [lambda.FilterCriteria.filter({ ...configStreamFilterPattern })],
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      // The reconciler is idempotent; a batch that keeps failing is dropped and the periodic pass repairs it.
      retryAttempts: 10,
      bisectBatchOnError: true,
      maxRecordAge: Duration.hours(1),
    });
    new events.Rule(this, 'ReconcileAll', {
      description: 'Copycat: reconcile every connector (new topics for topics.regex, drift)',
      schedule: events.Schedule.rate(reconcileInterval),
      targets: [
        new targets.LambdaFunction(this.reconciler.function, {
          event: events.RuleTargetInput.fromObject({ reconcileAll: true }),
          retryAttempts: 0,
        }),
      ],
    });

    this.restApi = new CopycatRestApi(this, 'RestApi', {
      handler: this.restApiFunction.function,
      logRemovalPolicy: removalPolicy,
      ...props.restApi,
    });
    this.monitoring = new CopycatMonitoring(this, 'Monitoring', {
      functions: {
        sourceTask: this.sourceTask.function,
        sinkTask: this.sinkTask.function,
        reconciler: this.reconciler.function,
        restApi: this.restApiFunction.function,
      },
      ...(props.offsetLagAlarmThreshold === undefined ? {} : { offsetLagThreshold: props.offsetLagAlarmThreshold }),
      ...(props.alarmTopic === undefined ? {} : { alarmTopic: props.alarmTopic }),
      ...(props.dashboardName === undefined ? {} : { dashboardName: props.dashboardName }),
    });

    new CfnOutput(this, 'StateTableName', { key: 'StateTableName', description: 'The Copycat state table', value: this.table.tableName });
    new CfnOutput(this, 'ScheduleGroupName', {
      key: 'ScheduleGroupName',
      description: 'The EventBridge Scheduler group of source task schedules',
      value: this.scheduleGroup.scheduleGroupName,
    });
    new CfnOutput(this, 'DashboardName', {
      key: 'DashboardName',
      description: 'The Copycat CloudWatch dashboard',
      value: this.monitoring.dashboard.dashboardName,
    });
  }

  /** The functions' VPC placement, or undefined outside a VPC. */
  #network(props: CopycatPlatformProps) {
    const { vpc } = props;
    if (vpc === undefined) {
      if (props.vpcSubnets !== undefined || props.securityGroups !== undefined)
        throw new InfraValidationError(this, props.vpcSubnets === undefined ? 'securityGroups' : 'vpcSubnets', 'needs vpc to be set too.');
      if (this.kafka.mskClusterArn !== undefined)
        // Deployable (MSK public access), but rarely what is meant: say so at synth.
        Annotations.of(this).addWarningV2(
          'copycat:mskWithoutVpc',
          'kafka.mskClusterArn without vpc: the functions reach the brokers over the internet, which needs MSK public access.',
        );
      return undefined;
    }
    if (props.securityGroups !== undefined && (props.securityGroups.length < 1 || props.securityGroups.length > 5))
      throw new InfraValidationError(this, 'securityGroups', `Lambda takes 1–5 security groups, got ${props.securityGroups.length}.`);
    const securityGroups = props.securityGroups ?? [
      new ec2.SecurityGroup(this, 'FunctionSecurityGroup', {
        vpc,
        description: 'Copycat functions and sink event source mappings',
        allowAllOutbound: true,
      }),
    ];
    const subnets = props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    const subnetIds = vpc.selectSubnets(subnets).subnetIds;
    if (subnetIds.length === 0) throw new InfraValidationError(this, 'vpcSubnets', 'selects no subnet of the VPC.');
    return { vpc, subnets, securityGroups, subnetIds, securityGroupIds: securityGroups.map((group) => group.securityGroupId) };
  }

  /** The bootstrap servers the functions connect to: as given, or looked up from MSK at deploy time. */
  #bootstrapServers(): string {
    const { bootstrapServers, mskClusterArn, authentication } = this.kafka;
    if (bootstrapServers !== undefined) return bootstrapServers;
    const clusterArn = mskClusterArn as string; // planKafkaConnection requires one of the two
    const field = authentication === 'scram' ? 'BootstrapBrokerStringSaslScram' : 'BootstrapBrokerStringSaslIam';
    const support = CopycatCustomResourceSupport.of(this);
    const call: cr.AwsSdkCall = {
      service: 'Kafka',
      action: 'getBootstrapBrokers',
      parameters: { ClusterArn: clusterArn },
      physicalResourceId: cr.PhysicalResourceId.of(clusterArn),
      outputPaths: [field],
    };
    const lookup = new cr.AwsCustomResource(this, 'BootstrapBrokers', {
      resourceType: 'Custom::CopycatMskBootstrapBrokers',
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['kafka:GetBootstrapBrokers'], resources: [clusterArn] }),
      ]),
      role: support.role,
      logGroup: support.logGroup,
      installLatestAwsSdk: false,
    });
    return lookup.getResponseField(field);
  }
}

function validatePollers(
  scope: Construct,
  props: CopycatPlatformProps,
): { provisioned: string | undefined; reportBatchItemFailures: boolean } {
  const pollers = props.provisionedPollers;
  const report = props.reportBatchItemFailures ?? pollers !== undefined;
  if (report && pollers === undefined)
    throw new InfraValidationError(
      scope,
      'reportBatchItemFailures',
      'Kafka event source mappings answer partial batch failures only in provisioned mode: set provisionedPollers too, or leave it unset.',
    );
  if (pollers === undefined) return { provisioned: undefined, reportBatchItemFailures: report };
  const minimum = pollers.minimum ?? 1;
  const maximum = pollers.maximum ?? 200;
  const check = (prop: string, value: number, max: number) => {
    if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 1 && value <= max))
      throw new InfraValidationError(scope, `provisionedPollers.${prop}`, `must be a whole number from 1 to ${max}, got ${value}.`);
  };
  check('minimum', minimum, 200);
  check('maximum', maximum, 2000);
  if (!Token.isUnresolved(minimum) && !Token.isUnresolved(maximum) && minimum > maximum)
    throw new InfraValidationError(scope, 'provisionedPollers', `minimum (${minimum}) exceeds maximum (${maximum}).`);
  return { provisioned: `${minimum},${maximum}`, reportBatchItemFailures: report };
}

function validateInterval(scope: Construct, interval: Duration): Duration {
  if (interval.isUnresolved()) return interval;
  const seconds = interval.toSeconds();
  if (seconds < 60 || seconds > 86_400 || seconds % 60 !== 0)
    throw new InfraValidationError(
      scope,
      'reconcileInterval',
      `must be whole minutes from 1 minute to 1 day, got ${interval.toHumanString()}.`,
    );
  return interval;
}

/** The version `GET /` reports: the package's. */
function projectVersion(): string {
  const { version } = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version?: string };
  return version ?? '0.0.0';
}
