import type { ConnectorState, ConnectorStatuses, TaskState } from '../../stores/status-store.ts';
import type { ReconcileOutcome } from './outcome.ts';

/** `POST /connectors/{name}/restart` query parameters (KIP-745); both default to false. */
export interface RestartRequest {
  /** Restart the tasks too, not only the connector. */
  readonly includeTasks?: boolean;
  /** Restart only what is FAILED. */
  readonly onlyFailed?: boolean;
}

/** What a restart does, and the status Kafka Connect answers with (202): RESTARTING for each restarted part. */
export interface RestartPlan {
  readonly connector: string;
  readonly restartConnector: boolean;
  /** Ids of the tasks that restart, ascending. */
  readonly restartTasks: readonly number[];
  readonly status: {
    readonly connector: ConnectorState;
    readonly tasks: readonly { readonly id: number; readonly state: TaskState }[];
  };
}

/** A restart plan, and the reconciler run that carried it out (absent when nothing restarted). */
export interface RestartResult extends RestartPlan {
  readonly outcome: ReconcileOutcome | undefined;
}

/**
 * Kafka Connect's `RestartPlan`: the connector restarts unless `onlyFailed` and it is not FAILED;
 * with `includeTasks`, each task restarts unless `onlyFailed` and it is not FAILED. A part with no
 * status yet counts as UNASSIGNED.
 */
export function restartPlan(connector: string, statuses: ConnectorStatuses, taskCount: number, request: RestartRequest): RestartPlan {
  const includeTasks = request.includeTasks ?? false;
  const onlyFailed = request.onlyFailed ?? false;
  const connectorState = statuses.connector?.state ?? 'UNASSIGNED';
  const restartConnector = !onlyFailed || connectorState === 'FAILED';
  const tasks = Array.from({ length: taskCount }, (_, id) => {
    const state: TaskState = statuses.tasks.find((task) => task.id === id)?.state ?? 'UNASSIGNED';
    return { id, state, restart: includeTasks && (!onlyFailed || state === 'FAILED') };
  });
  return {
    connector,
    restartConnector,
    restartTasks: tasks.filter((task) => task.restart).map((task) => task.id),
    status: {
      connector: restartConnector ? 'RESTARTING' : connectorState,
      tasks: tasks.map(({ id, state, restart }) => ({ id, state: restart ? 'RESTARTING' : state })),
    },
  };
}
