import { BigDecimal, ConnectDate, ConnectTime, Decimal, type Schema, Timestamp } from '../../../api/data/index.ts';
import { DataException } from '../../../api/errors.ts';

/** A SQL string literal: single quotes doubled. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `YYYY-MM-DD` of a Connect Date value (UTC). */
export function formatDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** `HH:MM:SS.mmm` of a Connect Time value. */
export function formatTime(value: Date): string {
  return value.toISOString().slice(11, 23);
}

/** `YYYY-MM-DD HH:MM:SS.mmm` of a Connect Timestamp value, in UTC (Copycat's session time zone). */
export function formatTimestampMs(value: Date): string {
  const iso = value.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/**
 * A Connect value as the parameter the drivers bind: numbers and strings as they are, INT64 and
 * Decimal as exact text, the time types as UTC text, bytes as a Buffer.
 * @throws DataException for values a column cannot hold (maps, structs).
 */
export function toSqlParameter(schema: Schema, value: unknown, field: string): unknown {
  if (value === null || value === undefined) return null;
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return (value as BigDecimal).toPlainString();
    case ConnectDate.LOGICAL_NAME:
      return formatDate(value as Date);
    case ConnectTime.LOGICAL_NAME:
      return formatTime(value as Date);
    case Timestamp.LOGICAL_NAME:
      return formatTimestampMs(value as Date);
    default:
  }
  switch (schema.type) {
    case 'INT64':
      return String(value);
    case 'BYTES':
      return Buffer.from(value as Uint8Array);
    case 'FLOAT32':
    case 'FLOAT64':
    case 'INT8':
    case 'INT16':
    case 'INT32':
      return Number(value);
    case 'BOOLEAN':
    case 'STRING':
      return value;
    case 'ARRAY':
      return (value as unknown[]).map((item, i) => toSqlParameter(schema.valueSchema, item, `${field}[${i}]`));
    default:
      throw new DataException(`Field "${field}" has type ${schema.type}, which a JDBC sink column cannot hold.`);
  }
}

/** A literal for a DEFAULT clause; booleans as the dialect writes them. */
export function sqlLiteral(schema: Schema, value: unknown, booleans: { true: string; false: string }): string | null {
  if (value === null || value === undefined) return null;
  switch (schema.name) {
    case Decimal.LOGICAL_NAME:
      return (value as BigDecimal).toPlainString();
    case ConnectDate.LOGICAL_NAME:
      return quoteString(formatDate(value as Date));
    case ConnectTime.LOGICAL_NAME:
      return quoteString(formatTime(value as Date));
    case Timestamp.LOGICAL_NAME:
      return quoteString(formatTimestampMs(value as Date));
    default:
  }
  switch (schema.type) {
    case 'INT8':
    case 'INT16':
    case 'INT32':
    case 'INT64':
    case 'FLOAT32':
    case 'FLOAT64':
      return String(value instanceof BigDecimal ? value.toPlainString() : value);
    case 'BOOLEAN':
      return value ? booleans.true : booleans.false;
    case 'STRING':
      return quoteString(value as string);
    default:
      return null;
  }
}
