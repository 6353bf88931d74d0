import { AbstractConfig } from '../../api/config/abstract-config.ts';
import type { ConfigDef } from '../../api/config/config-def.ts';
import type { Field } from '../../api/data/schema.ts';
import type { Struct } from '../../api/data/struct.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import type { Transformation } from '../../api/transformation.ts';
import { fieldValue, REPLACE_NULL_WITH_DEFAULT_CONFIG } from './replace-null.ts';
import { SchemaCache } from './schema-util.ts';

/**
 * What Kafka Connect's struct-rewriting transforms (Cast, ReplaceField, ValueToKey, ...) have in
 * common before they look at a record: settings parsed against one definition, the
 * `replace.null.with.default` setting when the definition has it, and a cache of derived
 * schemas that starts empty on every `configure` and is dropped on `close`.
 */
export abstract class FieldTransform<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  readonly #definition: ConfigDef;
  #replaceNullWithDefault = true;
  /** Output schemas by input schema, so that a stream of records with one schema derives it once. */
  protected schemaCache = new SchemaCache();

  protected constructor(definition: ConfigDef) {
    this.#definition = definition;
  }

  config(): ConfigDef {
    return this.#definition;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(this.#definition, configs);
    if (this.#definition.names().has(REPLACE_NULL_WITH_DEFAULT_CONFIG)) {
      this.#replaceNullWithDefault = config.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    }
    this.configureWith(config);
    this.schemaCache = new SchemaCache();
  }

  close(): void {
    this.schemaCache = new SchemaCache();
  }

  abstract apply(record: R): R | null;

  /** `replace.null.with.default`: whether a null struct field is copied as its default (true unless configured otherwise). */
  protected get replaceNullWithDefault(): boolean {
    return this.#replaceNullWithDefault;
  }

  /** Reads the transform's own settings; throws `ConfigException` for a combination the definition cannot check. */
  protected abstract configureWith(config: AbstractConfig): void;

  /** A struct field's value as copied to the output (see {@link replaceNullWithDefault}). */
  protected fieldValue(struct: Struct, field: Field | string): unknown {
    return fieldValue(struct, field, this.#replaceNullWithDefault);
  }
}
