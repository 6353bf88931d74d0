import { type AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';

const CONFIG_DEF = new ConfigDef().define({
  name: 'field',
  type: Type.STRING,
  importance: Importance.MEDIUM,
  documentation: 'Field name for the single field that will be created in the resulting Struct or Map.',
});

/**
 * Wraps the key or value in a Struct (with a schema) or a map (without) under one field (Kafka
 * Connect's `HoistField`). Nulls are wrapped too: a null with a required schema fails.
 */
export class HoistField<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #fieldName = '';

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'transform');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#fieldName = config.getString('field') ?? '';
  }

  protected override applySchemaless(value: unknown): unknown {
    return new Map([[this.#fieldName, value ?? null]]);
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const updatedSchema = this.schemaCache.get(schema, (original) => SchemaBuilder.struct().field(this.#fieldName, original).build());
    return { schema: updatedSchema, value: new Struct(updatedSchema).put(this.#fieldName, value) };
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('HoistField', (side) => new HoistField(side));
