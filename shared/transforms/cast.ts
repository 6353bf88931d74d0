import { type AbstractConfig, ConfigDef, ConfigException, Importance, LambdaValidator, Type } from '../api/config/index.ts';
import { javaTrim } from '../api/config/java-format.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaTypes } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { CAST_OUTPUT_TYPES, type CastType, castValueToType } from './support/cast-value.ts';
import { copyMap } from './support/copy-map.ts';
import { JavaRuntimeException } from './support/java-errors.ts';
import { javaSplit, requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';

const PURPOSE = 'cast types';

/** A parsed `spec`: one type for the whole key or value, or a type per field. */
interface CastSpec {
  readonly wholeValue: CastType | null;
  readonly fields: ReadonlyMap<string, CastType>;
}

function castType(text: string): CastType {
  const name = javaTrim(text);
  const type = name.toUpperCase();
  if (!(SchemaTypes as readonly string[]).includes(type)) {
    // Kafka passes the enum lookup's exception as the "value" of a (name, value) ConfigException.
    const cause = `java.lang.IllegalArgumentException: No enum constant org.apache.kafka.connect.data.Schema.Type.${type}`;
    throw new ConfigException(`Invalid value ${cause} for configuration Invalid type found in casting spec: ${name}`);
  }
  if (!(CAST_OUTPUT_TYPES as readonly string[]).includes(type)) {
    throw new ConfigException(
      `Cast transformation does not support casting to ${type}; supported types are [${CAST_OUTPUT_TYPES.join(', ')}]`,
    );
  }
  return type as CastType;
}

/** Parses `spec`, with Kafka's messages (including its mention of `renames` for a mapping with two colons). */
function parseSpec(mappings: readonly string[]): CastSpec {
  let wholeValue: CastType | null = null;
  const fields = new Map<string, CastType>();
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    if (parts.length > 2) throw ConfigException.invalidValue('renames', mappings, `Invalid rename mapping: ${mapping}`);
    if (parts.length === 1) {
      wholeValue = castType(parts[0] as string);
    } else if (parts.length === 0) {
      // A mapping of only colons: Kafka reads parts[1] of an empty array.
      throw new JavaRuntimeException('java.lang.ArrayIndexOutOfBoundsException', 'Index 1 out of bounds for length 0');
    } else {
      const type = castType(parts[1] as string);
      fields.set(javaTrim(parts[0] as string), type);
    }
  }
  if (wholeValue !== null && mappings.length > 1) {
    throw new ConfigException(
      'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec',
    );
  }
  return { wholeValue, fields };
}

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'spec',
    type: Type.LIST,
    validator: LambdaValidator.with(
      (_name, value) => {
        if (!Array.isArray(value) || value.length === 0) throw new ConfigException('Must specify at least one field to cast.');
        parseSpec(value);
      },
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    importance: Importance.HIGH,
    documentation:
      'List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. A single type to ' +
      'cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. Note that binary fields can ' +
      'only be cast to string.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/**
 * Casts the whole key or value, or some fields of a Struct or schemaless map, to another primitive
 * type (Kafka Connect's `Cast`): numbers, booleans and strings to any of int8..float64, boolean and
 * string; bytes, Decimal, Date, Time and Timestamp to the types Kafka allows. Null keys and values
 * (tombstones) pass through unchanged.
 */
export class Cast<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #spec: CastSpec = { wholeValue: null, fields: new Map() };

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'pass');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#spec = parseSpec(config.getList('spec') ?? []);
  }

  protected override applySchemaless(value: unknown): unknown {
    const { wholeValue, fields } = this.#spec;
    if (wholeValue !== null) return castValueToType(null, value, wholeValue);
    const original = requireMap(value, PURPOSE);
    const updated = copyMap(original);
    for (const [field, type] of fields) updated.set(field, castValueToType(null, original.get(field) ?? null, type));
    return updated;
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const { wholeValue, fields } = this.#spec;
    const updatedSchema = this.schemaCache.get(schema, (original) => this.#updatedSchema(original));
    if (wholeValue !== null) return { schema: updatedSchema, value: castValueToType(schema, value, wholeValue) };
    const struct = requireStructOf(value, schema, PURPOSE);
    const updated = new Struct(updatedSchema);
    for (const field of struct.schema.fields) {
      const original = this.fieldValue(struct, field);
      const type = fields.get(field.name);
      const target = updatedSchema.field(field.name);
      if (target === undefined) throw new DataException('field cannot be null.');
      updated.put(target, type === undefined ? original : castValueToType(field.schema, original, type));
    }
    return { schema: updatedSchema, value: updated };
  }

  #updatedSchema(original: Schema): Schema {
    const { wholeValue, fields } = this.#spec;
    let builder: SchemaBuilder;
    if (wholeValue !== null) {
      // Kafka keeps the original's name and parameters, even a logical type's.
      builder = copySchemaBasics(original, SchemaBuilder.type(wholeValue));
    } else {
      builder = copySchemaBasics(original, SchemaBuilder.struct());
      for (const field of original.fields) {
        const type = fields.get(field.name);
        builder.field(field.name, type === undefined ? field.schema : castFieldSchema(field.schema, type));
      }
    }
    if (original.optional) builder.optional();
    if (original.defaultValue !== null && original.defaultValue !== undefined) {
      builder.defaultValue(castValueToType(original, original.defaultValue, builder.type as CastType));
    }
    return builder.build();
  }
}

/** A field's schema after a cast: the bare target type, keeping only optionality and the cast default. */
function castFieldSchema(schema: Schema, type: CastType): Schema {
  const builder = SchemaBuilder.type(type);
  if (schema.optional) builder.optional();
  if (schema.defaultValue !== null && schema.defaultValue !== undefined)
    builder.defaultValue(castValueToType(schema, schema.defaultValue, type));
  return builder.build();
}

export const plugins: PluginDescriptor[] = keyValuePlugins('Cast', (side) => new Cast(side));
