import { type AbstractConfig, ConfigDef, ConfigException, Importance, LambdaValidator, Type, ValidList } from '../api/config/index.ts';
import { javaHashSetOrder } from '../api/config/java-format.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { javaSplit, requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';

const PURPOSE = 'field replacement';

/** `old:new` pairs as a map; a pair that does not split into exactly two parts is a config error. */
function parseRenameMappings(mappings: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const parts = javaSplit(mapping, ':');
    if (parts.length !== 2) throw ConfigException.invalidValue('renames', mappings, `Invalid rename mapping: ${mapping}`);
    renames.set(parts[0] as string, parts[1] as string);
  }
  return renames;
}

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'exclude',
    type: Type.LIST,
    defaultValue: [],
    validator: ValidList.anyNonDuplicateValues(true, false),
    importance: Importance.MEDIUM,
    documentation: 'Fields to exclude. This takes precedence over the fields to include.',
  })
  .define({
    name: 'include',
    type: Type.LIST,
    defaultValue: [],
    validator: ValidList.anyNonDuplicateValues(true, false),
    importance: Importance.MEDIUM,
    documentation: 'Fields to include. If specified, only these fields will be used.',
  })
  .define({
    name: 'renames',
    type: Type.LIST,
    defaultValue: [],
    validator: LambdaValidator.with(
      (_name, value) => parseRenameMappings(value as readonly string[]),
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    importance: Importance.MEDIUM,
    documentation: 'Field rename mappings.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/**
 * Drops (`exclude`), keeps (`include`) and renames (`renames`) fields of a Struct or a schemaless
 * map (Kafka Connect's `ReplaceField`). Null keys and values (tombstones) pass through unchanged.
 * Kafka 4 removed the old `blacklist`/`whitelist` names; like Kafka, this ignores them.
 */
export class ReplaceField<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #exclude: ReadonlySet<string> = new Set();
  #include: ReadonlySet<string> = new Set();
  #renames: ReadonlyMap<string, string> = new Map();
  #reverseRenames: ReadonlyMap<string, string> = new Map();

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'pass');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#exclude = new Set(config.getList('exclude'));
    this.#include = new Set(config.getList('include'));
    this.#renames = parseRenameMappings(config.getList('renames') ?? []);
    // Java inverts a HashMap: when two fields are renamed to one name, the last in hash order wins.
    this.#reverseRenames = new Map(javaHashSetOrder([...this.#renames.keys()]).map((from) => [this.#renames.get(from) as string, from]));
  }

  protected override applySchemaless(value: unknown): unknown {
    const updated = new Map<unknown, unknown>();
    requireMap(value, PURPOSE).forEach((fieldValue, name) => {
      if (this.#keeps(name as string)) updated.set(this.#renamed(name as string), fieldValue);
    });
    return updated;
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const struct = requireStructOf(value, schema, PURPOSE);
    const updatedSchema = this.schemaCache.get(struct.schema, (original) => this.#updatedSchema(original));
    const updated = new Struct(updatedSchema);
    for (const field of updatedSchema.fields) {
      const originalName = this.#reverseRenames.get(field.name) ?? field.name;
      updated.put(field.name, this.fieldValue(struct, originalName));
    }
    return { schema: updatedSchema, value: updated };
  }

  #keeps(name: string): boolean {
    return !this.#exclude.has(name) && (this.#include.size === 0 || this.#include.has(name));
  }

  #renamed(name: string): string {
    return this.#renames.get(name) ?? name;
  }

  #updatedSchema(original: Schema): Schema {
    const builder = copySchemaBasics(original, SchemaBuilder.struct());
    for (const field of original.fields) if (this.#keeps(field.name)) builder.field(this.#renamed(field.name), field.schema);
    return builder.build();
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('ReplaceField', (side) => new ReplaceField(side));
