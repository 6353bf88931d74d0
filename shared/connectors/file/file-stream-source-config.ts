import { ConfigDef, Importance, NonEmptyString, Type } from '../../api/config/index.ts';

export const FILE_STREAM_SOURCE_CONNECTOR = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const FILE_STREAM_SOURCE_TASK = 'org.apache.kafka.connect.file.FileStreamSourceTask';
/** The Apache Kafka release whose FileStreamSource this one matches (reported as the plugin version). */
export const FILE_STREAM_SOURCE_VERSION = '4.3.1';

export const FILE_CONFIG = 'file';
export const TOPIC_CONFIG = 'topic';
export const BATCH_SIZE_CONFIG = 'batch.size';
export const DEFAULT_TASK_BATCH_SIZE = 2000;

/** Kafka's `FileStreamSourceConnector.CONFIG_DEF`. */
export const FILE_STREAM_SOURCE_CONFIG_DEF = new ConfigDef()
  .define({
    name: FILE_CONFIG,
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation: 'Source filename. If not specified, the standard input will be used',
  })
  .define({
    name: TOPIC_CONFIG,
    type: Type.STRING,
    validator: new NonEmptyString(),
    importance: Importance.HIGH,
    documentation: 'The topic to publish data to',
  })
  .define({
    name: BATCH_SIZE_CONFIG,
    type: Type.INT,
    defaultValue: DEFAULT_TASK_BATCH_SIZE,
    importance: Importance.LOW,
    documentation: 'The maximum number of records the source task can read from the file each time it is polled',
  });
