import { type FileHandle, open } from 'node:fs/promises';
import { AbstractConfig, ConfigDef, Importance, Type } from '../../api/config/index.ts';
import type { ConnectorProps, SinkConnector } from '../../api/connector/connector.ts';
import type { PartitionOffsets, SinkTask, SinkTaskContext } from '../../api/connector/sink-task.ts';
import { ConnectException } from '../../api/errors.ts';
import type { SinkRecord } from '../../api/record/sink-record.ts';
import type { SinkPluginDescriptor } from '../../runtime/sink/sink-plugin.ts';
import { printValue } from './file-stream-sink-print.ts';

export const FILE_STREAM_SINK_CONNECTOR = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
export const FILE_STREAM_SINK_TASK = 'org.apache.kafka.connect.file.FileStreamSinkTask';
/** The Apache Kafka release whose FileStreamSink this one matches (reported as the plugin version). */
const VERSION = '4.3.1';

const FILE_CONFIG = 'file';

/** Kafka's `FileStreamSinkConnector.CONFIG_DEF`. */
const CONFIG_DEF = new ConfigDef().define({
  name: FILE_CONFIG,
  type: Type.STRING,
  defaultValue: null,
  importance: Importance.HIGH,
  documentation: 'Destination filename. If not specified, the standard output will be used',
});

/**
 * Kafka's `FileStreamSinkConnector`: appends each record value to a file, one per line. Every
 * task gets the connector's config (`file`, `topics`); meant for demos and tests, as Kafka's.
 */
export class FileStreamSinkConnector implements SinkConnector {
  readonly type = 'sink' as const;
  #props: ConnectorProps = {};

  version(): string {
    return VERSION;
  }

  start(props: ConnectorProps): void {
    new AbstractConfig(CONFIG_DEF, props);
    this.#props = { ...props };
  }

  taskClass(): string {
    return FILE_STREAM_SINK_TASK;
  }

  taskConfigs(maxTasks: number): ConnectorProps[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.#props }));
  }

  stop(): void {}

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** Nothing to do: the sink keeps no offsets of its own, the consumer group's are the ones that count. */
  alterOffsets(): boolean {
    return true;
  }
}

/**
 * Kafka's `FileStreamSinkTask`: `put` prints each value as `PrintStream.println(Object)` would
 * (`String.valueOf`, so `null` for tombstones), `flush` writes the lines out. Without `file` it
 * prints to standard output. The file is opened for appending and created if missing.
 */
export class FileStreamSinkTask implements SinkTask {
  #filename: string | null = null;
  #file: FileHandle | undefined;
  #pending: string[] = [];

  version(): string {
    return VERSION;
  }

  initialize(_context: SinkTaskContext): void {}

  async start(props: ConnectorProps): Promise<void> {
    const config = new AbstractConfig(CONFIG_DEF, props);
    const filename = config.getString(FILE_CONFIG);
    this.#filename = filename === null || filename === '' ? null : filename;
    if (this.#filename === null) return;
    try {
      this.#file = await open(this.#filename, 'a');
    } catch (error) {
      throw new ConnectException(`Couldn't find or create file '${this.#filename}' for FileStreamSinkTask`, { cause: error });
    }
  }

  put(records: readonly SinkRecord[]): void {
    for (const record of records) this.#pending.push(`${printValue(record.valueSchema, record.value)}\n`);
  }

  async flush(_offsets: PartitionOffsets): Promise<void> {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    if (this.#file === undefined) process.stdout.write(text);
    else await this.#file.write(text);
  }

  async stop(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    this.#pending = [];
    await file?.close();
  }
}

/** Registered under Kafka's class name and its `FileStreamSink` alias. */
export const fileStreamSinkPlugin: SinkPluginDescriptor = {
  kind: 'sink',
  className: FILE_STREAM_SINK_CONNECTOR,
  aliases: ['FileStreamSink'],
  create: () => new FileStreamSinkConnector(),
  createTask: () => new FileStreamSinkTask(),
};
