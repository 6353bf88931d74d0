import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { BigDecimal } from '../../api/data/big-decimal.ts';
import type { Schema } from '../../api/data/schema.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException } from '../../api/errors.ts';

/** A DynamoDB item. */
export type Item = Record<string, AttributeValue>;

/**
 * A Connect value as a DynamoDB attribute: strings S, numbers (any width, decimals) N, booleans
 * BOOL, bytes B, null NULL, arrays L, maps and structs M (null struct fields left out), dates
 * (Date, Time, Timestamp) N in epoch milliseconds.
 */
export function toAttributeValue(value: unknown, schema?: Schema | null): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'bigint') return { N: value.toString() };
  if (typeof value === 'number') return { N: finite(value) };
  if (value instanceof SizedNumber) return { N: finite(value.value) };
  if (value instanceof BigDecimal) return { N: value.toPlainString() };
  if (value instanceof Date) return { N: String(value.getTime()) };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) {
    const items = schema?.type === 'ARRAY' ? schema.valueSchema : undefined;
    return { L: value.map((item) => toAttributeValue(item, items)) };
  }
  if (value instanceof Map || value instanceof Struct) return { M: toItem(value, schema) };
  throw new DataException(`A value of type ${typeof value} (${Object.prototype.toString.call(value)}) cannot be written to DynamoDB.`);
}

/** A struct or map as item attributes (map keys as their text); null struct fields are left out. */
export function toItem(value: Map<unknown, unknown> | Struct, schema?: Schema | null): Item {
  const item: Item = {};
  if (value instanceof Struct) {
    for (const field of value.schema.fields) {
      const fieldValue = value.getWithoutDefault(field);
      if (fieldValue !== null && fieldValue !== undefined) item[field.name] = toAttributeValue(fieldValue, field.schema);
    }
    return item;
  }
  const values = schema?.type === 'MAP' ? schema.valueSchema : undefined;
  for (const [key, entry] of value) item[String(key)] = toAttributeValue(entry, values);
  return item;
}

/** A key attribute of the table's declared type (S, N or B) from a Connect value. */
export function toKeyAttribute(value: unknown, type: 'S' | 'N' | 'B', what: string): AttributeValue {
  if (value === null || value === undefined) throw new DataException(`${what} is null; a DynamoDB key attribute needs a value.`);
  const attribute = toAttributeValue(value);
  if (type === 'S' && attribute.S !== undefined && attribute.S !== '') return attribute;
  if (type === 'S' && attribute.N !== undefined) return { S: attribute.N };
  if (type === 'N' && attribute.N !== undefined) return attribute;
  if (type === 'N' && attribute.S !== undefined && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(attribute.S.trim()))
    return { N: attribute.S.trim() };
  if (type === 'B' && attribute.B !== undefined && attribute.B.length > 0) return attribute;
  if (type === 'B' && attribute.S !== undefined && attribute.S !== '') return { B: new TextEncoder().encode(attribute.S) };
  throw new DataException(`${what} (${describe(value)}) cannot be a DynamoDB key attribute of type ${type}.`);
}

function finite(value: number): string {
  if (!Number.isFinite(value)) throw new DataException(`DynamoDB numbers must be finite, got ${value}.`);
  return String(value);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
