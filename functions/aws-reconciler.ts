// The reconciler as the reconciler and REST API functions both run it: on AWS (EventBridge
// Scheduler, Lambda event source mappings), with the built-in plugins, resolving `topics.regex`
// against the cluster. Kept out of environment.ts so the task functions do not load the control plane.
import { controlPlaneSettingsFromEnv, createAwsReconciler } from '../shared/control/aws/aws-control-plane.ts';
import type { Reconciler } from '../shared/control/reconciler/index.ts';
import { topicsMatching } from '../shared/kafka/topics.ts';
import { builtInPlugins } from '../shared/plugins/built-in.ts';
import type { Stores } from '../shared/stores/stores.ts';
import { lazyKafkaConnection } from './environment.ts';

/** The AWS reconciler from the control plane's variables and the Kafka connection's (see aws-control-plane.ts). */
export function awsReconcilerFromEnv(env: NodeJS.ProcessEnv, stores: Stores, workerId: string): Reconciler {
  const kafka = lazyKafkaConnection(env);
  return createAwsReconciler({
    settings: controlPlaneSettingsFromEnv(env),
    stores,
    registry: builtInPlugins,
    topicsMatching: async (pattern) => topicsMatching(await kafka(), pattern),
    workerId,
  });
}
