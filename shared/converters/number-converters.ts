// Kafka Connect's number converters (`org.apache.kafka.connect.converters.*Converter`): one number
// in Kafka's fixed-size big-endian encoding, as Kafka's Integer/Long/Float/Double/Short serializers
// write it. Reading always gives the type's optional schema; bytes of the wrong size fail.
import { AbstractConfig, type ConfigDef } from '../api/config/index.ts';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { Schemas } from '../api/data/schema-builder.ts';
import { SizedNumber } from '../api/data/sized-number.ts';
import { DataException } from '../api/errors.ts';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { newConverterConfigDef, withConverterType } from './converter-config.ts';
import { javaClassName, javaNumberType } from './java-objects.ts';
import { SerializationException } from './serialization-exception.ts';

const CONFIG_DEF: ConfigDef = newConverterConfigDef();

/** How one number type is laid out in bytes. */
interface NumberFormat {
  /** The type's name in messages (`integer`, `long`, ...). */
  readonly typeName: string;
  /** The Java type values must have. */
  readonly type: 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64';
  readonly schema: Schema;
  readonly size: number;
  /** The name Kafka's deserializer gives itself in its size message. */
  readonly deserializerName: string;
  read(view: DataView): number | bigint;
  write(view: DataView, value: number | bigint): void;
}

/** The shared behaviour of the number converters (Kafka's `NumberConverter`). */
abstract class NumberConverter implements Converter, HeaderConverter {
  readonly #format: NumberFormat;

  protected constructor(format: NumberFormat) {
    this.#format = format;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** `isKey` given: configured as a key or value converter; omitted: as a header converter. */
  configure(configs: Readonly<Record<string, string>>, isKey?: boolean): void {
    new AbstractConfig(CONFIG_DEF, withConverterType(configs, isKey));
  }

  fromConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    const format = this.#format;
    if (javaNumberType(schema, value) !== format.type) {
      throw new DataException(`Failed to serialize to ${format.typeName} (was ${javaClassName(schema, value)}): `);
    }
    const bytes = new Uint8Array(format.size);
    format.write(new DataView(bytes.buffer), value instanceof SizedNumber ? value.value : (value as number | bigint));
    return bytes;
  }

  toConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue {
    const format = this.#format;
    if (value === null || value === undefined) return { schema: format.schema, value: null };
    if (value.length !== format.size) {
      const cause = new SerializationException(`Size of data received by ${format.deserializerName} is not ${format.size}`);
      throw new DataException(`Failed to deserialize ${format.typeName}: `, { cause });
    }
    return { schema: format.schema, value: format.read(new DataView(value.buffer, value.byteOffset, value.byteLength)) };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, undefined, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, undefined, value);
  }

  close(): void {}
}

/** `org.apache.kafka.connect.converters.IntegerConverter`: 4 bytes, an optional int32. */
export class IntegerConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'integer',
      type: 'INT32',
      schema: Schemas.OPTIONAL_INT32,
      size: 4,
      deserializerName: 'IntegerDeserializer',
      read: (view) => view.getInt32(0),
      write: (view, value) => view.setInt32(0, Number(value)),
    });
  }
}

/** `org.apache.kafka.connect.converters.LongConverter`: 8 bytes, an optional int64 (`bigint`). */
export class LongConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'long',
      type: 'INT64',
      schema: Schemas.OPTIONAL_INT64,
      size: 8,
      deserializerName: 'LongDeserializer',
      read: (view) => view.getBigInt64(0),
      write: (view, value) => view.setBigInt64(0, BigInt(value)),
    });
  }
}

/** `org.apache.kafka.connect.converters.FloatConverter`: 4 bytes IEEE 754, an optional float32. */
export class FloatConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'float',
      type: 'FLOAT32',
      schema: Schemas.OPTIONAL_FLOAT32,
      size: 4,
      deserializerName: 'Deserializer',
      read: (view) => view.getFloat32(0),
      write: (view, value) => view.setFloat32(0, Number(value)),
    });
  }
}

/** `org.apache.kafka.connect.converters.DoubleConverter`: 8 bytes IEEE 754, an optional float64. */
export class DoubleConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'double',
      type: 'FLOAT64',
      schema: Schemas.OPTIONAL_FLOAT64,
      size: 8,
      deserializerName: 'Deserializer',
      read: (view) => view.getFloat64(0),
      // Java's doubleToLongBits writes every NaN as the one canonical NaN.
      write: (view, value) => (Number.isNaN(Number(value)) ? view.setBigUint64(0, 0x7ff8000000000000n) : view.setFloat64(0, Number(value))),
    });
  }
}

/** `org.apache.kafka.connect.converters.ShortConverter`: 2 bytes, an optional int16. */
export class ShortConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'short',
      type: 'INT16',
      schema: Schemas.OPTIONAL_INT16,
      size: 2,
      deserializerName: 'ShortDeserializer',
      read: (view) => view.getInt16(0),
      write: (view, value) => view.setInt16(0, Number(value)),
    });
  }
}
