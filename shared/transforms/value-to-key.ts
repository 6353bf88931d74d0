import { AbstractConfig, ConfigDef, Importance, Type, ValidList } from '../api/config/index.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { requireStructOf } from './support/java-lang.ts';
import { fieldValue, REPLACE_NULL_WITH_DEFAULT_CONFIG, REPLACE_NULL_WITH_DEFAULT_DOC } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';
import { SchemaCache } from './support/schema-util.ts';

const PURPOSE = 'copying fields from value to key';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'fields',
    type: Type.LIST,
    validator: ValidList.anyNonDuplicateValues(false, false),
    importance: Importance.HIGH,
    documentation: 'Field names on the record value to extract as the record key.',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: Type.BOOLEAN,
    defaultValue: true,
    importance: Importance.MEDIUM,
    documentation: REPLACE_NULL_WITH_DEFAULT_DOC,
  });

/**
 * Replaces the record key with a Struct (or schemaless map) of some of the value's fields (Kafka
 * Connect's `ValueToKey`). A null value (tombstone) fails, as in Kafka.
 */
export class ValueToKey<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #fields: readonly string[] = [];
  #replaceNullWithDefault = true;
  #schemaCache = new SchemaCache();

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#fields = config.getList('fields') ?? [];
    this.#replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    this.#schemaCache = new SchemaCache();
  }

  apply(record: R): R | null {
    if (record.valueSchema === null) {
      const value = requireMap(record.value, PURPOSE);
      const key = new Map<unknown, unknown>(this.#fields.map((field) => [field, value.get(field) ?? null]));
      return record.newRecord({ keySchema: null, key });
    }
    const value = requireStructOf(record.value, record.valueSchema, PURPOSE);
    const keySchema = this.#schemaCache.get(value.schema, (valueSchema) => this.#keySchema(valueSchema));
    const key = new Struct(keySchema);
    for (const field of this.#fields) key.put(field, fieldValue(value, field, this.#replaceNullWithDefault));
    return record.newRecord({ keySchema, key, valueSchema: value.schema, value });
  }

  close(): void {
    this.#schemaCache = new SchemaCache();
  }

  #keySchema(valueSchema: Schema): Schema {
    const builder = SchemaBuilder.struct();
    for (const name of this.#fields) {
      const field = valueSchema.field(name);
      if (field === undefined) throw new DataException(`Field does not exist: ${name}`);
      builder.field(name, field.schema);
    }
    return builder.build();
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.ValueToKey', create: () => new ValueToKey() },
];
