import type { SourceMap } from '../../../api/record/source-record.ts';
import type { PreciseTimestamp } from '../dialect/column-schema.ts';
import { type TableId, unquotedName } from '../dialect/table-id.ts';

/**
 * Where an incremental table querier is (Confluent's `TimestampIncrementingOffset`): the last
 * incrementing value and/or timestamp read. As a map: `{"incrementing": n}`,
 * `{"timestamp": ms, "timestamp_nanos": nanos}`, or all three.
 */
export interface TimestampIncrementingOffset {
  readonly incrementing: bigint | null;
  readonly timestamp: PreciseTimestamp | null;
}

export const EMPTY_OFFSET: TimestampIncrementingOffset = { incrementing: null, timestamp: null };

export function offsetToMap(offset: TimestampIncrementingOffset): SourceMap {
  const map: Record<string, number> = {};
  if (offset.incrementing !== null) map.incrementing = Number(offset.incrementing);
  if (offset.timestamp !== null) {
    map.timestamp = offset.timestamp.ms;
    map.timestamp_nanos = offset.timestamp.nanos;
  }
  return map;
}

/** Reads a stored offset map (numbers, or numeric strings from other tools); missing parts stay null. */
export function offsetFromMap(map: SourceMap | null | undefined): TimestampIncrementingOffset {
  if (map === null || map === undefined) return EMPTY_OFFSET;
  const integer = (value: unknown): bigint | null =>
    typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)) ? BigInt(value) : null;
  const incrementing = integer(map.incrementing);
  const ms = integer(map.timestamp);
  if (ms === null) return { incrementing, timestamp: null };
  const millis = Number(ms);
  const nanos = integer(map.timestamp_nanos);
  // Java's Timestamp keeps whole milliseconds in its time and all sub-second digits in nanos.
  const secondsMs = Math.floor(millis / 1000) * 1000;
  const fraction = nanos === null ? (millis - secondsMs) * 1_000_000 : Number(nanos);
  return { incrementing, timestamp: { ms: secondsMs + Math.floor(fraction / 1_000_000), nanos: fraction } };
}

/** Confluent's current source partition of a table: `{"protocol": "1", "table": "schema.table"}`. */
export function tablePartition(id: TableId): SourceMap {
  return { protocol: '1', table: unquotedName(id) };
}

/** Confluent's first source partition of a table (`{"table": name}`), still read for offsets written by old versions; bulk mode writes it. */
export function legacyTablePartition(id: TableId): SourceMap {
  return { table: id.table };
}

/** The source partition of a custom query. */
export const QUERY_PARTITION: SourceMap = { query: 'query' };
