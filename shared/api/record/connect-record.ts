import type { Schema } from '../data/schema.ts';
import { Headers } from './headers.ts';

/** The fields every Connect record has (Kafka Connect's `ConnectRecord`). */
export interface RecordFields {
  readonly topic: string;
  /** The Kafka partition, or null to let the producer choose. */
  readonly kafkaPartition: number | null;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  /** Milliseconds since the epoch, or null when the record has none. */
  readonly timestamp: number | null;
  readonly headers?: Headers;
}

/**
 * A record in Connect form: topic, partition, key and value with their schemas, timestamp and
 * headers. Immutable: transforms build a changed copy with {@link ConnectRecord.newRecord},
 * which keeps the kind-specific fields (a sink record's offset, a source record's source offset).
 */
export abstract class ConnectRecord implements RecordFields {
  readonly topic: string;
  readonly kafkaPartition: number | null;
  readonly keySchema: Schema | null;
  readonly key: unknown;
  readonly valueSchema: Schema | null;
  readonly value: unknown;
  readonly timestamp: number | null;
  readonly headers: Headers;

  constructor(fields: RecordFields) {
    this.topic = fields.topic;
    this.kafkaPartition = fields.kafkaPartition;
    this.keySchema = fields.keySchema;
    this.key = fields.key ?? null;
    this.valueSchema = fields.valueSchema;
    this.value = fields.value ?? null;
    this.timestamp = fields.timestamp;
    this.headers = fields.headers ?? new Headers();
  }

  /** A copy of this record with the given fields changed (headers copied unless given). */
  abstract newRecord(changes: Partial<RecordFields>): this;

  /** The fields of this record with the changes applied: the building block of `newRecord`. */
  protected changed(changes: Partial<RecordFields>): RecordFields {
    return {
      topic: changes.topic ?? this.topic,
      kafkaPartition: 'kafkaPartition' in changes ? (changes.kafkaPartition ?? null) : this.kafkaPartition,
      keySchema: 'keySchema' in changes ? (changes.keySchema ?? null) : this.keySchema,
      key: 'key' in changes ? changes.key : this.key,
      valueSchema: 'valueSchema' in changes ? (changes.valueSchema ?? null) : this.valueSchema,
      value: 'value' in changes ? changes.value : this.value,
      timestamp: 'timestamp' in changes ? (changes.timestamp ?? null) : this.timestamp,
      headers: changes.headers ?? this.headers.duplicate(),
    };
  }
}
