import type { SinkConnector } from '../../api/connector/connector.ts';
import type { SinkTask } from '../../api/connector/sink-task.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';

/**
 * How a sink connector plugin is registered: the connector, and its task. Kafka Connect makes the
 * task from `taskClass()` by reflection; Copycat has no class loader, so the descriptor carries the
 * factory of the task class the connector names.
 */
export interface SinkPluginDescriptor extends PluginDescriptor<SinkConnector> {
  readonly kind: 'sink';
  /** A new task of the class `connector.taskClass()` names (Kafka Connect's `task.class`). */
  readonly createTask: () => SinkTask;
}

/** Whether a registered plugin is a sink connector Copycat can run tasks of. */
export function isSinkPlugin(descriptor: PluginDescriptor | undefined): descriptor is SinkPluginDescriptor {
  return descriptor?.kind === 'sink' && typeof (descriptor as { createTask?: unknown }).createTask === 'function';
}
