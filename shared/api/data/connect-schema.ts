import { DataException } from '../errors.ts';
import { BigDecimal } from './big-decimal.ts';
import type { Field, Schema, SchemaType } from './schema.ts';
import { SizedNumber } from './sized-number.ts';
import { Struct } from './struct.ts';
import { valuesEqual } from './values-equal.ts';

export interface SchemaParts {
  readonly type: SchemaType;
  readonly optional?: boolean;
  readonly defaultValue?: unknown;
  readonly name?: string;
  readonly version?: number;
  readonly doc?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly fields?: readonly Field[];
  readonly keySchema?: Schema;
  readonly valueSchema?: Schema;
}

/** The built, immutable schema (Kafka Connect's `ConnectSchema`). */
export class ConnectSchema implements Schema {
  readonly type: SchemaType;
  readonly optional: boolean;
  readonly defaultValue: unknown;
  readonly name: string | undefined;
  readonly version: number | undefined;
  readonly doc: string | undefined;
  readonly parameters: Readonly<Record<string, string>> | undefined;
  readonly #fields: readonly Field[] | undefined;
  readonly #fieldsByName: ReadonlyMap<string, Field> | undefined;
  readonly #keySchema: Schema | undefined;
  readonly #valueSchema: Schema | undefined;

  constructor(parts: SchemaParts) {
    this.type = parts.type;
    this.optional = parts.optional ?? false;
    this.defaultValue = parts.defaultValue ?? null;
    this.name = parts.name;
    this.version = parts.version;
    this.doc = parts.doc;
    this.parameters = parts.parameters;
    if (this.type === 'STRUCT') {
      this.#fields = parts.fields ?? [];
      this.#fieldsByName = new Map(this.#fields.map((field) => [field.name, field]));
    }
    this.#keySchema = parts.keySchema;
    this.#valueSchema = parts.valueSchema;
  }

  get fields(): readonly Field[] {
    if (this.#fields === undefined) throw new DataException('Cannot list fields on non-struct type');
    return this.#fields;
  }

  field(name: string): Field | undefined {
    if (this.#fieldsByName === undefined) throw new DataException('Cannot look up fields on non-struct type');
    return this.#fieldsByName.get(name);
  }

  get keySchema(): Schema {
    if (this.type !== 'MAP') throw new DataException('Cannot look up key schema on non-map type');
    return this.#keySchema as Schema;
  }

  get valueSchema(): Schema {
    if (this.type !== 'MAP' && this.type !== 'ARRAY') throw new DataException('Cannot look up value schema on non-array and non-map type');
    return this.#valueSchema as Schema;
  }

  toString(): string {
    return this.name !== undefined ? `Schema{${this.name}:${this.type}}` : `Schema{${this.type}}`;
  }
}

/** Structural equality of schemas, as `ConnectSchema.equals`. */
export function schemasEqual(a: Schema | null | undefined, b: Schema | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.type !== b.type || a.optional !== b.optional || a.name !== b.name || a.version !== b.version || a.doc !== b.doc) return false;
  if (!parametersEqual(a.parameters, b.parameters) || !valuesEqual(a.defaultValue, b.defaultValue)) return false;
  switch (a.type) {
    case 'STRUCT':
      return (
        a.fields.length === b.fields.length &&
        a.fields.every(
          (f, i) => f.name === b.fields[i]?.name && f.index === b.fields[i]?.index && schemasEqual(f.schema, b.fields[i]?.schema),
        )
      );
    case 'ARRAY':
      return schemasEqual(a.valueSchema, b.valueSchema);
    case 'MAP':
      return schemasEqual(a.keySchema, b.keySchema) && schemasEqual(a.valueSchema, b.valueSchema);
    default:
      return true;
  }
}

function parametersEqual(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b ?? {}).length && ak.every((k) => a?.[k] === b?.[k]);
}

/** Logical schema names whose values are not the physical type's (Decimal → BigDecimal, the time types → Date). */
const logicalValueChecks: Readonly<Record<string, (value: unknown) => boolean>> = {
  'org.apache.kafka.connect.data.Decimal': (value) => value instanceof BigDecimal,
  'org.apache.kafka.connect.data.Date': (value) => value instanceof Date,
  'org.apache.kafka.connect.data.Time': (value) => value instanceof Date,
  'org.apache.kafka.connect.data.Timestamp': (value) => value instanceof Date,
};

const physicalValueChecks: Readonly<Record<SchemaType, (value: unknown) => boolean>> = {
  INT8: (v) => Number.isInteger(v) && (v as number) >= -128 && (v as number) <= 127,
  INT16: (v) => Number.isInteger(v) && (v as number) >= -32768 && (v as number) <= 32767,
  INT32: (v) => Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647,
  INT64: (v) => typeof v === 'bigint' && v >= -(2n ** 63n) && v < 2n ** 63n,
  FLOAT32: (v) => typeof v === 'number',
  FLOAT64: (v) => typeof v === 'number',
  BOOLEAN: (v) => typeof v === 'boolean',
  STRING: (v) => typeof v === 'string',
  BYTES: (v) => v instanceof Uint8Array,
  ARRAY: (v) => Array.isArray(v),
  MAP: (v) => v instanceof Map,
  STRUCT: (v) => v instanceof Struct,
};

/**
 * Checks a value against a schema, as `ConnectSchema.validateValue(field, schema, value)`;
 * throws a DataException naming the field.
 */
export function validateValue(schema: Schema, value: unknown, field?: string): void {
  if (value === null || value === undefined) {
    if (!schema.optional)
      throw new DataException(`Invalid value: null used for required field: "${field ?? null}", schema type: ${schema.type}`);
    return;
  }
  const logical = schema.name === undefined ? undefined : logicalValueChecks[schema.name];
  const matches = logical !== undefined ? logical(value) : physicalValueChecks[schema.type](value);
  if (!matches) {
    throw new DataException(
      `Invalid Java object for schema${schema.name !== undefined ? ` "${schema.name}"` : ''} with type ${schema.type}: ${javaClassOf(value)}${field !== undefined ? ` for field: "${field}"` : ''}`,
    );
  }
  switch (schema.type) {
    case 'STRUCT': {
      const struct = value as Struct;
      if (!schemasEqual(struct.schema, schema)) throw new DataException('Struct schemas do not match.');
      struct.validate();
      return;
    }
    case 'ARRAY':
      for (const item of value as unknown[]) validateValue(schema.valueSchema, item, field);
      return;
    case 'MAP':
      for (const [key, item] of value as Map<unknown, unknown>) {
        validateValue(schema.keySchema, key, field);
        validateValue(schema.valueSchema, item, field);
      }
      return;
    default:
  }
}

/** The schema type Kafka Connect infers for a schemaless value's class (`ConnectSchema.schemaType`), or undefined. */
export function schemaTypeOf(value: unknown): SchemaType | undefined {
  if (value instanceof SizedNumber) return value.type;
  switch (typeof value) {
    case 'number':
      return 'FLOAT64';
    case 'bigint':
      return 'INT64';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'STRING';
    default:
  }
  if (value instanceof Uint8Array) return 'BYTES';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof Map) return 'MAP';
  if (value instanceof Struct) return 'STRUCT';
  return undefined;
}

/** How Java would name a value's class in an error message. */
export function javaClassOf(value: unknown): string {
  const type = schemaTypeOf(value);
  const names: Partial<Record<SchemaType, string>> = {
    INT8: 'java.lang.Byte',
    INT16: 'java.lang.Short',
    INT32: 'java.lang.Integer',
    INT64: 'java.lang.Long',
    FLOAT32: 'java.lang.Float',
    FLOAT64: 'java.lang.Double',
    BOOLEAN: 'java.lang.Boolean',
    STRING: 'java.lang.String',
    BYTES: '[B',
    ARRAY: 'java.util.ArrayList',
    MAP: 'java.util.HashMap',
    STRUCT: 'org.apache.kafka.connect.data.Struct',
  };
  if (type !== undefined) return `class ${names[type]}`;
  if (value instanceof BigDecimal) return 'class java.math.BigDecimal';
  if (value instanceof Date) return 'class java.util.Date';
  return `class ${typeof value}`;
}
