// How Kafka Connect's Cast turns one value into another type (`Cast.castValueToType`): Java's
// Number conversions for numbers (wrapping, saturating, rounding as Java does), 1/0 for booleans,
// Java's parse methods for strings, and Java's texts (`Double.toString`, Base64, ISO dates) for
// casts to string.
import { BigDecimal } from '../../api/data/big-decimal.ts';
import { schemaTypeOf } from '../../api/data/connect-schema.ts';
import { formatJavaDouble, formatJavaFloat } from '../../api/data/java-number-format.ts';
import { ConnectDate, ConnectTime, Timestamp } from '../../api/data/logical-types.ts';
import { isPrimitive, type Schema, type SchemaType, SchemaTypes } from '../../api/data/schema.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { DataException } from '../../api/errors.ts';
import { connectDateText } from './connect-date-text.ts';
import { javaClass } from './java-lang.ts';
import {
  byteValue,
  doubleValue,
  floatValue,
  intValue,
  type JavaNumber,
  type JavaNumberClass,
  longValue,
  NumberFormatError,
  parseJavaByte,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
  parseJavaShort,
  shortValue,
} from './java-numbers.ts';

/** The types Cast can read, in Java's enum order (which its messages list). */
export const CAST_INPUT_TYPES: readonly SchemaType[] = SchemaTypes.filter(isPrimitive);

/** The types Cast can write. */
export const CAST_OUTPUT_TYPES = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64', 'BOOLEAN', 'STRING'] as const;

export type CastType = (typeof CAST_OUTPUT_TYPES)[number];

const NUMBER_CLASSES: Partial<Record<SchemaType, JavaNumberClass>> = {
  INT8: 'Byte',
  INT16: 'Short',
  INT32: 'Integer',
  INT64: 'Long',
  FLOAT32: 'Float',
  FLOAT64: 'Double',
};

/**
 * `value` cast to `target`. `schema` is the value's schema, or null for schemaless data; then
 * Java's narrower results (Byte, Short, Integer, Float) come back as {@link SizedNumber}s.
 * @throws DataException as Kafka's Cast does, with its messages.
 */
export function castValueToType(schema: Schema | null, value: unknown, target: CastType): unknown {
  if (value === null || value === undefined) return null;
  if (schema === null) {
    const cast = castPlainNumber(value, target);
    if (cast !== undefined) return cast;
  }
  const inferred = schema !== null ? schema.type : schemaTypeOf(value);
  if (inferred === undefined) {
    throw new DataException(
      `Cast transformation was passed a value of type ${javaClass(value)} which is not supported by Connect's data API`,
    );
  }
  if (!CAST_INPUT_TYPES.includes(inferred)) {
    throw new DataException(
      `Cast transformation does not support casting from ${inferred}; supported types are [${CAST_INPUT_TYPES.join(', ')}]`,
    );
  }
  // Logical values become their physical form first (a Date its day count), except for strings.
  const encoded = schema?.name !== undefined && target !== 'STRING' ? encodeLogical(schema, value) : value;
  const number = javaNumberOf(encoded, schema);
  try {
    const result = cast(encoded, number, schema, target);
    if (schema === null && (target === 'INT8' || target === 'INT16' || target === 'INT32' || target === 'FLOAT32')) {
      return new SizedNumber(target, result as number);
    }
    return result;
  } catch (error) {
    if (!(error instanceof NumberFormatError)) throw error;
    throw new DataException(`Value (${String(encoded)}) was out of range for requested data type`, { cause: error });
  }
}

/**
 * The casts of schemaless JSON numbers (a Java Long or Double) that records make most, straight:
 * the same results as the general path below, without its lookups. Undefined for any other cast.
 */
function castPlainNumber(value: unknown, target: CastType): unknown {
  if (typeof value === 'number') {
    if (target === 'FLOAT64') return value;
    if (target === 'FLOAT32') return new SizedNumber('FLOAT32', Math.fround(value));
    if (target === 'STRING') return formatJavaDouble(value);
  } else if (typeof value === 'bigint') {
    if (target === 'INT64') return value;
    if (target === 'INT32') return new SizedNumber('INT32', Number(BigInt.asIntN(32, value)));
    if (target === 'STRING') return value.toString();
  }
  return undefined;
}

function encodeLogical(schema: Schema, value: unknown): unknown {
  switch (schema.name) {
    case ConnectDate.LOGICAL_NAME:
      return ConnectDate.fromLogical(schema, value as Date);
    case ConnectTime.LOGICAL_NAME:
      return ConnectTime.fromLogical(schema, value as Date);
    case Timestamp.LOGICAL_NAME:
      return Timestamp.fromLogical(schema, value as Date);
    default:
      return value;
  }
}

/** The value as a Java Number, if it is one: its class comes from the schema, or from the value itself. */
function javaNumberOf(value: unknown, schema: Schema | null): JavaNumber | undefined {
  if (value instanceof SizedNumber) return { javaClass: NUMBER_CLASSES[value.type] as JavaNumberClass, value: value.value };
  if (typeof value === 'bigint') return { javaClass: 'Long', value };
  if (value instanceof BigDecimal) return { javaClass: 'BigDecimal', value };
  if (typeof value === 'number') return { javaClass: (schema && NUMBER_CLASSES[schema.type]) || 'Double', value };
  return undefined;
}

function cast(value: unknown, number: JavaNumber | undefined, schema: Schema | null, target: CastType): unknown {
  if (target === 'STRING') return castToString(value, number);
  if (number !== undefined) return fromNumber[target](number);
  if (typeof value === 'boolean') return fromBoolean(value, target);
  if (typeof value === 'string') return fromString[target](value);
  throw new DataException(`Unexpected type in Cast transformation: ${javaClass(value, schema)}`);
}

const fromNumber: Readonly<Record<Exclude<CastType, 'STRING'>, (number: JavaNumber) => unknown>> = {
  INT8: byteValue,
  INT16: shortValue,
  INT32: intValue,
  INT64: longValue,
  FLOAT32: floatValue,
  FLOAT64: doubleValue,
  BOOLEAN: (number) => longValue(number) !== 0n,
};

const fromString: Readonly<Record<Exclude<CastType, 'STRING'>, (text: string) => unknown>> = {
  INT8: parseJavaByte,
  INT16: parseJavaShort,
  INT32: parseJavaInt,
  INT64: parseJavaLong,
  FLOAT32: parseJavaFloat,
  FLOAT64: parseJavaDouble,
  // Boolean.parseBoolean: "true" in any case, anything else is false.
  BOOLEAN: (text) => text.toLowerCase() === 'true',
};

function fromBoolean(value: boolean, target: Exclude<CastType, 'STRING'>): unknown {
  if (target === 'BOOLEAN') return value;
  if (target === 'INT64') return value ? 1n : 0n;
  return value ? 1 : 0;
}

function castToString(value: unknown, number: JavaNumber | undefined): string {
  if (value instanceof Date) return connectDateText(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (number?.javaClass === 'Float') return formatJavaFloat(number.value as number);
  if (number?.javaClass === 'Double') return formatJavaDouble(number.value as number);
  return String(value instanceof SizedNumber ? value.value : value);
}
