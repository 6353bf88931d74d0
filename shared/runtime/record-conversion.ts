import type { Converter, HeaderConverter } from '../api/converter.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import { Headers } from '../api/record/headers.ts';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { SinkRecord } from '../api/record/sink-record.ts';
import type { KafkaMessage } from './kafka-message.ts';
import { atStage } from './stage.ts';

/** The three converters of a connector, with the class names they were configured as (for error reports). */
export interface RecordConverters {
  readonly key: Converter;
  readonly value: Converter;
  readonly header: HeaderConverter;
  readonly keyClass: string;
  readonly valueClass: string;
  readonly headerClass: string;
}

/**
 * Kafka bytes → a SinkRecord in Connect form, in Kafka Connect's order (key, value, headers),
 * each failure tagged with its stage.
 */
export function toSinkRecord(message: KafkaMessage, converters: RecordConverters): SinkRecord {
  const { topic } = message;
  const key = atStage('KEY_CONVERTER', converters.keyClass, () => converters.key.toConnectData(topic, message.headers, message.key));
  const value = atStage('VALUE_CONVERTER', converters.valueClass, () =>
    converters.value.toConnectData(topic, message.headers, message.value),
  );
  const headers = atStage('HEADER_CONVERTER', converters.headerClass, () => {
    const converted = new Headers();
    for (const header of message.headers) {
      const { schema, value: headerValue } = converters.header.toConnectHeader(topic, header.key, header.value);
      converted.add(header.key, headerValue, schema);
    }
    return converted;
  });
  return new SinkRecord({
    topic,
    kafkaPartition: message.partition,
    kafkaOffset: message.offset,
    keySchema: key.schema,
    key: key.value,
    valueSchema: value.schema,
    value: value.value,
    timestamp: message.timestamp,
    headers,
  });
}

/** The Kafka bytes of a Connect record, in Kafka Connect's producer-side order (headers, key, value). */
export interface ConvertedRecord {
  readonly topic: string;
  readonly partition: number | null;
  readonly timestamp: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
}

export function fromConnectRecord(record: ConnectRecord, converters: RecordConverters): ConvertedRecord {
  const { topic } = record;
  const headers = atStage('HEADER_CONVERTER', converters.headerClass, () =>
    [...record.headers].map((header) => ({
      key: header.key,
      value: converters.header.fromConnectHeader(topic, header.key, header.schema, header.value),
    })),
  );
  const key = atStage('KEY_CONVERTER', converters.keyClass, () =>
    converters.key.fromConnectData(topic, headers, record.keySchema, record.key),
  );
  const value = atStage('VALUE_CONVERTER', converters.valueClass, () =>
    converters.value.fromConnectData(topic, headers, record.valueSchema, record.value),
  );
  return { topic, partition: record.kafkaPartition, timestamp: record.timestamp, key, value, headers };
}
