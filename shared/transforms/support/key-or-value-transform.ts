import type { ConfigDef } from '../../api/config/config-def.ts';
import type { SchemaAndValue } from '../../api/converter.ts';
import type { Schema } from '../../api/data/schema.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import { FieldTransform } from './field-transform.ts';
import { type OperatingSide, operatingSchema, operatingValue, withOperating } from './operating-side.ts';

/**
 * What a transform does with a null key or value: `pass` returns the record unchanged (Kafka's
 * `if (operatingValue(record) == null) return record`, which lets tombstones through); `transform`
 * hands the null to the transform like any other value.
 */
export type NullHandling = 'pass' | 'transform';

/**
 * A `$Key` / `$Value` transform (see {@link OperatingSide}): Kafka Connect's `apply` skeleton,
 * which takes the key or value, branches on whether it has a schema, and puts the result back
 * on the same side. Subclasses write the two branches.
 */
export abstract class KeyOrValueTransform<R extends ConnectRecord = ConnectRecord> extends FieldTransform<R> {
  protected readonly side: OperatingSide;
  readonly #nulls: NullHandling;

  protected constructor(side: OperatingSide, definition: ConfigDef, nulls: NullHandling) {
    super(definition);
    this.side = side;
    this.#nulls = nulls;
  }

  apply(record: R): R | null {
    const value = operatingValue(record, this.side);
    if (this.#nulls === 'pass' && (value === null || value === undefined)) return record;
    const schema = operatingSchema(record, this.side);
    if (schema === null) return withOperating(record, this.side, null, this.applySchemaless(value, record));
    const updated = this.applyWithSchema(value, schema, record);
    return withOperating(record, this.side, updated.schema, updated.value);
  }

  /** The new key or value of a record without a schema for it (a schemaless map, mostly). */
  protected abstract applySchemaless(value: unknown, record: R): unknown;

  /** The new schema and key or value of a record with a schema for it (a Struct, mostly). */
  protected abstract applyWithSchema(value: unknown, schema: Schema, record: R): SchemaAndValue;
}
