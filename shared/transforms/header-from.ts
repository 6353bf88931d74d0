import { type AbstractConfig, ConfigDef, ConfigException, Importance, Type, type Validator, ValidString } from '../api/config/index.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Headers } from '../api/record/headers.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { FieldTransform } from './support/field-transform.ts';
import { JavaRuntimeException } from './support/java-errors.ts';
import { requireStructOf } from './support/java-lang.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import { type OperatingSide, operatingSchema, operatingValue, withOperating } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';

/** Kafka's `NonEmptyListValidator`. */
const NON_EMPTY_LIST: Validator = {
  ensureValid(name, value) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw ConfigException.invalidValue(name, value, 'Empty list');
    }
  },
  toString: () => 'non-empty list',
};

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'fields',
    type: Type.LIST,
    validator: NON_EMPTY_LIST,
    importance: Importance.HIGH,
    documentation: 'Field names in the record whose values are to be copied or moved to headers.',
  })
  .define({
    name: 'headers',
    type: Type.LIST,
    validator: NON_EMPTY_LIST,
    importance: Importance.HIGH,
    documentation: 'Header names, in the same order as the field names listed in the fields configuration property.',
  })
  .define({
    name: 'operation',
    type: Type.STRING,
    validator: ValidString.in('move', 'copy'),
    importance: Importance.HIGH,
    documentation:
      'Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/**
 * Copies or moves fields of the key or value into headers (Kafka Connect's `HeaderFrom`): the
 * n-th of `fields` goes to the n-th of `headers`, with the field's schema. A header that already
 * exists is kept; the new one is added after it. Schemaless maps give headers without a schema.
 */
export class HeaderFrom<R extends ConnectRecord = ConnectRecord> extends FieldTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  readonly #side: OperatingSide;
  #fields: readonly string[] = [];
  #headers: readonly string[] = [];
  #operation: 'move' | 'copy' = 'copy';

  constructor(side: OperatingSide) {
    super(CONFIG_DEF);
    this.#side = side;
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#fields = config.getList('fields') ?? [];
    this.#headers = config.getList('headers') ?? [];
    if (this.#headers.length !== this.#fields.length) {
      throw new ConfigException("'fields' config must have the same number of elements as 'headers' config.", { key: 'headers' });
    }
    this.#operation = config.getString('operation') as 'move' | 'copy';
  }

  // Not the key-or-value skeleton: besides the key or value, the record gets new headers.
  override apply(record: R): R | null {
    const schema = operatingSchema(record, this.#side);
    const value = operatingValue(record, this.#side);
    const headers = record.headers.duplicate();
    const [updatedSchema, updatedValue] = schema === null ? this.#fromMap(value, headers) : this.#fromStruct(schema, value, headers);
    return withOperating(record, this.#side, updatedSchema, updatedValue, headers);
  }

  #fromStruct(schema: Schema, value: unknown, headers: Headers): [Schema, Struct] {
    const struct = requireStructOf(value, schema, `header ${this.#operation}`);
    let updatedSchema = schema;
    let updatedValue = struct;
    if (this.#operation === 'move') {
      updatedSchema = this.schemaCache.get(schema, (original) => this.#withoutMovedFields(original));
      updatedValue = new Struct(updatedSchema);
      for (const field of updatedSchema.fields) updatedValue.put(field.name, this.fieldValue(struct, field.name));
    }
    this.#fields.forEach((name, i) => {
      const structField = struct.schema.field(name);
      const copied = structField === undefined ? null : this.fieldValue(struct, structField.name);
      const field = schema.field(name);
      if (field === undefined) {
        throw new JavaRuntimeException(
          'java.lang.NullPointerException',
          'Cannot invoke "org.apache.kafka.connect.data.Field.schema()" because the return value of "org.apache.kafka.connect.data.Schema.field(String)" is null',
        );
      }
      addHeader(headers, this.#headers[i] as string, copied, field.schema);
    });
    return [updatedSchema, updatedValue];
  }

  #withoutMovedFields(schema: Schema): Schema {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields) if (!this.#fields.includes(field.name)) builder.field(field.name, field.schema);
    return builder.build();
  }

  #fromMap(value: unknown, headers: Headers): [null, Map<unknown, unknown>] {
    const map = requireMap(value, `header ${this.#operation}`);
    const updated = new Map(map);
    this.#fields.forEach((name, i) => {
      const copied = map.get(name) ?? null;
      if (this.#operation === 'move') updated.delete(name);
      headers.add(this.#headers[i] as string, copied, null);
    });
    return [null, updated];
  }
}

/** `ConnectHeaders.add(key, value, schema)`, which refuses a null value for a required schema. */
function addHeader(headers: Headers, key: string, value: unknown, schema: Schema): void {
  if ((value === null || value === undefined) && !schema.optional) {
    throw new DataException(`A null value requires an optional schema but was ${schema}`);
  }
  headers.add(key, value ?? null, schema);
}

export const plugins: PluginDescriptor[] = keyValuePlugins('HeaderFrom', (side) => new HeaderFrom(side));
