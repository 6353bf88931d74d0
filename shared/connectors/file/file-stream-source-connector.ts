import { AbstractConfig, type ConfigDef } from '../../api/config/index.ts';
import type { ConnectorProps, ExactlyOnceSupport, SourceConnector } from '../../api/connector/connector.ts';
import { ConnectException } from '../../api/errors.ts';
import type { SourcePluginDescriptor } from '../../runtime/source/source-plugin.ts';
import {
  FILE_CONFIG,
  FILE_STREAM_SOURCE_CONFIG_DEF,
  FILE_STREAM_SOURCE_CONNECTOR,
  FILE_STREAM_SOURCE_TASK,
  FILE_STREAM_SOURCE_VERSION,
} from './file-stream-source-config.ts';
import { FILENAME_FIELD, FileStreamSourceTask, POSITION_FIELD } from './file-stream-source-task.ts';

/** Kafka's `FileStreamSourceConnector`: one task, which gets the connector's config as given. */
export class FileStreamSourceConnector implements SourceConnector {
  readonly type = 'source' as const;
  #props: ConnectorProps = {};

  version(): string {
    return FILE_STREAM_SOURCE_VERSION;
  }

  start(props: ConnectorProps): void {
    new AbstractConfig(FILE_STREAM_SOURCE_CONFIG_DEF, props);
    this.#props = props;
  }

  taskClass(): string {
    return FILE_STREAM_SOURCE_TASK;
  }

  /** Only one input stream makes sense: one task, whatever `tasks.max` says. */
  taskConfigs(_maxTasks: number): ConnectorProps[] {
    return [this.#props];
  }

  stop(): void {}

  config(): ConfigDef {
    return FILE_STREAM_SOURCE_CONFIG_DEF;
  }

  /** A real file can be replayed exactly (as long as it is only appended to); standard input cannot. */
  exactlyOnceSupport(props: ConnectorProps): ExactlyOnceSupport {
    const filename = new AbstractConfig(FILE_STREAM_SOURCE_CONFIG_DEF, props).getString(FILE_CONFIG);
    return filename !== null && filename !== '' ? 'SUPPORTED' : 'UNSUPPORTED';
  }

  /**
   * Kafka's checks of offsets a user alters (KIP-875): each offset is null or has a non-negative
   * integer `position`; each partition has `filename`. Keys are the partitions' JSON.
   */
  alterOffsets(props: ConnectorProps, offsets: ReadonlyMap<string, unknown>): boolean {
    const filename = new AbstractConfig(FILE_STREAM_SOURCE_CONFIG_DEF, props).getString(FILE_CONFIG);
    if (filename === null || filename === '')
      throw new ConnectException(
        `Offsets cannot be modified if the '${FILE_CONFIG}' configuration is unspecified. This is because stdin is used for input and offsets are not tracked.`,
      );
    for (const [partitionJson, offset] of offsets) {
      if (offset === null || offset === undefined) continue;
      if (typeof offset !== 'object' || !(POSITION_FIELD in offset))
        throw new ConnectException(`Offset objects should either be null or contain the key '${POSITION_FIELD}'`);
      const position = (offset as Record<string, unknown>)[POSITION_FIELD];
      if (typeof position !== 'number' || !Number.isSafeInteger(position))
        throw new ConnectException(`The value for the '${POSITION_FIELD}' key in the offset is expected to be a Long value`);
      if (position < 0)
        throw new ConnectException(`The value for the '${POSITION_FIELD}' key in the offset should be a non-negative value`);
      let partition: unknown;
      try {
        partition = JSON.parse(partitionJson);
      } catch {
        partition = null;
      }
      if (partition === null || typeof partition !== 'object') throw new ConnectException('Partition objects cannot be null');
      if (!(FILENAME_FIELD in partition)) throw new ConnectException(`Partition objects should contain the key '${FILENAME_FIELD}'`);
    }
    return true;
  }
}

/** Registered under Kafka's class name and its `FileStreamSource` alias. */
export const fileStreamSourcePlugin: SourcePluginDescriptor = {
  kind: 'source',
  className: FILE_STREAM_SOURCE_CONNECTOR,
  aliases: ['FileStreamSource'],
  create: () => new FileStreamSourceConnector(),
  createTask: () => new FileStreamSourceTask(),
};
