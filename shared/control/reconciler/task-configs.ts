import { isDeepStrictEqual } from 'node:util';
import type { Connector, ConnectorProps } from '../../api/connector/connector.ts';
import type { ConnectorConfig } from '../../stores/config-store.ts';
import type { ConnectorPlugin } from '../connector-validation.ts';
import { ControlPlaneError } from '../errors.ts';

/** The connector generated more task configs than `tasks.max` allows (Kafka Connect fails it the same way). */
export class TooManyTasksError extends ControlPlaneError {
  constructor(connector: string, generated: number, maxTasks: number) {
    super(
      `The connector ${connector} has generated ${generated} tasks, which is greater than ${maxTasks}, the maximum number of tasks it is configured to create. This is a bug in the connector; lower its work split or raise tasks.max.`,
    );
    this.name = 'TooManyTasksError';
  }
}

/**
 * Runs the connector once, as a Kafka Connect worker does on every (re)configuration: a fresh
 * instance, `start(props)`, `taskConfigs(tasks.max)`, `stop()` (always, even when the others
 * threw). Each task config gets `task.class`, and a sink's also its `topics` or `topics.regex`,
 * as Kafka Connect's `Worker.connectorTaskConfigs` adds them.
 *
 * `requestTaskReconfiguration` is a no-op: the connector does not outlive this call, and tasks
 * are recomputed whenever the reconciler runs (a periodic `reconcileAll` picks up a changed
 * source system). An error passed to `raiseError` fails the connector like a thrown one.
 */
export async function computeTaskConfigs(name: string, plugin: ConnectorPlugin, props: ConnectorProps): Promise<ConnectorConfig[]> {
  const connector: Connector = plugin.descriptor.create();
  let raised: Error | undefined;
  connector.initialize?.({
    requestTaskReconfiguration: () => undefined,
    raiseError: (error) => {
      raised ??= error;
    },
  });
  const maxTasks = Number.parseInt(props['tasks.max']?.trim() ?? '1', 10);
  let configs: ConnectorProps[];
  try {
    await connector.start(props);
    configs = await connector.taskConfigs(maxTasks);
  } catch (error) {
    await Promise.resolve()
      .then(() => connector.stop())
      .catch(() => undefined);
    throw error;
  }
  await connector.stop();
  if (raised !== undefined) throw raised;
  if (configs.length > maxTasks) throw new TooManyTasksError(name, configs.length, maxTasks);
  const added: Record<string, string> = { 'task.class': connector.taskClass() };
  if (plugin.kind === 'sink') for (const key of ['topics', 'topics.regex']) if (props[key] !== undefined) added[key] = props[key] as string;
  return configs.map((config) => ({ ...config, ...added }));
}

/** Whether two lists of task configs are the same (key order and object prototypes aside). */
export function sameTaskConfigs(stored: readonly ConnectorConfig[], computed: readonly ConnectorConfig[]): boolean {
  return stored.length === computed.length && stored.every((config, index) => isDeepStrictEqual({ ...config }, { ...computed[index] }));
}
