import { AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import { type OperatingSide, operatingSchema, operatingValue, withOperating } from './support/operating-side.ts';
import { SchemaCache } from './support/schema-util.ts';

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
export class HoistField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  readonly #side: OperatingSide;
  #fieldName = '';
  #schemaCache = new SchemaCache();

  constructor(side: OperatingSide) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    this.#fieldName = new AbstractConfig(CONFIG_DEF, configs).getString('field') ?? '';
    this.#schemaCache = new SchemaCache();
  }

  apply(record: R): R | null {
    const schema = operatingSchema(record, this.#side);
    const value = operatingValue(record, this.#side);
    if (schema === null) return withOperating(record, this.#side, null, new Map([[this.#fieldName, value ?? null]]));
    const updatedSchema = this.#schemaCache.get(schema, (original) => SchemaBuilder.struct().field(this.#fieldName, original).build());
    return withOperating(record, this.#side, updatedSchema, new Struct(updatedSchema).put(this.#fieldName, value));
  }

  close(): void {
    this.#schemaCache = new SchemaCache();
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('HoistField', (side) => new HoistField(side));
