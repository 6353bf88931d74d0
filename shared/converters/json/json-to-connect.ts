// JSON tree → Connect data, as JsonConverter's `convertToConnect`, including its leniency: a value
// of the wrong JSON type reads as Jackson's accessors read it (0, false, null, an empty list).
import { BigDecimal } from '../../api/data/big-decimal.ts';
import { ConnectDate, ConnectTime, Decimal, Timestamp } from '../../api/data/logical-types.ts';
import type { Schema } from '../../api/data/schema.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException } from '../../api/errors.ts';
import { decimalToLong } from '../java-numbers.ts';
import { decodeJacksonBase64 } from './jackson-base64.ts';
import { JsonFloat, JsonObject, type JsonValue, MISSING, type Missing, nodeType } from './json-tree.ts';

/** The JsonConverter settings that change how data is read. */
export interface JsonReadOptions {
  readonly replaceNullWithDefault: boolean;
}

/** A node as Kafka reads it for `schema` (null for schemaless). `undefined` is an absent field (Java null). */
export function jsonToConnect(schema: Schema | null, json: JsonValue | Missing | undefined, options: JsonReadOptions): unknown {
  if (schema === null) return schemalessValue(json);
  if (json === null || json === undefined) {
    if (schema.defaultValue !== null && schema.defaultValue !== undefined && options.replaceNullWithDefault) return schema.defaultValue;
    if (schema.optional) return null;
    throw new DataException(`Invalid null value for required ${schema.type} field`);
  }
  if (schema.name !== undefined) {
    const logical = logicalReaders.get(schema.name);
    if (logical !== undefined) return logical(schema, json);
  }
  switch (schema.type) {
    case 'BOOLEAN':
      return json === true;
    case 'INT8':
      return (intValue(json) << 24) >> 24;
    case 'INT16':
      return (intValue(json) << 16) >> 16;
    case 'INT32':
      return intValue(json);
    case 'INT64':
      return longValue(json);
    case 'FLOAT32':
      return Math.fround(doubleValue(json));
    case 'FLOAT64':
      return doubleValue(json);
    case 'STRING':
      return typeof json === 'string' ? json : null;
    case 'BYTES':
      if (typeof json !== 'string') return null;
      try {
        return decodeJacksonBase64(json);
      } catch (error) {
        throw new DataException('Invalid bytes field', { cause: error });
      }
    case 'ARRAY':
      return arrayValue(schema, json, options);
    case 'MAP':
      return mapValue(schema, json, options);
    case 'STRUCT':
      return structValue(schema, json, options);
  }
}

function arrayValue(schema: Schema, json: JsonValue | Missing, options: JsonReadOptions): unknown[] {
  const itemSchema = schema.valueSchema ?? null;
  // Jackson iterates any node: an array's items, an object's values, nothing for a scalar.
  const items = Array.isArray(json) ? json : json instanceof JsonObject ? json.values() : [];
  const result = new Array<unknown>(items.length);
  for (let i = 0; i < items.length; i++) result[i] = jsonToConnect(itemSchema, items[i], options);
  return result;
}

function mapValue(schema: Schema, json: JsonValue | Missing, options: JsonReadOptions): Map<unknown, unknown> {
  const keySchema = schema.keySchema ?? null;
  const valueSchema = schema.valueSchema ?? null;
  const result = new Map<unknown, unknown>();
  if (keySchema === null || keySchema.type === 'STRING') {
    if (!(json instanceof JsonObject))
      throw new DataException(`Maps with string fields should be encoded as JSON objects, but found ${nodeType(json)}`);
    const keys = json.keys();
    const values = json.values();
    for (let i = 0; i < keys.length; i++) result.set(keys[i], jsonToConnect(valueSchema, values[i], options));
    return result;
  }
  if (!Array.isArray(json)) {
    throw new DataException(`Maps with non-string fields should be encoded as JSON array of tuples, but found ${nodeType(json)}`);
  }
  for (const entry of json) {
    if (!Array.isArray(entry)) throw new DataException(`Found invalid map entry instead of array tuple: ${nodeType(entry)}`);
    if (entry.length !== 2) throw new DataException(`Found invalid map entry, expected length 2 but found :${entry.length}`);
    result.set(jsonToConnect(keySchema, entry[0], options), jsonToConnect(valueSchema, entry[1], options));
  }
  return result;
}

function structValue(schema: Schema, json: JsonValue | Missing, options: JsonReadOptions): Struct {
  if (!(json instanceof JsonObject)) throw new DataException(`Structs should be encoded as JSON objects, but found ${nodeType(json)}`);
  const struct = new Struct(schema);
  for (const field of schema.fields) struct.put(field, jsonToConnect(field.schema, json.get(field.name), options));
  return struct;
}

/** Schemaless data: integers are Java longs, other numbers doubles, objects maps. */
function schemalessValue(json: JsonValue | Missing | undefined): unknown {
  if (json === null || json === undefined || json === MISSING) return null;
  switch (typeof json) {
    case 'number':
      return BigInt(json);
    case 'bigint':
      return BigInt.asIntN(64, json);
    case 'boolean':
    case 'string':
      return json;
    default:
  }
  if (json instanceof JsonFloat) return json.value;
  if (Array.isArray(json)) return json.map(schemalessValue);
  const result = new Map<string, unknown>();
  const keys = json.keys();
  const values = json.values();
  for (let i = 0; i < keys.length; i++) result.set(keys[i] as string, schemalessValue(values[i]));
  return result;
}

/** Jackson's `intValue()`: Java's (int) narrowing of any number; 0 for anything else. */
function intValue(json: JsonValue | Missing): number {
  if (typeof json === 'number') return json | 0;
  if (typeof json === 'bigint') return Number(BigInt.asIntN(32, json));
  if (json instanceof JsonFloat) return Number(BigInt.asIntN(32, decimalToLong(BigDecimal.parse(json.text))));
  return 0;
}

/** Jackson's `longValue()`: Java's (long) narrowing of any number; 0 for anything else. */
function longValue(json: JsonValue | Missing): bigint {
  if (typeof json === 'number') return BigInt(json);
  if (typeof json === 'bigint') return BigInt.asIntN(64, json);
  if (json instanceof JsonFloat) return decimalToLong(BigDecimal.parse(json.text));
  return 0n;
}

/** Jackson's `doubleValue()`: the nearest double of any number; 0 for anything else. */
function doubleValue(json: JsonValue | Missing): number {
  if (typeof json === 'number') return json;
  if (typeof json === 'bigint') return Number(json);
  if (json instanceof JsonFloat) return json.value;
  return 0;
}

type LogicalReader = (schema: Schema, json: JsonValue | Missing) => unknown;

const logicalReaders = new Map<string, LogicalReader>([
  [
    Decimal.LOGICAL_NAME,
    (schema, json) => {
      if (typeof json === 'number') return new BigDecimal(BigInt(json), 0);
      if (typeof json === 'bigint') return new BigDecimal(json, 0);
      if (json instanceof JsonFloat) return BigDecimal.parse(json.text);
      if (typeof json === 'string') {
        try {
          return Decimal.toLogical(schema, decodeJacksonBase64(json));
        } catch (error) {
          throw new DataException('Invalid bytes for Decimal field', { cause: error });
        }
      }
      throw new DataException(`Invalid type for Decimal, underlying representation should be numeric or bytes but was ${nodeType(json)}`);
    },
  ],
  [
    ConnectDate.LOGICAL_NAME,
    (schema, json) => {
      if (!isInt(json))
        throw new DataException(`Invalid type for Date, underlying representation should be integer but was ${nodeType(json)}`);
      return ConnectDate.toLogical(schema, json);
    },
  ],
  [
    ConnectTime.LOGICAL_NAME,
    (schema, json) => {
      if (!isInt(json))
        throw new DataException(`Invalid type for Time, underlying representation should be integer but was ${nodeType(json)}`);
      return ConnectTime.toLogical(schema, json);
    },
  ],
  [
    Timestamp.LOGICAL_NAME,
    (schema, json) => {
      if (typeof json !== 'number' && typeof json !== 'bigint') {
        throw new DataException(`Invalid type for Timestamp, underlying representation should be integral but was ${nodeType(json)}`);
      }
      return Timestamp.toLogical(schema, longValue(json));
    },
  ],
]);

/** Jackson's `isInt()`: an integer token that fits Java's int. */
function isInt(json: JsonValue | Missing): json is number {
  return typeof json === 'number' && json >= -2147483648 && json <= 2147483647;
}
