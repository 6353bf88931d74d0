import { AbstractConfig, type ConfigDef } from '../../api/config/index.ts';
import type { ConnectorProps, SourceConnector } from '../../api/connector/connector.ts';
import type { SourcePluginDescriptor } from '../../runtime/source/source-plugin.ts';
import { DATAGEN_CONFIG_DEF, DATAGEN_CONNECTOR, DATAGEN_TASK, DATAGEN_VERSION } from './datagen-config.ts';
import { DatagenTask, TASK_ID } from './datagen-task.ts';

/**
 * Confluent's `DatagenConnector` (kafka-connect-datagen) for its `orders`, `users` and
 * `pageviews` quickstarts: `tasks.max` tasks, each told its `task.id`, each generating its own
 * sequence.
 */
export class DatagenConnector implements SourceConnector {
  readonly type = 'source' as const;
  #props: ConnectorProps = {};

  version(): string {
    return DATAGEN_VERSION;
  }

  start(props: ConnectorProps): void {
    new AbstractConfig(DATAGEN_CONFIG_DEF, props);
    this.#props = props;
  }

  taskClass(): string {
    return DATAGEN_TASK;
  }

  taskConfigs(maxTasks: number): ConnectorProps[] {
    return Array.from({ length: maxTasks }, (_, id) => ({ ...this.#props, [TASK_ID]: String(id) }));
  }

  stop(): void {}

  config(): ConfigDef {
    return DATAGEN_CONFIG_DEF;
  }
}

/** Registered under Confluent's class name and the `Datagen` alias. */
export const datagenPlugin: SourcePluginDescriptor = {
  kind: 'source',
  className: DATAGEN_CONNECTOR,
  aliases: ['Datagen'],
  create: () => new DatagenConnector(),
  createTask: () => new DatagenTask(),
};
