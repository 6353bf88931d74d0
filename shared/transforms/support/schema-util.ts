import type { Schema } from '../../api/data/schema.ts';
import { SchemaBuilder } from '../../api/data/schema-builder.ts';

/** A builder of the same type carrying the source's name, version, doc and parameters (`SchemaUtil.copySchemaBasics`). */
export function copySchemaBasics(source: Schema, builder: SchemaBuilder = SchemaBuilder.type(source.type)): SchemaBuilder {
  if (source.name !== undefined) builder.name(source.name);
  if (source.version !== undefined) builder.version(source.version);
  if (source.doc !== undefined) builder.doc(source.doc);
  if (source.parameters !== undefined) builder.parameters(source.parameters);
  return builder;
}

/**
 * Derived schemas are cached per input schema object, as Kafka Connect's transforms do with their
 * LRU caches: a stream of records with one schema builds the output schema once.
 */
export class SchemaCache {
  readonly #cache = new WeakMap<Schema, Schema>();

  get(schema: Schema, derive: (schema: Schema) => Schema): Schema {
    let derived = this.#cache.get(schema);
    if (derived === undefined) {
      derived = derive(schema);
      this.#cache.set(schema, derived);
    }
    return derived;
  }
}
