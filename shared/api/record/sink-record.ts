import { ConnectRecord, type RecordFields } from './connect-record.ts';

export type TimestampType = 'NO_TIMESTAMP_TYPE' | 'CREATE_TIME' | 'LOG_APPEND_TIME';

export interface SinkRecordFields extends RecordFields {
  readonly kafkaPartition: number;
  readonly kafkaOffset: number;
  readonly timestampType?: TimestampType;
  /** Where the record was read from, before any transform renamed its topic or partition. */
  readonly originalTopic?: string;
  readonly originalKafkaPartition?: number;
  readonly originalKafkaOffset?: number;
}

/** A record read from Kafka for a sink task, with its offset (Kafka Connect's `SinkRecord`). */
export class SinkRecord extends ConnectRecord {
  readonly kafkaOffset: number;
  readonly timestampType: TimestampType;
  readonly originalTopic: string;
  readonly originalKafkaPartition: number;
  readonly originalKafkaOffset: number;

  constructor(fields: SinkRecordFields) {
    super(fields);
    this.kafkaOffset = fields.kafkaOffset;
    this.timestampType = fields.timestampType ?? (fields.timestamp === null ? 'NO_TIMESTAMP_TYPE' : 'CREATE_TIME');
    this.originalTopic = fields.originalTopic ?? fields.topic;
    this.originalKafkaPartition = fields.originalKafkaPartition ?? fields.kafkaPartition;
    this.originalKafkaOffset = fields.originalKafkaOffset ?? fields.kafkaOffset;
  }

  newRecord(changes: Partial<RecordFields>): this {
    const fields = this.changed(changes);
    return new SinkRecord({
      ...fields,
      kafkaPartition: fields.kafkaPartition ?? this.originalKafkaPartition,
      kafkaOffset: this.kafkaOffset,
      timestampType: this.timestampType,
      originalTopic: this.originalTopic,
      originalKafkaPartition: this.originalKafkaPartition,
      originalKafkaOffset: this.originalKafkaOffset,
    }) as this;
  }
}
