import type { ConfigDef } from '../api/config/index.ts';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { Schemas } from '../api/data/schema-builder.ts';
import { DataException } from '../api/errors.ts';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { newConverterConfigDef } from './converter-config.ts';
import { javaClassName } from './java-objects.ts';

const CONFIG_DEF: ConfigDef = newConverterConfigDef();

/**
 * Kafka Connect's `org.apache.kafka.connect.converters.ByteArrayConverter`: the bytes as they are,
 * with an optional bytes schema. It takes no settings (Kafka's does not even check
 * `converter.type`). Usable for keys, values and headers.
 */
export class ByteArrayConverter implements Converter, HeaderConverter {
  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(_configs: Readonly<Record<string, string>>, _isKey?: boolean): void {}

  fromConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema !== null && schema !== undefined && schema.type !== 'BYTES') {
      throw new DataException(`Invalid schema type for ByteArrayConverter: ${schema.type}`);
    }
    if (value === null || value === undefined) return null;
    if (!(value instanceof Uint8Array)) {
      throw new DataException(`ByteArrayConverter is not compatible with objects of type ${javaClassName(schema, value)}`);
    }
    return value;
  }

  toConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_BYTES, value: value ?? null };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, undefined, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, undefined, value);
  }

  close(): void {}
}
