import { DataException } from '../errors.ts';
import { schemasEqual, validateValue } from './connect-schema.ts';
import type { Field, Schema } from './schema.ts';
import { valuesEqual } from './values-equal.ts';

/**
 * A structured record value with a STRUCT schema (Kafka Connect's `Struct`). Every `put` is
 * checked against the field's schema; `validate` checks that required fields are set.
 */
export class Struct {
  readonly schema: Schema;
  readonly #values: unknown[];

  constructor(schema: Schema) {
    if (schema.type !== 'STRUCT') throw new DataException(`Not a struct schema: ${schema}`);
    this.schema = schema;
    this.#values = new Array(schema.fields.length).fill(null);
  }

  /** The field's value, or its schema's default when unset (as `Struct.get`). */
  get(fieldName: string | Field): unknown {
    const field = this.#lookup(fieldName);
    const value = this.#values[field.index];
    return value === null && field.schema.defaultValue !== null ? field.schema.defaultValue : value;
  }

  /** The field's value as set, without falling back to the default. */
  getWithoutDefault(fieldName: string | Field): unknown {
    return this.#values[this.#lookup(fieldName).index];
  }

  put(fieldName: string | Field, value: unknown): this {
    const field = this.#lookup(fieldName);
    validateValue(field.schema, value, field.name);
    this.#values[field.index] = value ?? null;
    return this;
  }

  /** Throws a DataException if a required field is missing or a value does not match. */
  validate(): void {
    for (const field of this.schema.fields) validateValue(field.schema, this.#values[field.index], field.name);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof Struct &&
      schemasEqual(this.schema, other.schema) &&
      this.#values.every((value, i) => valuesEqual(value, other.#values[i]))
    );
  }

  toString(): string {
    const parts = this.schema.fields
      .filter((field) => this.#values[field.index] !== null)
      .map((field) => `${field.name}=${String(this.#values[field.index])}`);
    return `Struct{${parts.join(',')}}`;
  }

  #lookup(fieldName: string | Field): Field {
    if (typeof fieldName !== 'string') {
      if (this.schema.fields[fieldName.index] !== fieldName && this.schema.field(fieldName.name) === undefined) {
        throw new DataException(`${fieldName.name} is not a valid field name`);
      }
      return this.schema.field(fieldName.name) as Field;
    }
    const field = this.schema.field(fieldName);
    if (field === undefined) throw new DataException(`${fieldName} is not a valid field name`);
    return field;
  }
}
