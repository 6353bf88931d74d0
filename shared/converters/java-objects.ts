// What Java would see in a Connect value: its class and its `toString()`. A JavaScript number stands
// for Byte, Short, Integer, Float or Double depending on its schema (see the data model), so the
// schema is needed to tell which.
import { BigDecimal } from '../api/data/big-decimal.ts';
import { javaClassOf } from '../api/data/connect-schema.ts';
import { formatJavaDouble, formatJavaFloat } from '../api/data/java-number-format.ts';
import type { Schema } from '../api/data/schema.ts';
import { SizedNumber } from '../api/data/sized-number.ts';
import { Struct } from '../api/data/struct.ts';
import { formatJavaUtilDate } from './java-dates.ts';

/** The Java number types a Connect value can have. */
export type JavaNumberType = 'INT8' | 'INT16' | 'INT32' | 'INT64' | 'FLOAT32' | 'FLOAT64';

const NUMBER_CLASSES: Readonly<Record<JavaNumberType, string>> = {
  INT8: 'java.lang.Byte',
  INT16: 'java.lang.Short',
  INT32: 'java.lang.Integer',
  INT64: 'java.lang.Long',
  FLOAT32: 'java.lang.Float',
  FLOAT64: 'java.lang.Double',
};

/**
 * The Java number type of a value, or undefined when it is not a number: a `number` is of its
 * schema's numeric type, or a Double without one; a `bigint` is a Long; a SizedNumber says.
 */
export function javaNumberType(schema: Schema | null | undefined, value: unknown): JavaNumberType | undefined {
  if (typeof value === 'number') {
    const type = schema?.type;
    return type === 'INT8' || type === 'INT16' || type === 'INT32' || type === 'FLOAT32' ? type : 'FLOAT64';
  }
  if (typeof value === 'bigint') return 'INT64';
  if (value instanceof SizedNumber) return value.type;
  return undefined;
}

/** `value.getClass()` as Java prints it (`class java.lang.Integer`), numbers typed by their schema. */
export function javaClassName(schema: Schema | null | undefined, value: unknown): string {
  const numberType = javaNumberType(schema, value);
  return numberType === undefined ? javaClassOf(value) : `class ${NUMBER_CLASSES[numberType]}`;
}

/** A number as Java's `toString()` of its boxed type prints it. */
export function javaNumberToString(type: JavaNumberType, value: number | bigint): string {
  if (type === 'FLOAT64') return formatJavaDouble(Number(value));
  if (type === 'FLOAT32') return formatJavaFloat(Number(value));
  return String(value);
}

/**
 * Java's `String.valueOf(value)` for a Connect value: numbers as their Java type prints them,
 * lists as `[a, b]`, maps as `{k=v}`, structs as `Struct{f=v}`, dates as `Date.toString()` in UTC.
 * A byte array prints as `[B@` and a hash, like Java's identity hash (which differs every run).
 */
export function javaToString(schema: Schema | null | undefined, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const numberType = javaNumberType(schema, value);
  if (numberType !== undefined)
    return javaNumberToString(numberType, value instanceof SizedNumber ? value.value : (value as number | bigint));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof BigDecimal) return value.toString();
  if (value instanceof Date) return formatJavaUtilDate(value.getTime());
  if (value instanceof Uint8Array) return `[B@${contentHash(value).toString(16)}`;
  if (Array.isArray(value)) {
    const itemSchema = schema?.type === 'ARRAY' ? schema.valueSchema : undefined;
    return `[${value.map((item) => javaToString(itemSchema, item)).join(', ')}]`;
  }
  if (value instanceof Map) {
    const keySchema = schema?.type === 'MAP' ? schema.keySchema : undefined;
    const valueSchema = schema?.type === 'MAP' ? schema.valueSchema : undefined;
    const entries = [...value].map(([k, v]) => `${javaToString(keySchema, k)}=${javaToString(valueSchema, v)}`);
    return `{${entries.join(', ')}}`;
  }
  if (value instanceof Struct) {
    const parts: string[] = [];
    for (const field of value.schema.fields) {
      const fieldValue = value.getWithoutDefault(field);
      if (fieldValue !== null && fieldValue !== undefined) parts.push(`${field.name}=${javaToString(field.schema, fieldValue)}`);
    }
    return `Struct{${parts.join(',')}}`;
  }
  return String(value);
}

/** A stand-in for Java's identity hash code: stable for the same bytes, never zero. */
function contentHash(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 1) | 1;
}
