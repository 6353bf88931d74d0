import { AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { javaRecordString } from './support/java-record-string.ts';
import { SimpleDateFormat } from './support/simple-date-format.ts';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'topic.format',
    type: Type.STRING,
    defaultValue: `\${topic}-\${timestamp}`,
    importance: Importance.HIGH,
    documentation: `Format string which can contain <code>\${topic}</code> and <code>\${timestamp}</code> as placeholders for the topic and timestamp, respectively.`,
  })
  .define({
    name: 'timestamp.format',
    type: Type.STRING,
    defaultValue: 'yyyyMMdd',
    importance: Importance.HIGH,
    documentation: 'Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.',
  });

/**
 * Renames the topic from the record's own topic and timestamp (Kafka Connect's `TimestampRouter`):
 * `${topic}` and `${timestamp}` in `topic.format` become the topic and the timestamp formatted
 * with the Java `SimpleDateFormat` pattern `timestamp.format`, in UTC. A record without a
 * timestamp fails. As in Kafka, a bad `timestamp.format` is found only when the first record
 * arrives, and then fails every record.
 */
export class TimestampRouter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #topicFormat = `\${topic}-\${timestamp}`;
  #timestampPattern = 'yyyyMMdd';
  #format: SimpleDateFormat | null = null;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#topicFormat = config.getString('topic.format') ?? '';
    this.#timestampPattern = config.getString('timestamp.format') ?? '';
    this.#format = null;
  }

  apply(record: R): R | null {
    if (record.timestamp === null) throw new DataException(`Timestamp missing on record: ${javaRecordString(record)}`);
    this.#format ??= new SimpleDateFormat(this.#timestampPattern);
    const timestamp = this.#format.format(record.timestamp);
    const topic = this.#topicFormat.replaceAll(`\${topic}`, () => record.topic).replaceAll(`\${timestamp}`, () => timestamp);
    return record.newRecord({ topic });
  }

  close(): void {
    this.#format = null;
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.TimestampRouter', create: () => new TimestampRouter() },
];
