export { ReconcileAllError, type ReconcileFailure, TaskNotFoundError } from './errors.ts';
export type { ReconciledState, ReconcileOutcome } from './outcome.ts';
export { Reconciler, type ReconcilerOptions } from './reconciler.ts';
export { type RestartPlan, type RestartRequest, type RestartResult, restartPlan } from './restart.ts';
export { sinkGroupIds, sinkMappingConfigDef } from './sink-config.ts';
export { computeTaskConfigs, sameTaskConfigs, TooManyTasksError } from './task-configs.ts';
export { type ConnectorValidation, invalidConfigTrace, validateConnectorConfig } from './validation.ts';
