import type { SourceConnector } from '../../api/connector/connector.ts';
import type { SourceTask } from '../../api/connector/source-task.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';

/**
 * How a source connector plugin is registered: the connector, and its task. Kafka Connect makes
 * the task from `taskClass()` by reflection; Copycat has no class loader, so the descriptor
 * carries the factory of the task class the connector names.
 */
export interface SourcePluginDescriptor extends PluginDescriptor<SourceConnector> {
  readonly kind: 'source';
  /** A new task of the class `connector.taskClass()` names (Kafka Connect's `task.class`). */
  readonly createTask: () => SourceTask;
}

/** Whether a registered plugin is a source connector Copycat can run tasks of. */
export function isSourcePlugin(descriptor: PluginDescriptor | undefined): descriptor is SourcePluginDescriptor {
  return descriptor?.kind === 'source' && typeof (descriptor as { createTask?: unknown }).createTask === 'function';
}
