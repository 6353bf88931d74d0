import { AbstractConfig, ConfigDef, ConfigException, Importance, Type } from '../api/config/index.ts';
import { ConnectSchema } from '../api/data/connect-schema.ts';
import type { Schema } from '../api/data/schema.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import { type OperatingSide, operatingSchema, operatingValue, withOperating } from './support/operating-side.ts';
import { fieldValue, REPLACE_NULL_WITH_DEFAULT_CONFIG, REPLACE_NULL_WITH_DEFAULT_DOC } from './support/replace-null.ts';

const CONFIG_DEF = new ConfigDef()
  .define({ name: 'schema.name', type: Type.STRING, defaultValue: null, importance: Importance.HIGH, documentation: 'Schema name to set.' })
  .define({
    name: 'schema.version',
    type: Type.INT,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation: 'Schema version to set.',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: Type.BOOLEAN,
    defaultValue: true,
    importance: Importance.MEDIUM,
    documentation: REPLACE_NULL_WITH_DEFAULT_DOC,
  });

/**
 * Sets the name and/or version of the key or value schema, rebuilding a Struct on the new schema
 * (Kafka Connect's `SetSchemaMetadata`). A null with no schema passes through; a value without a
 * schema fails. Like Kafka 4.3, it reads the schema's fields, so only STRUCT schemas work: any
 * other schema fails with `Cannot list fields on non-struct type`.
 */
export class SetSchemaMetadata<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  readonly #side: OperatingSide;
  #schemaName: string | null = null;
  #schemaVersion: number | null = null;
  #replaceNullWithDefault = true;

  constructor(side: OperatingSide) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#schemaName = config.getString('schema.name');
    this.#schemaVersion = config.getInt('schema.version');
    this.#replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    if (this.#schemaName === null && this.#schemaVersion === null) throw new ConfigException('Neither schema name nor version configured');
  }

  apply(record: R): R | null {
    const value = operatingValue(record, this.#side);
    const schema = operatingSchema(record, this.#side);
    if ((value === null || value === undefined) && schema === null) return record;
    if (schema === null) throw new DataException('Schema required for [updating schema metadata]');
    const isMap = schema.type === 'MAP';
    const updatedSchema = new ConnectSchema({
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
    return withOperating(record, this.#side, updatedSchema, this.#withSchema(value, updatedSchema));
  }

  /** A Struct rebuilt on the renamed schema (the fields are the same); any other value as it is. */
  #withSchema(value: unknown, schema: Schema): unknown {
    if (!(value instanceof Struct)) return value;
    const updated = new Struct(schema);
    for (const field of schema.fields) updated.put(field, fieldValue(value, field.name, this.#replaceNullWithDefault));
    return updated;
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('SetSchemaMetadata', (side) => new SetSchemaMetadata(side));
