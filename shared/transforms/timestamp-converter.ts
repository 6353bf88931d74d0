import { type AbstractConfig, ConfigDef, ConfigException, Importance, Type, ValidString } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import { ConnectDate, ConnectTime, Timestamp } from '../api/data/logical-types.ts';
import type { Schema } from '../api/data/schema.ts';
import { SchemaBuilder } from '../api/data/schema-builder.ts';
import { Struct } from '../api/data/struct.ts';
import { ConnectException, DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { JavaRuntimeException } from './support/java-errors.ts';
import { javaClass, requireStructOf } from './support/java-lang.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';
import { copySchemaBasics } from './support/schema-util.ts';
import { SimpleDateFormat } from './support/simple-date-format.ts';
import {
  TIMESTAMP_TYPES,
  type TimestampType,
  TRANSLATORS,
  type TranslatorConfig,
  UNIX_PRECISIONS,
  type UnixPrecision,
} from './support/timestamp-translators.ts';

const PURPOSE = 'converting timestamp formats';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'field',
    type: Type.STRING,
    defaultValue: '',
    importance: Importance.HIGH,
    documentation: 'The field containing the timestamp, or empty if the entire value is a timestamp',
  })
  .define({
    name: 'target.type',
    type: Type.STRING,
    validator: ValidString.in(...TIMESTAMP_TYPES),
    importance: Importance.HIGH,
    documentation: 'The desired timestamp representation: string, unix, Date, Time, or Timestamp',
  })
  .define({
    name: 'format',
    type: Type.STRING,
    defaultValue: '',
    importance: Importance.MEDIUM,
    documentation:
      'A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string or used to parse the input if the input is a string.',
  })
  .define({
    name: 'unix.precision',
    type: Type.STRING,
    defaultValue: 'milliseconds',
    validator: ValidString.in(...UNIX_PRECISIONS),
    importance: Importance.LOW,
    documentation:
      'The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. Used to generate the output when type=unix or used to parse the input if the input is a Long.Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

interface Settings extends TranslatorConfig {
  readonly field: string;
  readonly targetType: TimestampType;
}

/**
 * Converts timestamps between unix epoch numbers, formatted strings (Java `SimpleDateFormat`
 * patterns, in UTC) and the Connect Date, Time and Timestamp types (Kafka Connect's
 * `TimestampConverter`), for the whole key or value or for one field of it.
 */
export class TimestampConverter<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #settings: Settings = { field: '', targetType: 'Timestamp', format: null, unixPrecision: 'milliseconds' };

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'transform');
  }

  protected override configureWith(config: AbstractConfig): void {
    const targetType = config.getString('target.type') as TimestampType;
    const pattern = config.getString('format') ?? '';
    if (targetType === 'string' && isBlank(pattern)) {
      throw new ConfigException('TimestampConverter requires format option to be specified when using string timestamps');
    }
    let format: SimpleDateFormat | null = null;
    if (!isBlank(pattern)) {
      try {
        format = new SimpleDateFormat(pattern);
      } catch (error) {
        if (!(error instanceof JavaRuntimeException)) throw error;
        // Kafka passes its message where ConfigException(name, value) takes the config's name, so
        // the text reads "Invalid value <exception> for configuration <message>"; kept word for word.
        const message = `TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: ${pattern}`;
        throw new ConfigException(`Invalid value ${error.kafkaClassName}: ${error.message} for configuration ${message}`, {
          key: 'format',
          cause: error,
        });
      }
    }
    this.#settings = {
      field: config.getString('field') ?? '',
      targetType,
      format,
      unixPrecision: config.getString('unix.precision') as UnixPrecision,
    };
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const { field, targetType } = this.#settings;
    if (field === '')
      return { schema: TRANSLATORS[targetType].typeSchema(schema.optional), value: this.#convert(value, timestampTypeOf(schema)) };
    const struct = value === null || value === undefined ? null : requireStructOf(value, schema, PURPOSE);
    const updatedSchema = this.schemaCache.get(schema, (original) => this.#updatedSchema(original));
    return { schema: updatedSchema, value: this.#convertStruct(struct, updatedSchema) };
  }

  protected override applySchemaless(value: unknown): unknown {
    const { field } = this.#settings;
    if (value === null || value === undefined || field === '') return this.#convert(value);
    const map = requireMap(value, PURPOSE);
    const updated = new Map(map);
    updated.set(field, this.#convert(map.get(field) ?? null));
    return updated;
  }

  #updatedSchema(schema: Schema): Schema {
    const { field, targetType } = this.#settings;
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const original of schema.fields) {
      builder.field(
        original.name,
        original.name === field ? TRANSLATORS[targetType].typeSchema(original.schema.optional) : original.schema,
      );
    }
    if (schema.optional) builder.optional();
    if (schema.defaultValue !== null && schema.defaultValue !== undefined) {
      builder.defaultValue(this.#convertStruct(schema.defaultValue as Struct, builder.build()));
    }
    return builder.build();
  }

  #convertStruct(struct: Struct | null, updatedSchema: Schema): Struct | null {
    if (struct === null) return null;
    const { field } = this.#settings;
    const updated = new Struct(updatedSchema);
    for (const original of struct.schema.fields) {
      const value = this.fieldValue(struct, original);
      updated.put(original.name, original.name === field ? this.#convert(value, timestampTypeOf(original.schema)) : value);
    }
    return updated;
  }

  /** The timestamp in the target representation; `from` is inferred from the value when not given. */
  #convert(timestamp: unknown, from?: TimestampType): unknown {
    if (timestamp === null || timestamp === undefined) return null;
    const raw = TRANSLATORS[from ?? inferredType(timestamp)].toRaw(this.#settings, timestamp);
    return TRANSLATORS[this.#settings.targetType].toType(this.#settings, raw);
  }
}

/** `Utils.isBlank`: empty or only whitespace (Java's `trim`, which strips every character up to U+0020). */
function isBlank(text: string): boolean {
  return [...text].every((c) => c.charCodeAt(0) <= 0x20);
}

/** The representation a schema says a timestamp is in. */
function timestampTypeOf(schema: Schema): TimestampType {
  if (schema.name === Timestamp.LOGICAL_NAME) return 'Timestamp';
  if (schema.name === ConnectDate.LOGICAL_NAME) return 'Date';
  if (schema.name === ConnectTime.LOGICAL_NAME) return 'Time';
  if (schema.type === 'STRING') return 'string';
  if (schema.type === 'INT64') return 'unix';
  throw new ConnectException(`Schema ${schema} does not correspond to a known timestamp type format`);
}

/** The representation of a schemaless value, by its Java class (a Date could be any of three; it reads as a Timestamp). */
function inferredType(timestamp: unknown): TimestampType {
  if (timestamp instanceof Date) return 'Timestamp';
  if (typeof timestamp === 'bigint') return 'unix';
  if (typeof timestamp === 'string') return 'string';
  throw new DataException(`TimestampConverter does not support ${javaClass(timestamp)} objects as timestamps`);
}

export const plugins: PluginDescriptor[] = keyValuePlugins('TimestampConverter', (side) => new TimestampConverter(side));
