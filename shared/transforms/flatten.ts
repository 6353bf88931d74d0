import { type AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import { schemaTypeOf } from '../api/data/connect-schema.ts';
import type { Field, Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { javaClass, requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { requireMap } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';

const PURPOSE = 'flattening';

const CONFIG_DEF = new ConfigDef().define({
  name: 'delimiter',
  type: Type.STRING,
  defaultValue: '.',
  importance: Importance.MEDIUM,
  documentation: 'Delimiter to insert between field names from the input record when generating field names for the output record',
});

/** Types copied as they are; structs (and schemaless maps) are flattened; anything else fails. */
const KEPT_TYPES = new Set(['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING', 'BYTES', 'ARRAY']);

/**
 * Flattens nested structs (and schemaless maps) into one level, joining field names with the
 * delimiter: `{a: {b: 1}}` becomes `{"a.b": 1}` (Kafka Connect's `Flatten`). Arrays are kept as
 * they are; a map inside a struct fails. A field under an optional struct becomes optional, and
 * takes its default from the parent struct's default when it has none of its own.
 */
export class Flatten<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #delimiter = '.';

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'pass');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#delimiter = config.getString('delimiter') ?? '';
  }

  protected override applySchemaless(value: unknown): unknown {
    const flattened = new Map<string, unknown>();
    this.#flattenMap(requireMap(value, PURPOSE), '', flattened);
    return flattened;
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const struct = requireStructOf(value, schema, PURPOSE);
    const updatedSchema = this.schemaCache.get(schema, (original) => {
      const builder = copySchemaBasics(original, SchemaBuilder.struct());
      this.#flattenSchema(original, '', builder, original.optional, original.defaultValue as Struct | null);
      return builder.build();
    });
    const flattened = new Struct(updatedSchema);
    this.#flattenStruct(struct, '', flattened);
    return { schema: updatedSchema, value: flattened };
  }

  #name(prefix: string, name: string): string {
    return prefix === '' ? name : `${prefix}${this.#delimiter}${name}`;
  }

  #flattenMap(map: Map<unknown, unknown>, prefix: string, flattened: Map<string, unknown>): void {
    for (const [key, value] of map) {
      const name = this.#name(prefix, String(key));
      if (value === null || value === undefined) {
        flattened.set(name, null);
        continue;
      }
      const type = schemaTypeOf(value);
      if (type === undefined) {
        throw new DataException(
          `Flatten transformation was passed a value of type ${javaClass(value)} which is not supported by Connect's data API`,
        );
      }
      if (KEPT_TYPES.has(type)) flattened.set(name, value);
      else if (type === 'MAP') this.#flattenMap(requireMap(value, PURPOSE), name, flattened);
      else
        throw new DataException(
          `Flatten transformation does not support ${javaClass(value)} for record without schemas (for field ${name}).`,
        );
    }
  }

  // The flattened schema: optional when any ancestor is, defaults inherited from ancestors' defaults.
  #flattenSchema(schema: Schema, prefix: string, builder: SchemaBuilder, optional: boolean, parentDefault: Struct | null): void {
    for (const field of schema.fields) {
      const name = this.#name(prefix, field.name);
      const fieldOptional = optional || field.schema.optional;
      const fieldDefault = field.schema.defaultValue ?? (parentDefault === null ? null : parentDefault.get(field));
      if (KEPT_TYPES.has(field.schema.type)) builder.field(name, flattenedFieldSchema(field.schema, fieldOptional, fieldDefault));
      else if (field.schema.type === 'STRUCT')
        this.#flattenSchema(field.schema, name, builder, fieldOptional, fieldDefault as Struct | null);
      else throw unsupported(field, name);
    }
  }

  #flattenStruct(struct: Struct | null, prefix: string, flattened: Struct): void {
    if (struct === null) return;
    for (const field of struct.schema.fields) {
      const name = this.#name(prefix, field.name);
      if (KEPT_TYPES.has(field.schema.type)) flattened.put(name, struct.get(field));
      else if (field.schema.type === 'STRUCT') this.#flattenStruct(struct.get(field) as Struct | null, name, flattened);
      else throw unsupported(field, name);
    }
  }
}

function unsupported(field: Field, name: string): DataException {
  return new DataException(`Flatten transformation does not support ${field.schema.type} for record with schemas (for field ${name}).`);
}

function flattenedFieldSchema(original: Schema, optional: boolean, defaultValue: unknown): Schema {
  const base = original.type === 'ARRAY' ? SchemaBuilder.array(original.valueSchema) : SchemaBuilder.type(original.type);
  const builder = copySchemaBasics(original, base);
  if (optional) builder.optional();
  if (defaultValue !== null && defaultValue !== undefined) builder.defaultValue(defaultValue);
  return builder.build();
}

export const plugins: PluginDescriptor[] = keyValuePlugins('Flatten', (side) => new Flatten(side));
