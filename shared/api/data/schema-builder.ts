import { SchemaBuilderException } from '../errors.ts';
import { ConnectSchema, validateValue } from './connect-schema.ts';
import type { Field, Schema, SchemaType } from './schema.ts';

/**
 * Builds a {@link ConnectSchema} fluently, as Kafka Connect's `SchemaBuilder`:
 * `SchemaBuilder.struct().name('order').field('id', Schemas.INT64).build()`.
 * Each property can be set once; defaults are checked against the schema.
 */
export class SchemaBuilder {
  readonly type: SchemaType;
  #optional = false;
  #defaultValue: unknown = null;
  #name: string | undefined;
  #version: number | undefined;
  #doc: string | undefined;
  #parameters: Record<string, string> | undefined;
  readonly #fields: Field[] = [];
  readonly #keySchema: Schema | undefined;
  readonly #valueSchema: Schema | undefined;

  constructor(type: SchemaType, keySchema?: Schema, valueSchema?: Schema) {
    this.type = type;
    this.#keySchema = keySchema;
    this.#valueSchema = valueSchema;
  }

  static int8 = () => new SchemaBuilder('INT8');
  static int16 = () => new SchemaBuilder('INT16');
  static int32 = () => new SchemaBuilder('INT32');
  static int64 = () => new SchemaBuilder('INT64');
  static float32 = () => new SchemaBuilder('FLOAT32');
  static float64 = () => new SchemaBuilder('FLOAT64');
  static bool = () => new SchemaBuilder('BOOLEAN');
  static string = () => new SchemaBuilder('STRING');
  static bytes = () => new SchemaBuilder('BYTES');
  static struct = () => new SchemaBuilder('STRUCT');
  static array(valueSchema: Schema): SchemaBuilder {
    if (valueSchema === null || valueSchema === undefined) throw new SchemaBuilderException('valueSchema cannot be null.');
    return new SchemaBuilder('ARRAY', undefined, valueSchema);
  }
  static map(keySchema: Schema, valueSchema: Schema): SchemaBuilder {
    if (!keySchema) throw new SchemaBuilderException('keySchema cannot be null.');
    if (!valueSchema) throw new SchemaBuilderException('valueSchema cannot be null.');
    return new SchemaBuilder('MAP', keySchema, valueSchema);
  }
  static type(type: SchemaType): SchemaBuilder {
    return new SchemaBuilder(type);
  }

  get fields(): readonly Field[] {
    return this.#fields;
  }

  optional(): this {
    this.#optional = true;
    return this;
  }

  required(): this {
    this.#optional = false;
    return this;
  }

  isOptional(): boolean {
    return this.#optional;
  }

  defaultValue(value: unknown): this {
    this.#checkUnset('default', this.#defaultValue === null);
    try {
      validateValue(this.#snapshot(), value);
    } catch (error) {
      throw new SchemaBuilderException('Invalid default value', { cause: error });
    }
    this.#defaultValue = value;
    return this;
  }

  name(name: string): this {
    this.#checkUnset('name', this.#name === undefined);
    this.#name = name;
    return this;
  }

  version(version: number): this {
    this.#checkUnset('version', this.#version === undefined);
    this.#version = version;
    return this;
  }

  doc(doc: string): this {
    this.#checkUnset('doc', this.#doc === undefined);
    this.#doc = doc;
    return this;
  }

  parameter(name: string, value: string): this {
    this.#parameters = { ...this.#parameters, [name]: value };
    return this;
  }

  parameters(parameters: Readonly<Record<string, string>>): this {
    this.#parameters = { ...this.#parameters, ...parameters };
    return this;
  }

  field(name: string, schema: Schema): this {
    if (this.type !== 'STRUCT') throw new SchemaBuilderException(`Cannot create fields on type ${this.type}`);
    if (name === null || name === undefined || name === '') throw new SchemaBuilderException('fieldName cannot be null.');
    if (schema === null || schema === undefined) throw new SchemaBuilderException(`fieldSchema for field ${name} cannot be null.`);
    if (this.#fields.some((field) => field.name === name))
      throw new SchemaBuilderException(`Cannot create field because of field name duplication ${name}`);
    this.#fields.push({ name, index: this.#fields.length, schema });
    return this;
  }

  build(): Schema {
    return this.#snapshot();
  }

  #snapshot(): ConnectSchema {
    return new ConnectSchema({
      type: this.type,
      optional: this.#optional,
      defaultValue: this.#defaultValue,
      name: this.#name,
      version: this.#version,
      doc: this.#doc,
      parameters: this.#parameters,
      fields: this.type === 'STRUCT' ? [...this.#fields] : undefined,
      keySchema: this.#keySchema,
      valueSchema: this.#valueSchema,
    });
  }

  #checkUnset(property: string, unset: boolean): void {
    if (!unset) throw new SchemaBuilderException(`Invalid SchemaBuilder call: ${property} has already been set.`);
  }
}

const primitive = (type: SchemaType, optional: boolean): Schema => new ConnectSchema({ type, optional });

/** The ready-made primitive schemas (Kafka Connect's `Schema.INT32_SCHEMA`, `Schema.OPTIONAL_STRING_SCHEMA`, ...). */
export const Schemas = {
  INT8: primitive('INT8', false),
  INT16: primitive('INT16', false),
  INT32: primitive('INT32', false),
  INT64: primitive('INT64', false),
  FLOAT32: primitive('FLOAT32', false),
  FLOAT64: primitive('FLOAT64', false),
  BOOLEAN: primitive('BOOLEAN', false),
  STRING: primitive('STRING', false),
  BYTES: primitive('BYTES', false),
  OPTIONAL_INT8: primitive('INT8', true),
  OPTIONAL_INT16: primitive('INT16', true),
  OPTIONAL_INT32: primitive('INT32', true),
  OPTIONAL_INT64: primitive('INT64', true),
  OPTIONAL_FLOAT32: primitive('FLOAT32', true),
  OPTIONAL_FLOAT64: primitive('FLOAT64', true),
  OPTIONAL_BOOLEAN: primitive('BOOLEAN', true),
  OPTIONAL_STRING: primitive('STRING', true),
  OPTIONAL_BYTES: primitive('BYTES', true),
} as const;
