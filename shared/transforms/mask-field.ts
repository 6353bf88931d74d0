import { type AbstractConfig, ConfigDef, Importance, NonEmptyString, Type, ValidList } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import { BigDecimal } from '../api/data/big-decimal.ts';
import type { Schema } from '../api/data/schema.ts';
import { SizedNumber } from '../api/data/sized-number.ts';
import { Struct } from '../api/data/struct.ts';
import { DataException } from '../api/errors.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { javaClass, javaClassName, requireStructOf } from './support/java-lang.ts';
import { decimalLongValue, decimalToDouble, NumberFormatError, parseBigDecimal } from './support/java-numbers.ts';
import { KeyOrValueTransform } from './support/key-or-value-transform.ts';
import { keyValuePlugins } from './support/key-value-plugins.ts';
import type { OperatingSide } from './support/operating-side.ts';
import { REPLACE_NULL_WITH_DEFAULT_KEY } from './support/replace-null.ts';
import { requireMap } from './support/requirements.ts';

const PURPOSE = 'mask fields';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'fields',
    type: Type.LIST,
    validator: ValidList.anyNonDuplicateValues(false, false),
    importance: Importance.HIGH,
    documentation: 'Names of fields to mask.',
  })
  .define({
    name: 'replacement',
    type: Type.STRING,
    defaultValue: null,
    validator: new NonEmptyString(),
    importance: Importance.LOW,
    documentation: "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).",
  })
  .define(REPLACE_NULL_WITH_DEFAULT_KEY);

/** The value a number of this Java class holds, in the representation the schema (or its absence) asks for. */
function javaNumber(javaClassName: string, value: number, withSchema: boolean): unknown {
  const sized = {
    'java.lang.Byte': 'INT8',
    'java.lang.Short': 'INT16',
    'java.lang.Integer': 'INT32',
    'java.lang.Float': 'FLOAT32',
  } as const;
  const type = sized[javaClassName as keyof typeof sized];
  return type === undefined || withSchema ? value : new SizedNumber(type, value);
}

/** Kafka's "null value" of each class: zero, false, the empty string, the epoch, an empty list or map. */
function emptyValue(value: unknown, schema: Schema | null): unknown {
  const className = javaClassName(value, schema);
  switch (className) {
    case 'java.lang.Boolean':
      return false;
    case 'java.lang.Byte':
    case 'java.lang.Short':
    case 'java.lang.Integer':
    case 'java.lang.Float':
    case 'java.lang.Double':
      return javaNumber(className, 0, schema !== null);
    case 'java.lang.Long':
      return 0n;
    case 'java.math.BigDecimal':
      return new BigDecimal(0n, 0);
    case 'java.util.Date':
      return new Date(0);
    case 'java.lang.String':
      return '';
  }
  if (Array.isArray(value)) return [];
  if (value instanceof Map) return new Map();
  throw new DataException(`Cannot mask value of type: ${javaClass(value, schema)}`);
}

/**
 * The replacement text converted to the value's class, as Kafka's `Values.convertToX(null, text)`:
 * integers take the integer part of any decimal text and wrap to their width (`300` masks a byte
 * as 44), floats go through a double.
 */
function replacementValue(value: unknown, schema: Schema | null, replacement: string): unknown {
  const className = javaClassName(value, schema);
  if (className === 'java.lang.String') return replacement;
  if (className === 'java.math.BigDecimal') {
    try {
      return parseBigDecimal(replacement);
    } catch (error) {
      if (!(error instanceof NumberFormatError)) throw error;
      throw new DataException(`Unable to convert ${replacement} (class java.lang.String) to number`, { cause: error });
    }
  }
  const integer = (): bigint => decimalLongValue(decimalReplacement(replacement));
  switch (className) {
    case 'java.lang.Byte':
      return javaNumber(className, Number(BigInt.asIntN(8, integer())), schema !== null);
    case 'java.lang.Short':
      return javaNumber(className, Number(BigInt.asIntN(16, integer())), schema !== null);
    case 'java.lang.Integer':
      return javaNumber(className, Number(BigInt.asIntN(32, integer())), schema !== null);
    case 'java.lang.Long':
      return integer();
    case 'java.lang.Float':
      return javaNumber(className, Math.fround(decimalToDouble(decimalReplacement(replacement))), schema !== null);
    case 'java.lang.Double':
      return decimalToDouble(decimalReplacement(replacement));
  }
  throw new DataException(`Cannot mask value of type ${javaClass(value, schema)} with custom replacement.`);
}

function decimalReplacement(replacement: string): BigDecimal {
  try {
    return parseBigDecimal(replacement);
  } catch (error) {
    if (!(error instanceof NumberFormatError)) throw error;
    throw new DataException(`Unable to convert ${replacement} (class java.lang.String) to a number`, { cause: error });
  }
}

/**
 * Replaces the named fields of a Struct or a schemaless map with an empty value of their type, or
 * with `replacement` converted to it (Kafka Connect's `MaskField`). Null values stay null; a null
 * key or value (tombstone) fails, as in Kafka.
 */
export class MaskField<R extends ConnectRecord = ConnectRecord> extends KeyOrValueTransform<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #fields: ReadonlySet<string> = new Set();
  #replacement: string | null = null;

  constructor(side: OperatingSide) {
    super(side, CONFIG_DEF, 'transform');
  }

  protected override configureWith(config: AbstractConfig): void {
    this.#fields = new Set(config.getList('fields'));
    this.#replacement = config.getString('replacement');
  }

  protected override applySchemaless(value: unknown): unknown {
    const original = requireMap(value, PURPOSE);
    const updated = new Map(original);
    for (const field of this.#fields) updated.set(field, this.#masked(original.get(field) ?? null, null));
    return updated;
  }

  protected override applyWithSchema(value: unknown, schema: Schema): SchemaAndValue {
    const struct = requireStructOf(value, schema, PURPOSE);
    const updated = new Struct(struct.schema);
    for (const field of struct.schema.fields) {
      const original = this.fieldValue(struct, field);
      updated.put(field, this.#fields.has(field.name) ? this.#masked(original, field.schema) : original);
    }
    // The schema stays the record's own: Kafka does not replace it with the struct's.
    return { schema, value: updated };
  }

  #masked(value: unknown, schema: Schema | null): unknown {
    if (value === null || value === undefined) return null;
    return this.#replacement === null ? emptyValue(value, schema) : replacementValue(value, schema, this.#replacement);
  }
}

export const plugins: PluginDescriptor[] = keyValuePlugins('MaskField', (side) => new MaskField(side));
