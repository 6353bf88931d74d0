import { BigDecimal } from '../../api/data/big-decimal.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { Struct } from '../../api/data/struct.ts';
import { DataException } from '../../api/errors.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import { SinkRecord } from '../../api/record/sink-record.ts';
import { SourceRecord } from '../../api/record/source-record.ts';

/** The checks Kafka Connect's transforms make on their input (`Requirements`), with the same messages. */
export function requireMap(value: unknown, purpose: string): Map<unknown, unknown> {
  if (!(value instanceof Map))
    throw new DataException(`Only Map objects supported in absence of schema for [${purpose}], found: ${nullSafeClassName(value)}`);
  return value;
}

export function requireMapOrNull(value: unknown, purpose: string): Map<unknown, unknown> | null {
  return value === null || value === undefined ? null : requireMap(value, purpose);
}

export function requireStruct(value: unknown, purpose: string): Struct {
  if (!(value instanceof Struct))
    throw new DataException(`Only Struct objects supported for [${purpose}], found: ${nullSafeClassName(value)}`);
  return value;
}

export function requireStructOrNull(value: unknown, purpose: string): Struct | null {
  return value === null || value === undefined ? null : requireStruct(value, purpose);
}

export function requireSinkRecord(record: ConnectRecord, purpose: string): SinkRecord {
  if (!(record instanceof SinkRecord))
    throw new DataException(`Only SinkRecord supported for [${purpose}], found: ${nullSafeClassName(record)}`);
  return record;
}

/** Java's class name for a value, or "null" (`Requirements.nullSafeClassName`). */
export function nullSafeClassName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof SizedNumber)
    return { INT8: 'java.lang.Byte', INT16: 'java.lang.Short', INT32: 'java.lang.Integer', FLOAT32: 'java.lang.Float' }[value.type];
  if (value instanceof Struct) return 'org.apache.kafka.connect.data.Struct';
  if (value instanceof Map) return 'java.util.HashMap';
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof Uint8Array) return '[B';
  if (value instanceof BigDecimal) return 'java.math.BigDecimal';
  if (value instanceof Date) return 'java.util.Date';
  if (value instanceof SinkRecord) return 'org.apache.kafka.connect.sink.SinkRecord';
  if (value instanceof SourceRecord) return 'org.apache.kafka.connect.source.SourceRecord';
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'bigint':
      return 'java.lang.Long';
    case 'number':
      return 'java.lang.Double';
    case 'boolean':
      return 'java.lang.Boolean';
    default:
      return typeof value;
  }
}
