import { AbstractConfig, type ConfigDef } from '../api/config/index.ts';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { Schemas } from '../api/data/schema-builder.ts';
import { DataException } from '../api/errors.ts';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { newConverterConfigDef, withConverterType } from './converter-config.ts';
import { javaClassName } from './java-objects.ts';
import { SerializationException } from './serialization-exception.ts';

const CONFIG_DEF: ConfigDef = newConverterConfigDef();
const TRUE = Uint8Array.of(1);
const FALSE = Uint8Array.of(0);

/**
 * Kafka Connect's `org.apache.kafka.connect.converters.BooleanConverter`: one byte, 1 for true and
 * 0 for false; reading gives an optional boolean schema. Usable for keys, values and headers.
 */
export class BooleanConverter implements Converter, HeaderConverter {
  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** `isKey` given: configured as a key or value converter; omitted: as a header converter. */
  configure(configs: Readonly<Record<string, string>>, isKey?: boolean): void {
    new AbstractConfig(CONFIG_DEF, withConverterType(configs, isKey));
  }

  fromConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null {
    if (schema !== null && schema !== undefined && schema.type !== 'BOOLEAN') {
      throw new DataException(`Invalid schema type for BooleanConverter: ${schema.type}`);
    }
    if (value === null || value === undefined) return null;
    if (typeof value !== 'boolean')
      throw new DataException(`BooleanConverter is not compatible with objects of type ${javaClassName(schema, value)}`);
    // A copy each time: callers may keep or change the array they get.
    return Uint8Array.from(value ? TRUE : FALSE);
  }

  toConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue {
    if (value === null || value === undefined) return { schema: Schemas.OPTIONAL_BOOLEAN, value: null };
    let cause: SerializationException | undefined;
    if (value.length !== 1) cause = new SerializationException('Size of data received by BooleanDeserializer is not 1');
    else if (value[0] === 1) return { schema: Schemas.OPTIONAL_BOOLEAN, value: true };
    else if (value[0] === 0) return { schema: Schemas.OPTIONAL_BOOLEAN, value: false };
    else cause = new SerializationException(`Unexpected byte received by BooleanDeserializer: ${((value[0] as number) << 24) >> 24}`);
    throw new DataException('Failed to deserialize boolean: ', { cause });
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, undefined, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, undefined, value);
  }

  close(): void {}
}
