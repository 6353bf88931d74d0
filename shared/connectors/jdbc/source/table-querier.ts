import { Decimal, type Schema, SchemaBuilder, Struct } from '../../../api/data/index.ts';
import { ConnectException } from '../../../api/errors.ts';
import type { SourceMap } from '../../../api/record/source-record.ts';
import { SourceRecord } from '../../../api/record/source-record.ts';
import type { ColumnDefinition, RawRow } from '../dialect/column.ts';
import {
  type ColumnMapping,
  columnMapping,
  formatTimestamp,
  type NumericMapping,
  type PreciseTimestamp,
  parseTimestamp,
} from '../dialect/column-schema.ts';
import type { DatabaseClient, RowCursor } from '../dialect/database-client.ts';
import type { DatabaseDialect } from '../dialect/dialect.ts';
import type { TableId } from '../dialect/table-id.ts';
import { legacyTablePartition, offsetToMap, QUERY_PARTITION, type TimestampIncrementingOffset, tablePartition } from './offset.ts';
import { type SourceMode, usesIncrementing, usesTimestamp } from './source-config.ts';

/** What one table (or the custom query) is copied with. */
export interface QuerierSpec {
  readonly dialect: DatabaseDialect;
  readonly mode: SourceMode;
  /** The table, or null for the custom query. */
  readonly table: TableId | null;
  readonly query: string;
  readonly suffix: string;
  readonly topicPrefix: string;
  readonly incrementingColumn: string | null;
  readonly timestampColumns: readonly string[];
  readonly timestampDelayMs: number;
  /** `timestamp.initial`: where a timestamp query starts without an offset (-1: now). */
  readonly initialTimestampMs: number | null;
  readonly numericMapping: NumericMapping;
  readonly offset: TimestampIncrementingOffset;
}

/** A batch of records and whether the query behind it has no more rows. */
export interface QuerierBatch {
  readonly records: SourceRecord[];
  readonly exhausted: boolean;
}

interface ResultMapping {
  readonly schema: Schema;
  readonly fields: readonly { readonly index: number; readonly mapping: ColumnMapping }[];
  readonly incrementingIndex: number;
  readonly timestampIndexes: readonly number[];
}

/**
 * Runs one table's (or the custom query's) query and turns its rows into source records, as
 * Confluent's `BulkTableQuerier` and `TimestampIncrementingTableQuerier` do: the query runs
 * when the table is due, its rows are read `batch.max.rows` at a time across polls, and the
 * offset moves with every row read, so the next query starts after the last row handed out.
 */
export class TableQuerier {
  readonly spec: QuerierSpec;
  /** When the last query finished (ms); the next is due `poll.interval.ms` later. */
  lastUpdate = 0;
  #offset: TimestampIncrementingOffset;
  #cursor: RowCursor | undefined;
  #mapping: ResultMapping | undefined;
  readonly #partition: SourceMap;
  readonly #topic: string;

  constructor(spec: QuerierSpec) {
    this.spec = spec;
    this.#offset = spec.offset;
    if (spec.table === null) {
      this.#partition = QUERY_PARTITION;
      this.#topic = spec.topicPrefix;
    } else {
      this.#partition = spec.mode === 'bulk' ? legacyTablePartition(spec.table) : tablePartition(spec.table);
      this.#topic = spec.topicPrefix + spec.table.table;
    }
  }

  /** The offset after the last row handed out. */
  get offset(): TimestampIncrementingOffset {
    return this.#offset;
  }

  /** Whether a query is open (its remaining rows come before any other table's). */
  querying(): boolean {
    return this.#cursor !== undefined;
  }

  /** Reads up to `maxRows` more rows, starting the query if none is open. */
  async poll(client: DatabaseClient, maxRows: number): Promise<QuerierBatch> {
    if (this.#cursor === undefined) {
      const { sql, params } = await this.#statement(client);
      this.#cursor = await client.cursor(sql, params);
      this.#mapping = undefined;
    }
    const rows = await this.#cursor.fetch(maxRows);
    this.#mapping ??= this.#mapResult(this.#cursor.columns ?? []);
    const mapping = this.#mapping;
    const records = rows.map((row) => this.#record(row, mapping));
    return { records, exhausted: rows.length < maxRows };
  }

  /** Ends the open query (if any); the next one is due `poll.interval.ms` after `now`. */
  async reset(now: number): Promise<void> {
    const cursor = this.#cursor;
    this.#cursor = undefined;
    this.#mapping = undefined;
    this.lastUpdate = now;
    await cursor?.close();
  }

  /** The SQL and parameters of the next query (Confluent's `TimestampIncrementingCriteria`). */
  async #statement(client: DatabaseClient): Promise<{ sql: string; params: unknown[] }> {
    const { dialect, mode, table, query, suffix } = this.spec;
    let sql = table === null ? query : `SELECT * FROM ${dialect.table(table)}`;
    const params: unknown[] = [];
    const next = (value: unknown): string => {
      params.push(value);
      return dialect.placeholder(params.length);
    };
    if (mode !== 'bulk') {
      const inc = this.spec.incrementingColumn === null ? null : dialect.quote(this.spec.incrementingColumn);
      const columns = this.spec.timestampColumns.map((column) => dialect.quote(column));
      const ts = columns.length === 1 ? columns[0] : `COALESCE(${columns.join(',')})`;
      if (mode === 'incrementing') {
        sql += ` WHERE ${inc} > ${next(String(this.#offset.incrementing ?? -1n))} ORDER BY ${inc} ASC`;
      } else {
        const now = await this.#databaseTime(client);
        const end = formatTimestamp(shift(now, -this.spec.timestampDelayMs));
        const begin = formatTimestamp(await this.#beginTimestamp(now));
        if (mode === 'timestamp') {
          sql += ` WHERE ${ts} > ${next(begin)} AND ${ts} < ${next(end)} ORDER BY ${ts} ASC`;
        } else {
          const incrementing = String(this.#offset.incrementing ?? -1n);
          sql += ` WHERE ${ts} < ${next(end)} AND ((${ts} = ${next(begin)} AND ${inc} > ${next(incrementing)}) OR ${ts} > ${next(begin)}) ORDER BY ${ts},${inc} ASC`;
        }
      }
    }
    if (suffix !== '') sql += ` ${suffix}`;
    return { sql, params };
  }

  async #databaseTime(client: DatabaseClient): Promise<PreciseTimestamp> {
    const result = await client.query(this.spec.dialect.currentTimestampSql);
    return parseTimestamp(String(result.rows[0]?.[0]));
  }

  async #beginTimestamp(now: PreciseTimestamp): Promise<PreciseTimestamp> {
    if (this.#offset.timestamp !== null) return this.#offset.timestamp;
    const initial = this.spec.initialTimestampMs;
    if (initial === null) return { ms: 0, nanos: 0 };
    if (initial === -1) return now;
    return { ms: initial, nanos: (((initial % 1000) + 1000) % 1000) * 1_000_000 };
  }

  #mapResult(columns: readonly ColumnDefinition[]): ResultMapping {
    const builder = SchemaBuilder.struct();
    if (this.spec.table !== null) builder.name(this.spec.table.table);
    const fields: { index: number; mapping: ColumnMapping }[] = [];
    columns.forEach((column, index) => {
      const mapping = columnMapping(column, this.spec.numericMapping);
      if (mapping === null) return;
      builder.field(column.name, mapping.schema);
      fields.push({ index, mapping });
    });
    const schema = builder.build();
    const indexOf = (name: string): number => {
      let index = columns.findIndex((column) => column.name === name);
      if (index < 0) index = columns.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
      if (index < 0) {
        throw new ConnectException(
          `Column "${name}" is not in the result of ${this.#describe()}; check incrementing.column.name and timestamp.column.name.`,
        );
      }
      return index;
    };
    let incrementingIndex = -1;
    if (usesIncrementing(this.spec.mode) && this.spec.incrementingColumn !== null) {
      incrementingIndex = indexOf(this.spec.incrementingColumn);
      const mapping = fields.find((field) => field.index === incrementingIndex)?.mapping;
      if (mapping === undefined || !isIntegral(mapping.schema)) {
        throw new ConnectException(
          `Invalid type for incrementing column "${this.spec.incrementingColumn}" of ${this.#describe()}: it must be an integer column.`,
        );
      }
    }
    const timestampIndexes = usesTimestamp(this.spec.mode) ? this.spec.timestampColumns.map(indexOf) : [];
    return { schema, fields, incrementingIndex, timestampIndexes };
  }

  #record(row: RawRow, mapping: ResultMapping): SourceRecord {
    const struct = new Struct(mapping.schema);
    for (const { index, mapping: column } of mapping.fields) struct.put(column.column.name, column.convert(row[index] ?? null));
    let sourceOffset: SourceMap;
    if (this.spec.mode === 'bulk') {
      sourceOffset = { 'polling.timestamp': Date.now() };
    } else {
      let { incrementing, timestamp } = this.#offset;
      if (mapping.incrementingIndex >= 0) {
        const raw = row[mapping.incrementingIndex];
        if (raw !== null && raw !== undefined) incrementing = BigInt(typeof raw === 'string' ? raw : Buffer.from(raw).toString());
      }
      for (const index of mapping.timestampIndexes) {
        const raw = row[index];
        if (raw === null || raw === undefined) continue;
        const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString();
        timestamp = parseTimestamp(/^\d{4,}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text);
        break;
      }
      this.#offset = { incrementing, timestamp };
      sourceOffset = offsetToMap(this.#offset);
    }
    return new SourceRecord({
      sourcePartition: this.#partition,
      sourceOffset,
      topic: this.#topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: mapping.schema,
      value: struct,
      timestamp: null,
    });
  }

  #describe(): string {
    return this.spec.table === null ? 'the query' : `table ${this.spec.dialect.table(this.spec.table)}`;
  }

  toString(): string {
    return `TableQuerier{${this.#describe()}, mode=${this.spec.mode}}`;
  }
}

function isIntegral(schema: Schema): boolean {
  if (schema.name === Decimal.LOGICAL_NAME) return Decimal.scaleOf(schema) === 0;
  return schema.type === 'INT8' || schema.type === 'INT16' || schema.type === 'INT32' || schema.type === 'INT64';
}

function shift(value: PreciseTimestamp, deltaMs: number): PreciseTimestamp {
  const ms = value.ms + deltaMs;
  const subMs = value.nanos % 1_000_000;
  return { ms, nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000 + subMs };
}
