import { BigDecimal, ConnectDate, ConnectTime, Decimal, type Schema, SchemaBuilder, Timestamp } from '../../../api/data/index.ts';
import { DataException } from '../../../api/errors.ts';
import type { ColumnDefinition, RawValue } from './column.ts';

/** How NUMERIC columns map to Connect types (Confluent's `numeric.mapping`). */
export type NumericMapping = 'none' | 'precision_only' | 'best_fit' | 'best_fit_eager_double';

/** A column's Connect schema and how to turn the driver's value into a value of that schema. */
export interface ColumnMapping {
  readonly column: ColumnDefinition;
  readonly schema: Schema;
  readonly convert: (raw: RawValue) => unknown;
}

const MS_PER_DAY = 86_400_000;

/**
 * The Connect schema of a column, as Confluent's `GenericDatabaseDialect.addFieldToSchema` (with
 * its PostgreSQL and MySQL overrides) builds it: integers by width (one wider when unsigned),
 * NUMERIC by `numeric.mapping`, DECIMAL as the Decimal logical type with the column's scale,
 * DATE/TIME/TIMESTAMP as the Date/Time/Timestamp logical types, JSON and UUID as strings.
 * Nullable columns (and columns whose nullability is unknown) get an optional schema.
 * @returns null for a type Connect cannot carry (arrays, intervals, geometric types): Confluent
 * skips such columns with a warning, and so does Copycat.
 */
export function columnMapping(column: ColumnDefinition, numericMapping: NumericMapping = 'none'): ColumnMapping | null {
  const builder = schemaBuilderFor(column, numericMapping);
  if (builder === null) return null;
  if (column.nullable !== false) builder.optional();
  const schema = builder.build();
  return { column, schema, convert: converterFor(column, schema) };
}

function schemaBuilderFor(column: ColumnDefinition, numericMapping: NumericMapping): SchemaBuilder | null {
  const { precision, scale, unsigned } = column;
  switch (column.jdbcType) {
    case 'BOOLEAN':
      return SchemaBuilder.bool();
    case 'BIT':
      if (precision <= 1) return SchemaBuilder.bool();
      return precision <= 8 ? SchemaBuilder.int8() : SchemaBuilder.bytes();
    case 'TINYINT':
      return unsigned ? SchemaBuilder.int16() : SchemaBuilder.int8();
    case 'SMALLINT':
      return unsigned ? SchemaBuilder.int32() : SchemaBuilder.int16();
    case 'INTEGER':
      return unsigned ? SchemaBuilder.int64() : SchemaBuilder.int32();
    case 'BIGINT':
      return SchemaBuilder.int64();
    case 'REAL':
      return SchemaBuilder.float32();
    case 'DOUBLE':
      return SchemaBuilder.float64();
    case 'NUMERIC':
      // An unconstrained NUMERIC has no scale a Decimal schema could declare; see the README.
      if (precision <= 0 || scale < 0) return SchemaBuilder.float64();
      return numericBuilder(precision, scale, numericMapping) ?? Decimal.builder(scale);
    case 'DECIMAL':
      return Decimal.builder(Math.max(scale, 0));
    case 'CHAR':
    case 'VARCHAR':
      return SchemaBuilder.string();
    case 'BINARY':
      return SchemaBuilder.bytes();
    case 'DATE':
      return ConnectDate.builder();
    case 'TIME':
      return ConnectTime.builder();
    case 'TIMESTAMP':
      return Timestamp.builder();
    default:
      return null;
  }
}

function numericBuilder(precision: number, scale: number, mapping: NumericMapping): SchemaBuilder | null {
  const integral = (): SchemaBuilder =>
    precision < 3
      ? SchemaBuilder.int8()
      : precision < 5
        ? SchemaBuilder.int16()
        : precision < 10
          ? SchemaBuilder.int32()
          : SchemaBuilder.int64();
  switch (mapping) {
    case 'precision_only':
      return scale === 0 && precision < 19 ? integral() : null;
    case 'best_fit':
      if (precision >= 19) return null;
      return scale < 1 ? integral() : SchemaBuilder.float64();
    case 'best_fit_eager_double':
      if (scale > 0) return SchemaBuilder.float64();
      return precision < 19 ? integral() : null;
    default:
      return null;
  }
}

function converterFor(column: ColumnDefinition, schema: Schema): (raw: RawValue) => unknown {
  const text = (raw: RawValue): string => (typeof raw === 'string' ? raw : Buffer.from(raw as Uint8Array).toString('utf8'));
  const guard =
    (convert: (raw: Exclude<RawValue, null>) => unknown) =>
    (raw: RawValue): unknown =>
      raw === null ? null : convert(raw);
  switch (schema.name) {
    case Decimal.LOGICAL_NAME: {
      const scale = Decimal.scaleOf(schema);
      return guard((raw) => parseDecimal(text(raw), column).setScale(scale));
    }
    case ConnectDate.LOGICAL_NAME:
      return guard((raw) => new Date(parseDate(text(raw), column)));
    case ConnectTime.LOGICAL_NAME:
      return guard((raw) => new Date(parseTimeOfDay(text(raw), column)));
    case Timestamp.LOGICAL_NAME:
      return guard((raw) => new Date(parseTimestamp(text(raw), column).ms));
    default:
  }
  switch (schema.type) {
    case 'BOOLEAN':
      return guard((raw) => parseBoolean(raw));
    case 'INT8':
      if (column.jdbcType === 'BIT') return guard((raw) => bitsToNumber(raw));
      return guard((raw) => parseSmallInteger(text(raw), column, schema.type));
    case 'INT16':
    case 'INT32':
      return guard((raw) => parseSmallInteger(text(raw), column, schema.type));
    case 'INT64':
      return guard((raw) => parseLong(text(raw), column));
    case 'FLOAT32':
    case 'FLOAT64':
      return guard((raw) => parseDouble(text(raw), column));
    case 'BYTES':
      return guard((raw) => (typeof raw === 'string' ? parseBytesText(raw) : Uint8Array.from(raw)));
    default:
      return guard((raw) => text(raw));
  }
}

function parseBoolean(raw: Exclude<RawValue, null>): boolean {
  if (typeof raw !== 'string') return raw.some((byte) => byte !== 0);
  const value = raw.toLowerCase();
  return value === 't' || value === 'true' || value === '1' || value === 'y' || value === 'yes' || value === 'on';
}

function bitsToNumber(raw: Exclude<RawValue, null>): number {
  let value = 0;
  if (typeof raw === 'string') for (const bit of raw) value = value * 2 + (bit === '1' ? 1 : 0);
  else for (const byte of raw) value = value * 256 + byte;
  return value > 127 ? value - 256 : value;
}

function parseSmallInteger(text: string, column: ColumnDefinition, type: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw badValue(text, column, type);
  return value;
}

function parseLong(text: string, column: ColumnDefinition): bigint {
  try {
    const value = BigInt(text);
    if (value < -(2n ** 63n) || value >= 2n ** 63n) throw badValue(text, column, 'INT64');
    return value;
  } catch (error) {
    if (error instanceof DataException) throw error;
    throw badValue(text, column, 'INT64');
  }
}

function parseDouble(text: string, column: ColumnDefinition): number {
  const value = text === 'Infinity' || text === '-Infinity' || text === 'NaN' ? Number(text) : Number.parseFloat(text);
  if (Number.isNaN(value) && text !== 'NaN') throw badValue(text, column, 'FLOAT64');
  return value;
}

function parseDecimal(text: string, column: ColumnDefinition): BigDecimal {
  try {
    return BigDecimal.parse(text);
  } catch {
    throw badValue(text, column, 'Decimal');
  }
}

/** PostgreSQL's text form of bytea (`\x0a0b`, or the old escape form). */
function parseBytesText(text: string): Uint8Array {
  if (text.startsWith('\\x')) return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

/** Days since the epoch, in ms, of `YYYY-MM-DD` (also the date part of a timestamp, or a MySQL YEAR). */
export function parseDate(text: string, column: ColumnDefinition): number {
  if (/^\d{4}$/.test(text)) return Date.UTC(Number(text), 0, 1);
  const match = /^(\d{4,})-(\d{2})-(\d{2})( BC)?/.exec(text);
  if (match === null) throw badValue(text, column, 'Date');
  const year = Number(match[1]);
  const ms = utc(match[4] === undefined ? year : 1 - year, Number(match[2]) - 1, Number(match[3]));
  return ms - (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
}

/** Milliseconds since midnight of `HH:MM:SS[.ffffff][+TZ]`. */
export function parseTimeOfDay(text: string, column: ColumnDefinition): number {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/.exec(text.trim());
  if (match === null) throw badValue(text, column, 'Time');
  let ms = (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000 + fractionMs(match[4]);
  if (match[5] !== undefined) {
    const offset = (Number(match[6]) * 60 + Number(match[7] ?? 0)) * 60_000;
    ms -= match[5] === '+' ? offset : -offset;
  }
  return ((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

/** A point in time with the sub-millisecond digits Connect's Timestamp drops but offsets keep. */
export interface PreciseTimestamp {
  /** Milliseconds since the epoch (floored). */
  readonly ms: number;
  /** Nanoseconds within the second (Java's `Timestamp.getNanos()`). */
  readonly nanos: number;
}

/**
 * Parses `YYYY-MM-DD HH:MM:SS[.fffffffff][+HH[:MM]]` (PostgreSQL and MySQL text forms); a value
 * without an offset is read in UTC, which is Copycat's session time zone (`db.timezone` = UTC).
 */
export function parseTimestamp(text: string, column?: ColumnDefinition): PreciseTimestamp {
  const match = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2})(?::?(\d{2}))?|Z)?( BC)?$/.exec(
    text.trim(),
  );
  if (match === null) throw badValue(text, column, 'Timestamp');
  const year = Number(match[1]);
  let seconds =
    utc(match[11] === undefined ? year : 1 - year, Number(match[2]) - 1, Number(match[3])) / 1000 +
    Number(match[4]) * 3600 +
    Number(match[5]) * 60 +
    Number(match[6]);
  if (match[8] !== undefined) {
    const offset = (Number(match[9]) * 60 + Number(match[10] ?? 0)) * 60;
    seconds -= match[8] === '+' ? offset : -offset;
  }
  const nanos = Number((match[7] ?? '').padEnd(9, '0').slice(0, 9));
  return { ms: seconds * 1000 + Math.floor(nanos / 1_000_000), nanos };
}

/** `YYYY-MM-DD HH:MM:SS.ffffff` in UTC: how Copycat passes a timestamp to the database. */
export function formatTimestamp(value: PreciseTimestamp): string {
  const seconds = Math.floor(value.ms / 1000);
  const iso = new Date(seconds * 1000).toISOString();
  const micros = String(Math.floor(value.nanos / 1000)).padStart(6, '0');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros}`;
}

function utc(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
}

function badValue(text: string, column: ColumnDefinition | undefined, type: string): DataException {
  const where = column === undefined ? '' : ` of column "${column.name}" (${column.typeName})`;
  return new DataException(`Cannot convert the value "${text}"${where} to a Connect ${type}.`);
}
