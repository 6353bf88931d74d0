import type { ConfigDef } from './config/index.ts';
import type { Schema } from './data/schema.ts';
import type { KafkaHeader } from './record/kafka-header.ts';

/** A value in Connect form with its schema (null for schemaless data), as Kafka Connect's `SchemaAndValue`. */
export interface SchemaAndValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}

export const NULL_SCHEMA_AND_VALUE: SchemaAndValue = Object.freeze({ schema: null, value: null });

/**
 * Turns record keys or values from Kafka bytes into Connect data and back (Kafka Connect's
 * `Converter`). Configured once with its settings (the `key.converter.` or `value.converter.`
 * prefix removed) and whether it converts keys. Null bytes are a null value, both ways.
 */
export interface Converter {
  configure(configs: Readonly<Record<string, string>>, isKey: boolean): void;
  /** `headers` are the record's Kafka headers, for converters that keep schema ids there. */
  fromConnectData(topic: string, headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null;
  toConnectData(topic: string, headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue;
  /** The settings this converter accepts. */
  config(): ConfigDef;
  close?(): void;
}

/** Turns header values from Kafka bytes into Connect data and back (Kafka Connect's `HeaderConverter`). */
export interface HeaderConverter {
  configure(configs: Readonly<Record<string, string>>): void;
  toConnectHeader(topic: string, headerKey: string, value: Uint8Array | null): SchemaAndValue;
  fromConnectHeader(topic: string, headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null;
  config(): ConfigDef;
  close?(): void;
}
