import { type AbstractConfig, ConfigDef, ConfigException, Importance, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import { ConnectSchema } from '../api/data/connect-schema.ts';
import type { Schema } from '../api/data/schema.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import { type OperatingSide, operatingSchema, operatingValue } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';

const CONFIG_DEF = new ConfigDef()
  .define({ name: 'schema.name', type: Type.STRING, defaultValue: null, importance: Importance.HIGH, documentation: 'Schema name to set.' })
  .define({
    name: 'schema.version',
    type: Type.INT,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation: 'Schema version to set.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/**
 * Sets the name and/or version of the key or value schema, rebuilding a Struct on the new schema
 * (Kafka Connect's `SetSchemaMetadata`). A null with no schema passes through; a value without a
 * schema fails. Like Kafka 4.3, it reads the schema's fields, so only STRUCT schemas work: any
 * other schema fails with `Cannot list fields on non-struct type`.
 */
export class SetSchemaMetadata<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #schemaName: string | null = null;
  #schemaVersion: number | null = null;
  /**
   * The renamed schema per input schema. Kafka Connect builds a new one per record; schemas are
   * immutable, so one per input schema is the same result, and downstream caches keyed by the
   * schema (the JsonConverter's schema text, field names) then hit instead of missing every record.
   */
  readonly #updated = new WeakMap<Schema, Schema>();

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'transform');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#schemaName = config.getString('schema.name');
    this.#schemaVersion = config.getInt('schema.version');
    if (this.#schemaName === null && this.#schemaVersion === null) throw new ConfigException('Neither schema name nor version configured');
  }

  override apply(record: R): R | null {
    const value = operatingValue(record, this.side);
    if ((value === null || value === undefined) && operatingSchema(record, this.side) === null) return record;
    return super.apply(record);
  }

  protected override applySchemaless(): unknown {
    throw new DataException('Schema required for [updating schema metadata]');
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    let updatedSchema = this.#updated.get(schema);
    if (updatedSchema === undefined) {
      updatedSchema = this.#rename(schema);
      this.#updated.set(schema, updatedSchema);
    }
    return { schema: updatedSchema, value: this.#withSchema(value, updatedSchema) };
  }

  #rename(schema: Schema): Schema {
    const isMap = schema.type === 'MAP';
    return new ConnectSchema({
      type: schema.type,
      optional: schema.optional,
      defaultValue: schema.defaultValue,
      name: this.#schemaName ?? schema.name,
      version: this.#schemaVersion ?? schema.version,
      doc: schema.doc,
      parameters: schema.parameters,
      fields: schema.fields,
      keySchema: isMap ? schema.keySchema : undefined,
      valueSchema: isMap || schema.type === 'ARRAY' ? schema.valueSchema : undefined,
    });
  }

  /** A Struct rebuilt on the renamed schema (the fields are the same); any other value as it is. */
  #withSchema(value: unknown, schema: Schema): unknown {
    if (!(value instanceof Struct)) return value;
    const updated = new Struct(schema);
    for (const field of schema.fields) updated.put(field, this.fieldValue(value, field.name));
    return updated;
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('SetSchemaMetadata', (side) => new SetSchemaMetadata(side));
