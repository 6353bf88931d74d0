import { AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { defineFieldSyntaxVersion, fieldSyntaxVersionOf, SingleFieldPath } from './support/field-path.ts';
import { illegalArgument } from './support/java-errors.ts';
import { requireStructOf } from './support/java-lang.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import { type OperatingSide, operatingSchema, operatingValue, withOperating } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_CONFIG, REPLACE_NULL_WITH_DEFAULT_DOC } from './support/replace-null.ts';
import { requireMapOrNull } from './support/requirements.ts';

const PURPOSE = 'field extraction';

const CONFIG_DEF = defineFieldSyntaxVersion(
  new ConfigDef()
    .define({ name: 'field', type: Type.STRING, importance: Importance.MEDIUM, documentation: 'Field name to extract.' })
    .define({
      name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
      type: Type.BOOLEAN,
      defaultValue: true,
      importance: Importance.MEDIUM,
      documentation: REPLACE_NULL_WITH_DEFAULT_DOC,
    }),
);

/**
 * Replaces a Struct or schemaless map key or value with one of its fields (Kafka Connect's
 * `ExtractField`); with `field.syntax.version=V2` the field may be nested (`a.b.c`). A null key or
 * value stays null, but with a schema it takes the field's schema, which must exist.
 */
export class ExtractField<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  readonly #side: OperatingSide;
  #path = new SingleFieldPath('', 'V1');
  #originalPath = '';
  #replaceNullWithDefault = true;

  constructor(side: OperatingSide) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#originalPath = config.getString('field') ?? '';
    this.#path = new SingleFieldPath(this.#originalPath, fieldSyntaxVersionOf(config));
    this.#replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
  }

  apply(record: R): R | null {
    const schema = operatingSchema(record, this.#side);
    const value = operatingValue(record, this.#side);
    if (schema === null) {
      const map = requireMapOrNull(value, PURPOSE);
      return withOperating(record, this.#side, null, map === null ? null : this.#path.valueFromMap(map));
    }
    const struct = value === null || value === undefined ? null : requireStructOf(value, schema, PURPOSE);
    const field = this.#path.fieldFrom(schema);
    if (field === undefined) throw illegalArgument(`Unknown field: ${this.#originalPath}`);
    return withOperating(record, this.#side, field.schema, this.#path.valueFromStruct(struct, this.#replaceNullWithDefault));
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('ExtractField', (side) => new ExtractField(side));
