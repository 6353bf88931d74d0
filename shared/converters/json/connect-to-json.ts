// Connect data → JSON text, as JsonConverter's `convertToJson`, written straight to a string
// instead of through a node tree.
import { BigDecimal } from '../../api/data/big-decimal.ts';
import { javaClassOf, schemasEqual, schemaTypeOf } from '../../api/data/connect-schema.ts';
import { ConnectDate, ConnectTime, Decimal, Timestamp } from '../../api/data/logical-types.ts';
import type { Schema, SchemaType } from '../../api/data/schema.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException } from '../../api/errors.ts';
import { jsonBytes, jsonDouble, jsonFloat, jsonString } from './json-writer.ts';

/** The JsonConverter settings that change how data is written. */
export interface JsonWriteOptions {
  readonly replaceNullWithDefault: boolean;
  /** `decimal.format=NUMERIC`: Decimals as JSON numbers instead of base64 bytes. */
  readonly decimalNumeric: boolean;
}

/**
 * The JSON text of a Connect value, or null where Kafka's converter has no JSON node at all (a
 * null value without a schema), which a container writes as `null` and the top level as no bytes.
 */
export function connectToJson(schema: Schema | null, value: unknown, options: JsonWriteOptions): string | null {
  if (value === null || value === undefined) {
    if (schema === null) return null;
    if (schema.defaultValue !== null && schema.defaultValue !== undefined && options.replaceNullWithDefault) {
      return connectToJson(schema, schema.defaultValue, options);
    }
    if (schema.optional) return 'null';
    throw new DataException('Conversion error: null value for field that is required and has no default value');
  }
  if (schema === null) {
    // Schemaless scalars, the bulk of plain JSON: no schema to consult.
    switch (typeof value) {
      case 'string':
        return jsonString(value);
      case 'bigint':
        return value.toString();
      case 'number':
        return jsonDouble(value);
      case 'boolean':
        return value ? 'true' : 'false';
      default:
    }
  } else if (schema.name !== undefined) {
    const logical = logicalWriters.get(schema.name);
    if (logical !== undefined) return logical(schema, value, options);
  }
  let type: SchemaType;
  if (schema === null) {
    const inferred = schemaTypeOf(value);
    if (inferred === undefined) throw new DataException(`Java class ${javaClassOf(value)} does not have corresponding schema type.`);
    type = inferred;
  } else {
    type = schema.type;
  }
  switch (type) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
      return String(numberOf(schema, value, type));
    case 'INT64':
      if (typeof value !== 'bigint') throw classCast(schema, value);
      return value.toString();
    case 'FLOAT32':
      return jsonFloat(numberOf(schema, value, type));
    case 'FLOAT64':
      return jsonDouble(numberOf(schema, value, type));
    case 'BOOLEAN':
      if (typeof value !== 'boolean') throw classCast(schema, value);
      return value ? 'true' : 'false';
    case 'STRING':
      if (typeof value !== 'string') throw classCast(schema, value);
      return jsonString(value);
    case 'BYTES':
      if (!(value instanceof Uint8Array)) throw new DataException(`Invalid type for bytes type: ${javaClassOf(value)}`);
      return jsonBytes(value);
    case 'ARRAY':
      return arrayToJson(schema, value, options);
    case 'MAP':
      return mapToJson(schema, value, options);
    case 'STRUCT':
      return structToJson(schema, value, options);
  }
}

/** A number whose Java class would be the one `type` casts to (Byte, Short, Integer, Float, Double). */
function numberOf(schema: Schema | null, value: unknown, type: SchemaType): number {
  if (typeof value === 'number') return value;
  if (value instanceof SizedNumber && value.type === type) return value.value;
  throw classCast(schema, value);
}

function arrayToJson(schema: Schema | null, value: unknown, options: JsonWriteOptions): string {
  if (!Array.isArray(value)) throw classCast(schema, value);
  const itemSchema = schema === null ? null : (schema.valueSchema ?? null);
  let json = '[';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) json += ',';
    json += connectToJson(itemSchema, value[i], options) ?? 'null';
  }
  return `${json}]`;
}

function mapToJson(schema: Schema | null, value: unknown, options: JsonWriteOptions): string {
  if (!(value instanceof Map)) throw classCast(schema, value);
  const keySchema = schema === null ? null : (schema.keySchema ?? null);
  const valueSchema = schema === null ? null : (schema.valueSchema ?? null);
  // String keys make a JSON object; any other key type a list of [key, value] pairs.
  let objectMode: boolean;
  if (schema === null) {
    objectMode = true;
    for (const key of value.keys()) {
      if (typeof key !== 'string') {
        objectMode = false;
        break;
      }
    }
  } else {
    objectMode = keySchema?.type === 'STRING';
  }
  let json = objectMode ? '{' : '[';
  let first = true;
  for (const [key, item] of value) {
    if (first) first = false;
    else json += ',';
    const keyJson = connectToJson(keySchema, key, options);
    const itemJson = connectToJson(valueSchema, item, options) ?? 'null';
    json += objectMode ? `${fieldName(keyJson)}:${itemJson}` : `[${keyJson ?? 'null'},${itemJson}]`;
  }
  return json + (objectMode ? '}' : ']');
}

/** An object key from a key's JSON, as Jackson's `asText()` of the key node. */
function fieldName(keyJson: string | null): string {
  if (keyJson === null || keyJson === 'null') return '"null"';
  return keyJson.startsWith('"') ? keyJson : jsonString(keyJson);
}

function structToJson(schema: Schema | null, value: unknown, options: JsonWriteOptions): string {
  if (!(value instanceof Struct)) throw classCast(schema, value);
  if (schema === null || !schemasEqual(value.schema, schema)) throw new DataException('Mismatching schema.');
  const names = fieldNames(schema);
  const fields = schema.fields;
  let json = '{';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as (typeof fields)[number];
    if (i > 0) json += ',';
    json += names[i] + (connectToJson(field.schema, value.getWithoutDefault(field), options) ?? 'null');
  }
  return `${json}}`;
}

const fieldNameCache = new WeakMap<Schema, readonly string[]>();

/** Each field's `"name":` prefix, escaped once per schema. */
function fieldNames(schema: Schema): readonly string[] {
  let names = fieldNameCache.get(schema);
  if (names === undefined) {
    names = schema.fields.map((field) => `${jsonString(field.name)}:`);
    fieldNameCache.set(schema, names);
  }
  return names;
}

function classCast(schema: Schema | null, value: unknown): DataException {
  return new DataException(`Invalid type for ${schema !== null ? schema.type : 'unknown schema'}: ${javaClassOf(value)}`);
}

type LogicalWriter = (schema: Schema, value: unknown, options: JsonWriteOptions) => string;

const logicalWriters = new Map<string, LogicalWriter>([
  [
    Decimal.LOGICAL_NAME,
    (schema, value, options) => {
      if (!(value instanceof BigDecimal)) {
        throw new DataException(`Invalid type for Decimal, expected BigDecimal but was ${javaClassOf(value)}`);
      }
      return options.decimalNumeric ? value.toString() : jsonBytes(Decimal.fromLogical(schema, value));
    },
  ],
  [ConnectDate.LOGICAL_NAME, (schema, value) => String(ConnectDate.fromLogical(schema, dateOf('Date', value)))],
  [ConnectTime.LOGICAL_NAME, (schema, value) => String(ConnectTime.fromLogical(schema, dateOf('Time', value)))],
  [Timestamp.LOGICAL_NAME, (schema, value) => Timestamp.fromLogical(schema, dateOf('Timestamp', value)).toString()],
]);

function dateOf(logicalType: string, value: unknown): Date {
  if (!(value instanceof Date)) throw new DataException(`Invalid type for ${logicalType}, expected Date but was ${javaClassOf(value)}`);
  return value;
}
