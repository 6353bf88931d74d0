import { type AbstractConfig, ConfigDef, Importance, Type, ValidList } from '../api/config/index.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { FieldTransform } from './support/field-transform.ts';
import { requireStructOf } from './support/java-lang.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';

const PURPOSE = 'copying fields from value to key';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'fields',
    type: Type.LIST,
    validator: ValidList.anyNonDuplicateValues(false, false),
    importance: Importance.HIGH,
    documentation: 'Field names on the record value to extract as the record key.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/**
 * Replaces the record key with a Struct (or schemaless map) of some of the value's fields (Kafka
 * Connect's `ValueToKey`). A null value (tombstone) fails, as in Kafka.
 */
export class ValueToKey<R extends ConnectRecord = ConnectRecord> extends FieldTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #fields: readonly string[] = [];

  constructor() {
    super(CONFIG_DEF);
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#fields = config.getList('fields') ?? [];
  }

  override apply(record: R): R | null {
    if (record.valueSchema === null) {
      const value = requireMap(record.value, PURPOSE);
      const key = new Map<unknown, unknown>(this.#fields.map((field) => [field, value.get(field) ?? null]));
      return record.newRecord({ keySchema: null, key });
    }
    const value = requireStructOf(record.value, record.valueSchema, PURPOSE);
    const keySchema = this.schemaCache.get(value.schema, (valueSchema) => this.#keySchema(valueSchema));
    const key = new Struct(keySchema);
    for (const field of this.#fields) key.put(field, this.fieldValue(value, field));
    return record.newRecord({ keySchema, key, valueSchema: value.schema, value });
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
