import type { ConnectRecord } from '../../api/record/connect-record.ts';
import { SinkRecord, type TimestampType } from '../../api/record/sink-record.ts';
import { type SourceMap, SourceRecord } from '../../api/record/source-record.ts';
import { javaToString } from '../../converters/java-objects.ts';

/** How Kafka's `TimestampType` enum prints. */
const TIMESTAMP_TYPE_NAMES: Readonly<Record<TimestampType, string>> = {
  NO_TIMESTAMP_TYPE: 'NoTimestampType',
  CREATE_TIME: 'CreateTime',
  LOG_APPEND_TIME: 'LogAppendTime',
};

/**
 * A record as Java's `toString()` prints it (`SinkRecord{kafkaOffset=0, ...} ConnectRecord{topic='t', ...}`),
 * for the messages Kafka Connect builds from one, such as TimestampRouter's "Timestamp missing on record".
 */
export function javaRecordString(record: ConnectRecord): string {
  const headers = [...record.headers].map(
    (h) => `ConnectHeader(key=${h.key}, value=${javaToString(h.schema, h.value)}, schema=${h.schema})`,
  );
  const connect =
    `ConnectRecord{topic='${record.topic}', kafkaPartition=${record.kafkaPartition}, key=${javaToString(record.keySchema, record.key)}, ` +
    `keySchema=${record.keySchema}, value=${javaToString(record.valueSchema, record.value)}, valueSchema=${record.valueSchema}, ` +
    `timestamp=${record.timestamp}, headers=ConnectHeaders(headers=${headers.length === 0 ? '' : `[${headers.join(', ')}]`})}`;
  if (record instanceof SinkRecord) {
    return (
      `SinkRecord{kafkaOffset=${record.kafkaOffset}, timestampType=${TIMESTAMP_TYPE_NAMES[record.timestampType]}, ` +
      `originalTopic=${record.originalTopic}, originalKafkaPartition=${record.originalKafkaPartition}, ` +
      `originalKafkaOffset=${record.originalKafkaOffset}} ${connect}`
    );
  }
  if (record instanceof SourceRecord) {
    return `SourceRecord{sourcePartition=${mapString(record.sourcePartition)}, sourceOffset=${mapString(record.sourceOffset)}} ${connect}`;
  }
  return connect;
}

function mapString(map: SourceMap | null): string {
  if (map === null) return 'null';
  return `{${Object.entries(map)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ')}}`;
}
