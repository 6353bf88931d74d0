import type { RestartRequest } from './herder.ts';
import type { Reconciler } from './reconciler/reconciler.ts';

/**
 * How the REST API's herder drives a reconciler. Restarts always go straight to it (a restart
 * changes no config item, so no stream event would carry it). Config changes go to it directly
 * when `reconcileOnChange` (standalone); in AWS the table's stream triggers the reconciler.
 */
export function reconcilerHooks(reconciler: Reconciler, options: { readonly reconcileOnChange: boolean }) {
  return {
    afterChange: async (connector: string): Promise<void> => {
      if (options.reconcileOnChange) await reconciler.reconcile(connector);
    },
    restart: async (connector: string, request: RestartRequest): Promise<void> => {
      if (request.task !== undefined) await reconciler.restartTask(connector, request.task);
      else await reconciler.restart(connector, { includeTasks: request.includeTasks, onlyFailed: request.onlyFailed });
    },
  };
}
