import { type AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { defineFieldSyntaxVersion, fieldSyntaxVersionOf, SingleFieldPath } from './support/field-path.ts';
import { illegalArgument } from './support/java-errors.ts';
import { requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMapOrNull } from './support/requirements.ts';

const PURPOSE = 'field extraction';

const CONFIG_DEF = defineFieldSyntaxVersion(
  new ConfigDef()
    .define({ name: 'field', type: Type.STRING, importance: Importance.MEDIUM, documentation: 'Field name to extract.' })
    .define(REPLACE_NULL_WITH_DEFAULT_KEY),
);

/**
 * Replaces a Struct or schemaless map key or value with one of its fields (Kafka Connect's
 * `ExtractField`); with `field.syntax.version=V2` the field may be nested (`a.b.c`). A null key or
 * value stays null, but with a schema it takes the field's schema, which must exist.
 */
export class ExtractField<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #path = new SingleFieldPath('', 'V1');
  #originalPath = '';

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'transform');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#originalPath = config.getString('field') ?? '';
    this.#path = new SingleFieldPath(this.#originalPath, fieldSyntaxVersionOf(config));
  }

  protected override applySchemaless(value: unknown): unknown {
    const map = requireMapOrNull(value, PURPOSE);
    return map === null ? null : this.#path.valueFromMap(map);
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const struct = value === null || value === undefined ? null : requireStructOf(value, schema, PURPOSE);
    const field = this.#path.fieldFrom(schema);
    if (field === undefined) throw illegalArgument(`Unknown field: ${this.#originalPath}`);
    return { schema: field.schema, value: this.#path.valueFromStruct(struct, this.replaceNullWithDefault) };
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('ExtractField', (side) => new ExtractField(side));
