export { ReconcileAllError, type ReconcileFailure, TaskNotFoundError } from './errors.ts';
export type { ReconciledState, ReconcileOutcome } from './outcome.ts';
export { Reconciler, type ReconcilerOptions } from './reconciler.ts';
export { type RestartPlan, type RestartRequest, type RestartResult, restartPlan } from './restart.ts';
export { sinkConfigDef, sinkConfigErrors, sinkGroupIds, topicPattern } from './sink-config.ts';
export { computeTaskConfigs, sameTaskConfigs, TooManyTasksError } from './task-configs.ts';
export {
  type ConnectorPlugin,
  type ConnectorValidation,
  findConnectorPlugin,
  invalidConfigTrace,
  validateConnectorConfig,
} from './validation.ts';
