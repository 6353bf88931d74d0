// Kafka Connect's `org.apache.kafka.connect.data.Values`: converting a Connect value to another type
// or to and from text, as header converters and transforms do. Values in and out follow the data
// model (numbers typed by their schema); where no schema says a narrow number's type (a list of
// mixed values), it is a SizedNumber.

import type { SchemaAndValue } from '../../api/converter.ts';
import { BigDecimal } from '../../api/data/big-decimal.ts';
import { ConnectDate, ConnectTime, Decimal, Timestamp } from '../../api/data/logical-types.ts';
import type { Schema } from '../../api/data/schema.ts';
import { SchemaBuilder, Schemas } from '../../api/data/schema-builder.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException, SchemaBuilderException } from '../../api/errors.ts';
import { CopycatError } from '../../errors.ts';
import { formatIso } from '../java-dates.ts';
import { decimalTextToDouble, decimalToLong, doubleToLong, parseJavaDecimal } from '../java-numbers.ts';
import { javaClassName, javaNumberToString, javaNumberType, javaToString } from '../java-objects.ts';
import { parseValue } from './values-parser.ts';

const MS_PER_DAY = 86_400_000;
const NULL_VALUE: SchemaAndValue = Object.freeze({ schema: null, value: null });
const ARRAY_SELECTOR_SCHEMA = SchemaBuilder.array(Schemas.STRING).build();
const MAP_SELECTOR_SCHEMA = SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build();
const STRUCT_SELECTOR_SCHEMA = SchemaBuilder.struct().build();
const DATE_SCHEMA = ConnectDate.schema();
const TIME_SCHEMA = ConnectTime.schema();
const TIMESTAMP_SCHEMA = Timestamp.schema();

/** Text that is not a number where Java's `new BigDecimal(String)` would throw (`NumberFormatException`). */
export class NumberFormatException extends CopycatError {
  get kafkaClassName(): string {
    return 'java.lang.NumberFormatException';
  }

  constructor(message: string) {
    super(message);
    this.name = 'NumberFormatException';
  }
}

// ---- Text ----------------------------------------------------------------------------------------

/**
 * The schema and value a text stands for (`Values.parseString`): `true`/`false`, the smallest
 * integer type that holds a number (`1` is int8, `300` int16), float32 or float64 for fractions,
 * a Decimal beyond, ISO-8601 dates (`2024-01-15`), times (`12:34:56.789Z`) and timestamps, lists
 * `[1,2]` and maps `{"a":1}` with a common element schema where there is one, else the text as a
 * string. Returns null (no schema and value at all) for the text `null`, as Kafka does.
 */
export function parseString(text: string | null | undefined): SchemaAndValue | null {
  if (text === null || text === undefined) return NULL_VALUE;
  if (text === '') return { schema: Schemas.STRING, value: text };
  const parsed = parseValue(text, (toSchema, value) => convertJava(toSchema, null, value));
  return parsed === null ? null : { schema: parsed.schema, value: fromJavaTyped(parsed.schema, parsed.value) };
}

/**
 * A value as text (`Values.convertToString`): numbers as Java prints them, lists as `[1,2]`, maps
 * and structs as `{"a":1}`, strings inside them quoted, bytes as base64, dates in ISO-8601 UTC.
 * Null for a null value.
 */
export function convertToString(schema: Schema | null | undefined, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return append(schema, value, false);
}

function append(schema: Schema | null | undefined, value: unknown, embedded: boolean): string {
  if (value === null || value === undefined) return 'null';
  const numberType = javaNumberType(schema, value);
  if (numberType !== undefined)
    return javaNumberToString(numberType, value instanceof SizedNumber ? value.value : (value as number | bigint));
  if (value instanceof BigDecimal) return value.toString();
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return embedded ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : value;
  if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    return embedded ? `"${base64}"` : base64;
  }
  if (Array.isArray(value)) {
    const itemSchema = schema?.type === 'ARRAY' ? schema.valueSchema : undefined;
    return `[${value.map((item) => append(itemSchema, item, true)).join(',')}]`;
  }
  if (value instanceof Map) {
    const keySchema = schema?.type === 'MAP' ? schema.keySchema : undefined;
    const valueSchema = schema?.type === 'MAP' ? schema.valueSchema : undefined;
    const entries = [...value].map(([key, item]) => `${append(keySchema, key, true)}:${append(valueSchema, item, true)}`);
    return `{${entries.join(',')}}`;
  }
  if (value instanceof Struct) {
    const fields = value.schema.fields.map(
      (field) => `${append(Schemas.STRING, field.name, true)}:${append(field.schema, value.get(field), true)}`,
    );
    return `{${fields.join(',')}}`;
  }
  if (value instanceof Date) return formatIso(value.getTime(), isoPatternFor(value.getTime()));
  throw new DataException(
    `Failed to serialize unexpected value type ${javaClassName(schema, value).slice('class '.length)}: ${javaToString(schema, value)}`,
  );
}

/** Which ISO-8601 form `Values.dateFormatFor` picks: a time before the first day ends, a date at midnight, else a timestamp. */
function isoPatternFor(ms: number): 'date' | 'time' | 'timestamp' {
  if (ms < MS_PER_DAY) return 'time';
  return ms % MS_PER_DAY === 0 ? 'date' : 'timestamp';
}

// ---- Schemas -------------------------------------------------------------------------------------

/**
 * The schema of a value where one can be inferred (`Values.inferSchema`): a primitive's required
 * schema (a plain number is a Double), a list's or map's when all its entries have one type, a
 * struct's own. Null when none can be inferred.
 */
export function inferSchema(value: unknown): Schema | null {
  if (typeof value === 'string') return Schemas.STRING;
  if (typeof value === 'boolean') return Schemas.BOOLEAN;
  const numberType = javaNumberType(null, value);
  if (numberType !== undefined) return Schemas[numberType];
  if (value instanceof Uint8Array) return Schemas.BYTES;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const detector = new SchemaDetector();
    for (const item of value) if (!detector.canDetect(item)) return null;
    return SchemaBuilder.array(detector.schema()).build();
  }
  if (value instanceof Map) {
    if (value.size === 0) return null;
    const keys = new SchemaDetector();
    const values = new SchemaDetector();
    for (const [key, item] of value) if (!keys.canDetect(key) || !values.canDetect(item)) return null;
    return SchemaBuilder.map(keys.schema(), values.schema()).build();
  }
  if (value instanceof Struct) return value.schema;
  return null;
}

/** The one type of a list's elements (Kafka's `SchemaDetector`); nulls make it optional. */
class SchemaDetector {
  #knownType: Schema['type'] | null = null;
  #optional = false;

  canDetect(value: unknown): boolean {
    if (value === null || value === undefined) {
      this.#optional = true;
      return true;
    }
    const schema = inferSchema(value);
    if (schema === null) return false;
    this.#knownType ??= schema.type;
    return this.#knownType === schema.type;
  }

  schema(): Schema {
    if (this.#knownType === null) throw new SchemaBuilderException('type cannot be null');
    const builder = SchemaBuilder.type(this.#knownType);
    if (this.#optional) builder.optional();
    return builder.build();
  }
}

// ---- Conversions ---------------------------------------------------------------------------------

/** To a boolean (`Values.convertToBoolean`): `"true"`/`"false"` parse, numbers are true unless 0. */
export function convertToBoolean(schema: Schema | null | undefined, value: unknown): boolean | null {
  return convertJava(Schemas.OPTIONAL_BOOLEAN, schema ?? null, javaTyped(schema, value)) as boolean | null;
}

/** To an int8 (`Values.convertToByte`), narrowing as Java's `(byte)` does. */
export function convertToByte(schema: Schema | null | undefined, value: unknown): number | null {
  return unwrap(convertJava(Schemas.OPTIONAL_INT8, schema ?? null, javaTyped(schema, value)));
}

/** To an int16 (`Values.convertToShort`). */
export function convertToShort(schema: Schema | null | undefined, value: unknown): number | null {
  return unwrap(convertJava(Schemas.OPTIONAL_INT16, schema ?? null, javaTyped(schema, value)));
}

/** To an int32 (`Values.convertToInteger`). */
export function convertToInteger(schema: Schema | null | undefined, value: unknown): number | null {
  return unwrap(convertJava(Schemas.OPTIONAL_INT32, schema ?? null, javaTyped(schema, value)));
}

/** To an int64 (`Values.convertToLong`); text is read as a decimal and truncated. */
export function convertToLong(schema: Schema | null | undefined, value: unknown): bigint | null {
  return convertJava(Schemas.OPTIONAL_INT64, schema ?? null, javaTyped(schema, value)) as bigint | null;
}

/** To a float32 (`Values.convertToFloat`). */
export function convertToFloat(schema: Schema | null | undefined, value: unknown): number | null {
  return unwrap(convertJava(Schemas.OPTIONAL_FLOAT32, schema ?? null, javaTyped(schema, value)));
}

/** To a float64 (`Values.convertToDouble`). */
export function convertToDouble(schema: Schema | null | undefined, value: unknown): number | null {
  return convertJava(Schemas.OPTIONAL_FLOAT64, schema ?? null, javaTyped(schema, value)) as number | null;
}

/** To a list (`Values.convertToList`): a list as it is, or text parsed as one (its numbers as SizedNumbers). */
export function convertToList(schema: Schema | null | undefined, value: unknown): unknown[] {
  return convertToArray(ARRAY_SELECTOR_SCHEMA, javaTyped(schema, value));
}

/** To a map (`Values.convertToMap`): a map as it is, or text parsed as one. */
export function convertToMap(schema: Schema | null | undefined, value: unknown): Map<unknown, unknown> {
  return convertToMapValue(MAP_SELECTOR_SCHEMA, javaTyped(schema, value));
}

/** To a struct (`Values.convertToStruct`): only a struct converts to a struct. */
export function convertToStruct(schema: Schema | null | undefined, value: unknown): Struct {
  return convertToStructValue(STRUCT_SELECTOR_SCHEMA, javaTyped(schema, value));
}

/** To a Time (`Values.convertToTime`): a time, a timestamp's time of day, ms since midnight, or text. */
export function convertToTime(schema: Schema | null | undefined, value: unknown): Date {
  if (value === null || value === undefined) throw requiresValue();
  return convertToTimeValue(TIME_SCHEMA, schema ?? null, javaTyped(schema, value)) as Date;
}

/** To a Date (`Values.convertToDate`): a date, a timestamp's day, days since the epoch, or text. */
export function convertToDate(schema: Schema | null | undefined, value: unknown): Date {
  if (value === null || value === undefined) throw requiresValue();
  return convertToDateValue(DATE_SCHEMA, schema ?? null, javaTyped(schema, value)) as Date;
}

/** To a Timestamp (`Values.convertToTimestamp`): a date, time or timestamp, ms since the epoch, or text. */
export function convertToTimestamp(schema: Schema | null | undefined, value: unknown): Date {
  if (value === null || value === undefined) throw requiresValue();
  return convertToTimestampValue(TIMESTAMP_SCHEMA, schema ?? null, javaTyped(schema, value)) as Date;
}

/** To a Decimal of `scale` (`Values.convertToDecimal`): bytes, a decimal, a number (via its Java text) or text. */
export function convertToDecimal(schema: Schema | null | undefined, value: unknown, scale: number): BigDecimal {
  if (value === null || value === undefined) throw requiresValue();
  return convertToDecimalValue(Decimal.schema(scale), javaTyped(schema, value));
}

/**
 * Converts a value to `toSchema`'s type (`Values.convertTo`); `fromSchema` is the value's schema
 * when known. Null stays null for an optional target.
 */
export function convertTo(toSchema: Schema, fromSchema: Schema | null | undefined, value: unknown): unknown {
  return fromJavaTyped(toSchema, convertJava(toSchema, fromSchema ?? null, javaTyped(fromSchema, value)));
}

/** `convertTo` on Java-typed values (numbers that know their type). */
function convertJava(toSchema: Schema, fromSchema: Schema | null, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (toSchema.optional) return null;
    throw requiresValue();
  }
  switch (toSchema.type) {
    case 'BYTES':
      return toSchema.name === Decimal.LOGICAL_NAME ? convertToDecimalValue(toSchema, value) : convertToBytes(toSchema, value);
    case 'STRING':
      return append(fromSchema, value, false);
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const parsed = parseString(value);
        if (typeof parsed?.value === 'boolean') return parsed.value;
      }
      return asLong(value, fromSchema, undefined) !== 0n;
    case 'INT8':
      return sized('INT8', value) ?? new SizedNumber('INT8', Number(BigInt.asIntN(8, asLong(value, fromSchema, undefined))));
    case 'INT16':
      return sized('INT16', value) ?? new SizedNumber('INT16', Number(BigInt.asIntN(16, asLong(value, fromSchema, undefined))));
    case 'INT32':
      if (toSchema.name === ConnectDate.LOGICAL_NAME) return convertToDateValue(toSchema, fromSchema, value);
      if (toSchema.name === ConnectTime.LOGICAL_NAME) return convertToTimeValue(toSchema, fromSchema, value);
      return sized('INT32', value) ?? new SizedNumber('INT32', Number(BigInt.asIntN(32, asLong(value, fromSchema, undefined))));
    case 'INT64':
      if (toSchema.name === Timestamp.LOGICAL_NAME) return convertToTimestampValue(toSchema, fromSchema, value);
      return typeof value === 'bigint' ? value : asLong(value, fromSchema, undefined);
    case 'FLOAT32':
      return sized('FLOAT32', value) ?? new SizedNumber('FLOAT32', Math.fround(asDouble(value, fromSchema, undefined)));
    case 'FLOAT64':
      return typeof value === 'number' ? value : asDouble(value, fromSchema, undefined);
    case 'ARRAY':
      return convertToArray(toSchema, value);
    case 'MAP':
      return convertToMapValue(toSchema, value);
    case 'STRUCT':
      return convertToStructValue(toSchema, value);
  }
}

function sized(type: SizedNumber['type'], value: unknown): SizedNumber | undefined {
  return value instanceof SizedNumber && value.type === type ? value : undefined;
}

function convertToDecimalValue(toSchema: Schema, value: unknown): BigDecimal {
  if (value instanceof Uint8Array) return Decimal.toLogical(toSchema, value);
  if (value instanceof BigDecimal) return value;
  const numberType = javaNumberType(null, value);
  if (numberType !== undefined) {
    // Java's BigDecimal.valueOf(double): the decimal of the double's Java text.
    const double = doubleOf(value);
    if (!Number.isFinite(double)) throw new NumberFormatException(`Infinite or NaN: ${double}`);
    return BigDecimal.parse(javaNumberToString('FLOAT64', double));
  }
  if (typeof value === 'string') {
    const decimal = parseJavaDecimal(value);
    if (decimal === undefined) throw new NumberFormatException(`Character array is not a valid decimal number: "${value}"`);
    return decimal;
  }
  throw unableToConvert(value, toSchema);
}

function convertToBytes(toSchema: Schema, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof BigDecimal) return Decimal.fromLogical(toSchema, value);
  throw unableToConvert(value, toSchema);
}

function convertToDateValue(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  if (input === null || input === undefined) return null;
  const value = typeof input === 'string' ? parseString(input)?.value : input;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name === ConnectDate.LOGICAL_NAME) return value;
    // A timestamp's day, truncated toward zero as Java's long division does.
    if (fromSchema.name === Timestamp.LOGICAL_NAME) return ConnectDate.toLogical(toSchema, Math.trunc(value.getTime() / MS_PER_DAY));
  }
  return ConnectDate.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(value, fromSchema, undefined))));
}

function convertToTimeValue(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  if (input === null || input === undefined) return null;
  const value = typeof input === 'string' ? parseString(input)?.value : input;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name === ConnectTime.LOGICAL_NAME) return value;
    if (fromSchema.name === Timestamp.LOGICAL_NAME) {
      const ms = value.getTime();
      return ConnectTime.toLogical(toSchema, ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
    }
  }
  return ConnectTime.toLogical(toSchema, Number(BigInt.asIntN(32, asLong(value, fromSchema, undefined))));
}

function convertToTimestampValue(toSchema: Schema, fromSchema: Schema | null, input: unknown): Date | null {
  if (input === null || input === undefined) return null;
  const value = typeof input === 'string' ? parseString(input)?.value : input;
  if (value instanceof Date) {
    if (fromSchema === null) return value;
    if (fromSchema.name === ConnectDate.LOGICAL_NAME) {
      return Timestamp.toLogical(toSchema, BigInt(ConnectDate.fromLogical(fromSchema, value)) * BigInt(MS_PER_DAY));
    }
    if (fromSchema.name === ConnectTime.LOGICAL_NAME)
      return Timestamp.toLogical(toSchema, BigInt(ConnectTime.fromLogical(fromSchema, value)));
    if (fromSchema.name === Timestamp.LOGICAL_NAME) return value;
  }
  return Timestamp.toLogical(toSchema, asLong(value, fromSchema, undefined));
}

function convertToArray(toSchema: Schema, input: unknown): unknown[] {
  if (input === null || input === undefined) throw requiresValue();
  const value = typeof input === 'string' ? parsedJava(input) : input;
  if (Array.isArray(value)) return value;
  throw unableToConvert(value, toSchema);
}

function convertToMapValue(toSchema: Schema, input: unknown): Map<unknown, unknown> {
  if (input === null || input === undefined) throw requiresValue();
  const value = typeof input === 'string' ? parsedJava(input) : input;
  if (value instanceof Map) return value;
  throw unableToConvert(value, toSchema);
}

function convertToStructValue(toSchema: Schema, value: unknown): Struct {
  if (value === null || value === undefined) throw requiresValue();
  if (value instanceof Struct) return value;
  throw unableToConvert(value, toSchema);
}

/** Text parsed, its numbers left Java-typed (there is no schema to type them with). */
function parsedJava(text: string): unknown {
  if (text === '') return text;
  return parseValue(text, (toSchema, value) => convertJava(toSchema, null, value))?.value ?? null;
}

/** Java's `Values.asLong`: any number narrowed, decimal text truncated, a logical date by its schema. */
function asLong(value: unknown, fromSchema: Schema | null, error: unknown): bigint {
  let cause = error;
  if (value instanceof SizedNumber) return value.type === 'FLOAT32' ? doubleToLong(value.value) : BigInt(value.value);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return doubleToLong(value);
  if (value instanceof BigDecimal) return decimalToLong(value);
  if (typeof value === 'string') {
    const decimal = parseJavaDecimal(value);
    if (decimal !== undefined) return decimalToLong(decimal);
    cause = new NumberFormatException(`Character array is not a valid decimal number: "${value}"`);
  }
  if (fromSchema !== null) {
    if (value instanceof Date) {
      if (fromSchema.name === ConnectDate.LOGICAL_NAME) return BigInt(ConnectDate.fromLogical(fromSchema, value));
      if (fromSchema.name === ConnectTime.LOGICAL_NAME) return BigInt(ConnectTime.fromLogical(fromSchema, value));
      if (fromSchema.name === Timestamp.LOGICAL_NAME) return Timestamp.fromLogical(fromSchema, value);
    }
    throw new DataException(`Unable to convert ${javaToString(null, value)} (${javaClassName(null, value)}) to ${fromSchema}`, { cause });
  }
  throw new DataException(`Unable to convert ${javaToString(null, value)} (${javaClassName(null, value)}) to a number`, { cause });
}

/** Java's `Values.asDouble`. */
function asDouble(value: unknown, fromSchema: Schema | null, error: unknown): number {
  const numberType = javaNumberType(null, value);
  if (numberType !== undefined || value instanceof BigDecimal) return doubleOf(value);
  if (typeof value === 'string') {
    if (parseJavaDecimal(value) !== undefined) return decimalTextToDouble(value);
    return Number(asLong(value, fromSchema, new NumberFormatException(`Character array is not a valid decimal number: "${value}"`)));
  }
  return Number(asLong(value, fromSchema, error));
}

function doubleOf(value: unknown): number {
  if (value instanceof SizedNumber) return value.value;
  if (value instanceof BigDecimal) return decimalTextToDouble(value.toString());
  return Number(value);
}

function requiresValue(): DataException {
  return new DataException('Unable to convert a null value to a schema that requires a value');
}

function unableToConvert(value: unknown, toSchema: Schema): DataException {
  return new DataException(`Unable to convert ${javaToString(null, value)} (${javaClassName(null, value)}) to ${toSchema}`);
}

// ---- Between the data model and Java-typed values -----------------------------------------------

/** A value with a narrow number typed by its schema made self-describing (a SizedNumber). */
function javaTyped(schema: Schema | null | undefined, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  const type = javaNumberType(schema, value);
  return type === 'INT8' || type === 'INT16' || type === 'INT32' || type === 'FLOAT32' ? new SizedNumber(type, value) : value;
}

/** A Java-typed value in the data model's form for `schema`: numbers the schema types become plain numbers. */
function fromJavaTyped(schema: Schema | null | undefined, value: unknown): unknown {
  if (schema === null || schema === undefined) return value;
  if (value instanceof SizedNumber) return value.type === schema.type ? value.value : value;
  if (Array.isArray(value) && schema.type === 'ARRAY') {
    const itemSchema = schema.valueSchema;
    return itemSchema === undefined ? value : value.map((item) => fromJavaTyped(itemSchema, item));
  }
  if (value instanceof Map && schema.type === 'MAP') {
    const keySchema = schema.keySchema;
    const valueSchema = schema.valueSchema;
    if (keySchema === undefined && valueSchema === undefined) return value;
    return new Map([...value].map(([key, item]) => [fromJavaTyped(keySchema, key), fromJavaTyped(valueSchema, item)]));
  }
  return value;
}

function unwrap(value: unknown): number | null {
  return value instanceof SizedNumber ? value.value : (value as number | null);
}
