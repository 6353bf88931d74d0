import { LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EnvironmentError } from '../../errors.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import type { Stores } from '../../stores/stores.ts';
import { Reconciler } from '../reconciler/reconciler.ts';
import { EventBridgeTaskScheduler } from './eventbridge-scheduler.ts';
import { type KafkaCluster, LambdaEventSourceMappings } from './lambda-event-source-mappings.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the control plane's AWS resources are, as the platform stack passes them to the
 * reconciler and REST API functions:
 *   COPYCAT_SCHEDULE_GROUP           the EventBridge Scheduler group of source task schedules
 *   COPYCAT_SOURCE_FUNCTION_ARN      the source task function the schedules invoke
 *   COPYCAT_SCHEDULER_ROLE_ARN       the role the schedules assume to invoke it
 *   COPYCAT_SINK_FUNCTION_ARN        the sink task function the `sink-<name>` aliases point at
 *   COPYCAT_MSK_CLUSTER_ARN          an MSK cluster (IAM auth, or SCRAM with COPYCAT_ESM_SASL_SECRET_ARN), or
 *   KAFKA_BOOTSTRAP_SERVERS          a self-managed cluster, with optional KAFKA_SASL_MECHANISM (SCRAM-SHA-256|512),
 *                                    COPYCAT_ESM_SASL_SECRET_ARN, COPYCAT_ESM_SUBNET_IDS, COPYCAT_ESM_SECURITY_GROUP_IDS
 *   COPYCAT_REPORT_BATCH_ITEM_FAILURES  "true" with provisioned-mode mappings (partial batch answers)
 *   COPYCAT_PROVISIONED_POLLERS      "min,max" event pollers per mapping (provisioned mode), optional
 */
export interface AwsControlPlaneSettings {
  readonly scheduleGroup: string;
  readonly sourceFunctionArn: string;
  readonly schedulerRoleArn: string;
  readonly sinkFunctionArn: string;
  readonly cluster: KafkaCluster;
  readonly reportBatchItemFailures: boolean;
  readonly provisionedPollers: { readonly minimum: number; readonly maximum: number } | undefined;
}

export function controlPlaneSettingsFromEnv(env: Env): AwsControlPlaneSettings {
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new EnvironmentError(`${name} is not set: the control plane needs ${what}.`);
    return value;
  };
  const list = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const secretArn = env.COPYCAT_ESM_SASL_SECRET_ARN?.trim() || undefined;
  let cluster: KafkaCluster;
  if (env.COPYCAT_MSK_CLUSTER_ARN?.trim()) {
    cluster = { type: 'msk', clusterArn: env.COPYCAT_MSK_CLUSTER_ARN.trim(), ...(secretArn ? { saslScram512SecretArn: secretArn } : {}) };
  } else {
    const bootstrapServers = list('KAFKA_BOOTSTRAP_SERVERS');
    if (bootstrapServers.length === 0) {
      throw new EnvironmentError(
        'Neither COPYCAT_MSK_CLUSTER_ARN nor KAFKA_BOOTSTRAP_SERVERS is set: sink event source mappings need the Kafka cluster.',
      );
    }
    const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toUpperCase();
    if (mechanism !== undefined && mechanism !== '' && mechanism !== 'SCRAM-SHA-256' && mechanism !== 'SCRAM-SHA-512') {
      throw new EnvironmentError(
        `KAFKA_SASL_MECHANISM="${mechanism}": event source mappings of a self-managed cluster authenticate with SCRAM-SHA-256 or SCRAM-SHA-512.`,
      );
    }
    if (mechanism && secretArn === undefined) {
      throw new EnvironmentError(
        `KAFKA_SASL_MECHANISM is ${mechanism} but COPYCAT_ESM_SASL_SECRET_ARN is not set: the mappings need the secret's ARN.`,
      );
    }
    const subnetIds = list('COPYCAT_ESM_SUBNET_IDS');
    const securityGroupIds = list('COPYCAT_ESM_SECURITY_GROUP_IDS');
    cluster = {
      type: 'self-managed',
      bootstrapServers,
      ...(mechanism && secretArn ? { sasl: { mechanism: mechanism as 'SCRAM-SHA-256' | 'SCRAM-SHA-512', secretArn } } : {}),
      ...(subnetIds.length > 0 ? { vpc: { subnetIds, securityGroupIds } } : {}),
    };
  }
  const pollers = list('COPYCAT_PROVISIONED_POLLERS').map(Number);
  if (pollers.length > 0 && (pollers.length !== 2 || pollers.some((n) => !Number.isInteger(n) || n < 1))) {
    throw new EnvironmentError(
      `COPYCAT_PROVISIONED_POLLERS="${env.COPYCAT_PROVISIONED_POLLERS}" must be "minimum,maximum" (whole numbers ≥ 1).`,
    );
  }
  return {
    scheduleGroup: required('COPYCAT_SCHEDULE_GROUP', 'the EventBridge Scheduler group of source task schedules'),
    sourceFunctionArn: required('COPYCAT_SOURCE_FUNCTION_ARN', 'the ARN of the source task function'),
    schedulerRoleArn: required('COPYCAT_SCHEDULER_ROLE_ARN', 'the role schedules assume to invoke the source task function'),
    sinkFunctionArn: required('COPYCAT_SINK_FUNCTION_ARN', 'the ARN of the sink task function'),
    cluster,
    reportBatchItemFailures: env.COPYCAT_REPORT_BATCH_ITEM_FAILURES?.trim().toLowerCase() === 'true',
    provisionedPollers: pollers.length === 2 ? { minimum: pollers[0] as number, maximum: pollers[1] as number } : undefined,
  };
}

/** The reconciler of a deployed platform: DynamoDB stores, EventBridge Scheduler and Lambda event source mappings. */
export function createAwsReconciler(options: {
  readonly settings: AwsControlPlaneSettings;
  readonly stores: Pick<Stores, 'configs' | 'statuses'>;
  readonly registry: PluginRegistry;
  readonly topicsMatching: (pattern: RegExp) => Promise<string[]>;
  readonly workerId: string;
}): Reconciler {
  const { settings } = options;
  return new Reconciler({
    configs: options.stores.configs,
    statuses: options.stores.statuses,
    registry: options.registry,
    topicsMatching: options.topicsMatching,
    workerId: options.workerId,
    reportBatchItemFailures: settings.reportBatchItemFailures,
    scheduler: new EventBridgeTaskScheduler({
      client: new SchedulerClient({}),
      groupName: settings.scheduleGroup,
      sourceFunctionArn: settings.sourceFunctionArn,
      schedulerRoleArn: settings.schedulerRoleArn,
    }),
    mappings: new LambdaEventSourceMappings({
      client: new LambdaClient({}),
      sinkFunctionArn: settings.sinkFunctionArn,
      cluster: settings.cluster,
      ...(settings.provisionedPollers ? { provisionedPollers: settings.provisionedPollers } : {}),
    }),
  });
}
