import { ConfigDef } from '../api/config/index.ts';
import { type HeaderConverter, NULL_SCHEMA_AND_VALUE, type SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { Schemas } from '../api/data/schema-builder.ts';
import { decodeUtf8, encodeUtf8 } from './charsets.ts';
import { convertToString, parseString } from './values/values.ts';

const CONFIG_DEF = new ConfigDef();

/**
 * Kafka Connect's default header converter, `org.apache.kafka.connect.storage.SimpleHeaderConverter`:
 * header values are UTF-8 text, read by inferring a schema from the text (`Values.parseString`: `42`
 * is an int8, `[1,2]` a list, `2024-01-15` a Date) and written as `Values.convertToString` prints
 * them. Text that cannot be read stays as its bytes, with a bytes schema. It takes no settings.
 */
export class SimpleHeaderConverter implements HeaderConverter {
  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(_configs: Readonly<Record<string, string>>): void {}

  toConnectHeader(_topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    if (value === null || value === undefined) return NULL_SCHEMA_AND_VALUE;
    try {
      // Kafka's parse gives no schema and value at all for the text "null"; its headers read that as null.
      return parseString(decodeUtf8(value)) ?? NULL_SCHEMA_AND_VALUE;
    } catch {
      // Kafka logs a warning and keeps the bytes.
      return { schema: Schemas.BYTES, value };
    }
  }

  fromConnectHeader(_topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return encodeUtf8(convertToString(schema, value) as string);
  }

  close(): void {}
}
