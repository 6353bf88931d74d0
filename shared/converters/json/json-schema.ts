// Connect schemas ↔ the JSON schemas of JsonConverter's envelope (`asJsonSchema`, `asConnectSchema`),
// field order and optional attributes as Kafka writes them.
import type { Schema, SchemaType } from '../../api/data/schema.ts';
import { SchemaBuilder } from '../../api/data/schema-builder.ts';
import { DataException } from '../../api/errors.ts';
import { connectToJson, type JsonWriteOptions } from './connect-to-json.ts';
import { type JsonReadOptions, jsonToConnect } from './json-to-connect.ts';
import { JsonObject, type JsonValue } from './json-tree.ts';
import { jsonString } from './json-writer.ts';

const TYPE_NAMES: Readonly<Record<SchemaType, string>> = {
  BOOLEAN: 'boolean',
  INT8: 'int8',
  INT16: 'int16',
  INT32: 'int32',
  INT64: 'int64',
  FLOAT32: 'float',
  FLOAT64: 'double',
  BYTES: 'bytes',
  STRING: 'string',
  ARRAY: 'array',
  MAP: 'map',
  STRUCT: 'struct',
};

const BUILDERS: Readonly<Record<string, () => SchemaBuilder>> = {
  boolean: SchemaBuilder.bool,
  int8: SchemaBuilder.int8,
  int16: SchemaBuilder.int16,
  int32: SchemaBuilder.int32,
  int64: SchemaBuilder.int64,
  float: SchemaBuilder.float32,
  double: SchemaBuilder.float64,
  bytes: SchemaBuilder.bytes,
  string: SchemaBuilder.string,
};

/**
 * Writes Connect schemas as JsonConverter's JSON schemas, each computed once per schema object:
 * `{"type":...,<items|keys,values|fields>,"optional":...,"name","version","doc","parameters","default"}`.
 */
export class JsonSchemaWriter {
  readonly #options: JsonWriteOptions;
  readonly #cache: WeakMap<Schema, string> | undefined;

  /** `cache` false writes every schema afresh (`schemas.cache.size` of 0 or less). */
  constructor(options: JsonWriteOptions, cache: boolean) {
    this.#options = options;
    this.#cache = cache ? new WeakMap() : undefined;
  }

  /** The JSON text of a schema; `null` for no schema. */
  write(schema: Schema | null | undefined): string {
    if (schema === null || schema === undefined) return 'null';
    const cached = this.#cache?.get(schema);
    if (cached !== undefined) return cached;
    let json = `{"type":"${TYPE_NAMES[schema.type]}"`;
    switch (schema.type) {
      case 'ARRAY':
        json += `,"items":${this.write(schema.valueSchema)}`;
        break;
      case 'MAP':
        json += `,"keys":${this.write(schema.keySchema)},"values":${this.write(schema.valueSchema)}`;
        break;
      case 'STRUCT':
        // Each field is its schema's JSON with "field" appended last.
        json += `,"fields":[${schema.fields.map((field) => `${this.write(field.schema).slice(0, -1)},"field":${jsonString(field.name)}}`).join(',')}]`;
        break;
      default:
    }
    json += `,"optional":${schema.optional}`;
    if (schema.name !== undefined && schema.name !== null) json += `,"name":${jsonString(schema.name)}`;
    if (schema.version !== undefined && schema.version !== null) json += `,"version":${schema.version}`;
    if (schema.doc !== undefined && schema.doc !== null) json += `,"doc":${jsonString(schema.doc)}`;
    if (schema.parameters !== undefined && schema.parameters !== null) {
      const parameters = Object.entries(schema.parameters).map(([key, value]) => `${jsonString(key)}:${jsonString(value)}`);
      json += `,"parameters":{${parameters.join(',')}}`;
    }
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) {
      json += `,"default":${connectToJson(schema, schema.defaultValue, this.#options) ?? 'null'}`;
    }
    json += '}';
    this.#cache?.set(schema, json);
    return json;
  }
}

/** A JSON schema node as a Connect schema (`asConnectSchema`); null for a JSON null. */
export function readJsonSchema(json: JsonValue, options: JsonReadOptions): Schema | null {
  if (json === null) return null;
  const node = json instanceof JsonObject ? json : undefined;
  const typeName = node?.get('type');
  if (node === undefined || typeof typeName !== 'string') throw new DataException("Schema must contain 'type' field");
  let builder: SchemaBuilder;
  const primitive = Object.hasOwn(BUILDERS, typeName) ? BUILDERS[typeName] : undefined;
  if (primitive !== undefined) {
    builder = primitive();
  } else if (typeName === 'array') {
    const items = node.get('items');
    if (items === undefined || items === null) throw new DataException('Array schema did not specify the element type');
    builder = SchemaBuilder.array(readJsonSchema(items, options) as Schema);
  } else if (typeName === 'map') {
    const keys = node.get('keys');
    if (keys === undefined) throw new DataException('Map schema did not specify the key type');
    const values = node.get('values');
    if (values === undefined) throw new DataException('Map schema did not specify the value type');
    builder = SchemaBuilder.map(readJsonSchema(keys, options) as Schema, readJsonSchema(values, options) as Schema);
  } else if (typeName === 'struct') {
    builder = SchemaBuilder.struct();
    const fields = node.get('fields');
    if (!Array.isArray(fields)) throw new DataException('Struct schema\'s "fields" argument is not an array.');
    for (const field of fields) {
      const fieldName = field instanceof JsonObject ? field.get('field') : undefined;
      if (typeof fieldName !== 'string') throw new DataException("Struct schema's field name not specified properly");
      builder.field(fieldName, readJsonSchema(field, options) as Schema);
    }
  } else {
    throw new DataException(`Unknown schema type: ${typeName}`);
  }
  if (node.get('optional') === true) builder.optional();
  else builder.required();
  const name = node.get('name');
  if (typeof name === 'string') builder.name(name);
  const version = node.get('version');
  // Jackson's intValue() of an integral node: Java's (int) narrowing.
  if (typeof version === 'number') builder.version(version | 0);
  else if (typeof version === 'bigint') builder.version(Number(BigInt.asIntN(32, version)));
  const doc = node.get('doc');
  if (typeof doc === 'string') builder.doc(doc);
  const parameters = node.get('parameters');
  if (parameters instanceof JsonObject) {
    for (const [key, value] of parameters) {
      if (typeof value !== 'string') throw new DataException('Schema parameters must have string values.');
      builder.parameter(key, value);
    }
  }
  if (node.has('default')) builder.defaultValue(jsonToConnect(builder.build(), node.get('default'), options));
  return builder.build();
}
