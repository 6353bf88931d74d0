/**
 * The Connect data model's schemas, as Kafka Connect's `org.apache.kafka.connect.data.Schema`.
 *
 * Values carried by each type (the TypeScript side of Kafka Connect's Java classes):
 * - INT8, INT16, INT32, FLOAT32, FLOAT64: `number`; INT64: `bigint` (Java's `long` does not fit a
 *   JavaScript number above 2^53, and byte-for-byte output needs every digit).
 * - BOOLEAN: `boolean`; STRING: `string`; BYTES: `Uint8Array`.
 * - ARRAY: `unknown[]`; MAP: `Map<unknown, unknown>`; STRUCT: {@link Struct}.
 * - Logical types by schema name: Decimal → {@link BigDecimal}; Date, Time, Timestamp → `Date`.
 * Schemaless values use the same classes; where Java keeps a narrower number type than Long or
 * Double (a Cast to int32 or float32, say), the value is a {@link SizedNumber}.
 */
export const SchemaTypes = [
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FLOAT32',
  'FLOAT64',
  'BOOLEAN',
  'STRING',
  'BYTES',
  'ARRAY',
  'MAP',
  'STRUCT',
] as const;

/** One of the Connect schema types. */
export type SchemaType = (typeof SchemaTypes)[number];

/** Whether a type is primitive (everything but ARRAY, MAP and STRUCT). */
export function isPrimitive(type: SchemaType): boolean {
  return type !== 'ARRAY' && type !== 'MAP' && type !== 'STRUCT';
}

/** A field of a STRUCT schema. */
export interface Field {
  readonly name: string;
  readonly index: number;
  readonly schema: Schema;
}

/** A Connect schema. Immutable once built (see {@link SchemaBuilder}). */
export interface Schema {
  readonly type: SchemaType;
  readonly optional: boolean;
  /** The default value, already in this schema's value representation. */
  readonly defaultValue: unknown;
  /** The schema name; logical types are recognised by it (e.g. `org.apache.kafka.connect.data.Decimal`). */
  readonly name: string | undefined;
  readonly version: number | undefined;
  readonly doc: string | undefined;
  readonly parameters: Readonly<Record<string, string>> | undefined;
  /** The key schema of a MAP; throws for other types, as Kafka does. */
  readonly keySchema: Schema;
  /** The value schema of a MAP or ARRAY; throws for other types. */
  readonly valueSchema: Schema;
  /** The fields of a STRUCT; throws for other types. */
  readonly fields: readonly Field[];
  /** The field with this name, or undefined; throws for non-STRUCT schemas. */
  field(name: string): Field | undefined;
}
