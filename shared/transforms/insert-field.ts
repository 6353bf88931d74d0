import { type AbstractConfig, ConfigDef, ConfigException, Importance, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import { Timestamp } from '../api/data/logical-types.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder, Schemas } from '../api/data/schema-builder.ts';
import { SizedNumber } from '../api/data/sized-number.ts';
import { Struct } from '../api/data/struct.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { copyMap } from './support/copy-map.ts';
import { requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap, requireSinkRecord } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';

const OPTIONALITY_DOC = 'Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).';
const PURPOSE = 'field insertion';
const OPTIONAL_TIMESTAMP = Timestamp.builder().optional().build();

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'topic.field',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: `Field name for Kafka topic. ${OPTIONALITY_DOC}`,
  })
  .define({
    name: 'partition.field',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: `Field name for Kafka partition. ${OPTIONALITY_DOC}`,
  })
  .define({
    name: 'offset.field',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: `Field name for Kafka offset - only applicable to sink connectors.<br/>${OPTIONALITY_DOC}`,
  })
  .define({
    name: 'timestamp.field',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: `Field name for record timestamp. ${OPTIONALITY_DOC}`,
  })
  .define({
    name: 'static.field',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: `Field name for static data field. ${OPTIONALITY_DOC}`,
  })
  .define({
    name: 'static.value',
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.MEDIUM,
    documentation: 'Static field value, if field name configured.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/** A field to insert: its name, and whether its schema is optional (`?` or no suffix) or required (`!`). */
interface InsertionSpec {
  readonly name: string;
  readonly optional: boolean;
}

function parseSpec(spec: string | null): InsertionSpec | null {
  if (spec === null) return null;
  if (spec.endsWith('?')) return { name: spec.slice(0, -1), optional: true };
  if (spec.endsWith('!')) return { name: spec.slice(0, -1), optional: false };
  return { name: spec, optional: true };
}

/** What each `*.field` setting inserts: the field's schema, and its value with and without a schema. */
interface FieldKind {
  readonly config: string;
  readonly schema: (optional: boolean) => Schema;
  /** The value, or undefined when the record has none (no partition, no timestamp): the field is then left out. */
  readonly value: (record: ConnectRecord, withSchema: boolean, staticValue: string) => unknown;
}

const FIELD_KINDS: readonly FieldKind[] = [
  { config: 'topic.field', schema: (optional) => (optional ? Schemas.OPTIONAL_STRING : Schemas.STRING), value: (record) => record.topic },
  {
    config: 'partition.field',
    schema: (optional) => (optional ? Schemas.OPTIONAL_INT32 : Schemas.INT32),
    // Schemaless, Kafka inserts a java.lang.Integer.
    value: ({ kafkaPartition }, withSchema) =>
      kafkaPartition === null ? undefined : withSchema ? kafkaPartition : new SizedNumber('INT32', kafkaPartition),
  },
  {
    config: 'offset.field',
    schema: (optional) => (optional ? Schemas.OPTIONAL_INT64 : Schemas.INT64),
    value: (record) => BigInt(requireSinkRecord(record, PURPOSE).kafkaOffset),
  },
  {
    config: 'timestamp.field',
    schema: (optional) => (optional ? OPTIONAL_TIMESTAMP : Timestamp.schema()),
    value: ({ timestamp }, withSchema) => (timestamp === null ? undefined : withSchema ? new Date(timestamp) : BigInt(timestamp)),
  },
  {
    config: 'static.field',
    schema: (optional) => (optional ? Schemas.OPTIONAL_STRING : Schemas.STRING),
    value: (_record, _withSchema, staticValue) => staticValue,
  },
];

/** A configured insertion: the field's name and optionality, and what goes in it. */
interface Insertion {
  readonly spec: InsertionSpec;
  readonly kind: FieldKind;
}

/**
 * Inserts the record's topic, partition, offset and timestamp, and a static string, into a Struct
 * key or value (extending its schema) or a schemaless map (Kafka Connect's `InsertField`).
 * Null keys and values (tombstones) pass through unchanged.
 */
export class InsertField<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #insertions: Insertion[] = [];
  #staticValue = '';

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'pass');
  }

  protected override configureWith(config: AbstractConfig): void {
    const insertions = FIELD_KINDS.flatMap((kind) => {
      const spec = parseSpec(config.getString(kind.config));
      return spec === null ? [] : [{ spec, kind }];
    });
    const staticValue = config.getString('static.value');
    if (insertions.length === 0) throw new ConfigException('No field insertion configured');
    const staticField = insertions.find((insertion) => insertion.kind.config === 'static.field');
    if (staticField !== undefined && staticValue === null) {
      // Kafka prints its InsertionSpec object here, whose text is a class name and an identity hash.
      throw ConfigException.invalidValue(
        'static.value',
        null,
        `No value specified for static field: ${insertionSpecText(staticField.spec)}`,
      );
    }
    this.#insertions = insertions;
    this.#staticValue = staticValue ?? '';
  }

  protected override applySchemaless(value: unknown, record: R): unknown {
    const updated = copyMap(requireMap(value, PURPOSE));
    for (const insertion of this.#insertions) {
      const inserted = insertion.kind.value(record, false, this.#staticValue);
      if (inserted !== undefined) updated.set(insertion.spec.name, inserted);
    }
    return updated;
  }

  protected override applyWithSchema(value: unknown, schema: Schema, record: R): SchemaAndValue {
    const struct = requireStructOf(value, schema, PURPOSE);
    const updatedSchema = this.schemaCache.get(struct.schema, (original) => this.#updatedSchema(original));
    const updated = new Struct(updatedSchema);
    for (const field of struct.schema.fields) updated.put(field.name, this.fieldValue(struct, field));
    for (const insertion of this.#insertions) {
      const inserted = insertion.kind.value(record, true, this.#staticValue);
      if (inserted !== undefined) updated.put(insertion.spec.name, inserted);
    }
    return { schema: updatedSchema, value: updated };
  }

  #updatedSchema(original: Schema): Schema {
    const builder = copySchemaBasics(original, SchemaBuilder.struct());
    for (const field of original.fields) builder.field(field.name, field.schema);
    for (const insertion of this.#insertions) builder.field(insertion.spec.name, insertion.kind.schema(insertion.spec.optional));
    return builder.build();
  }
}

/** How Java prints an `InsertField$InsertionSpec` (it has no toString); the hash is ours, not the JVM's. */
function insertionSpecText(spec: InsertionSpec): string {
  let hash = 0;
  for (const char of spec.name) hash = (Math.imul(31, hash) + (char.codePointAt(0) ?? 0)) | 0;
  return `org.apache.kafka.connect.transforms.InsertField$InsertionSpec@${(hash >>> 0).toString(16)}`;
}

export const plugins: PluginDescriptor[] = keyValuePlugins('InsertField', (side) => new InsertField(side));
