// The small Java habits Kafka Connect's transforms lean on and users see in their messages: the
// class names of values, and String.split's dropping of trailing empty strings.
import type { Schema, SchemaType } from '../../api/data/schema.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException } from '../../api/errors.ts';
import { nullSafeClassName } from './requirements.ts';

const NUMBER_CLASSES: Partial<Record<SchemaType, string>> = {
  INT8: 'java.lang.Byte',
  INT16: 'java.lang.Short',
  INT32: 'java.lang.Integer',
  FLOAT32: 'java.lang.Float',
  FLOAT64: 'java.lang.Double',
};

/**
 * Java's `value.getClass().getName()` for a Connect value, or "null". A JavaScript number stands
 * for several Java classes; with a schema the class is the schema type's (an INT32 value is an
 * Integer), without one it is a Double, as schemaless JSON numbers are.
 */
export function javaClassName(value: unknown, schema?: Schema | null): string {
  if (value === null || value === undefined) return 'null';
  if (schema && typeof value === 'number') return NUMBER_CLASSES[schema.type] ?? 'java.lang.Double';
  return nullSafeClassName(value);
}

/** Java's `value.getClass()` as string concatenation prints it: `class java.lang.String`, `class [B`. */
export function javaClass(value: unknown, schema?: Schema | null): string {
  return `class ${javaClassName(value, schema)}`;
}

/**
 * `Requirements.requireStruct` for a value whose schema is known, so that a value of the wrong
 * type is named by its Java class (`found: java.lang.Integer` for an INT32).
 */
export function requireStructOf(value: unknown, schema: Schema | null, purpose: string): Struct {
  if (!(value instanceof Struct)) {
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${javaClassName(value, schema)}`);
  }
  return value;
}

/**
 * Java's `text.split(":")` for a one-character separator: trailing empty strings are dropped
 * (`"a:"` gives `["a"]`, `":"` gives `[]`), but text without the separator comes back whole.
 */
export function javaSplit(text: string, separator: string): string[] {
  if (!text.includes(separator)) return [text];
  const parts = text.split(separator);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
