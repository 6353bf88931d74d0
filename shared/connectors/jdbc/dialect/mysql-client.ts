import type { Connection, FieldPacket, Query } from 'mysql2';
import type { ColumnDefinition, JdbcType, RawRow, RawValue } from './column.ts';
import type { ConnectionOptions } from './connection-url.ts';
import { type ClientSettings, type DatabaseClient, isConnectionError, type RowCursor, type StatementResult } from './database-client.ts';

/** Opens a MySQL or MariaDB connection returning raw bytes (decoded per column) with the session in UTC. */
export async function connectMysql(options: ConnectionOptions, settings: ClientSettings): Promise<DatabaseClient> {
  // Loaded on first use: a task for PostgreSQL never pays for mysql2.
  const { default: driver } = await import('mysql2');
  const connection = driver.createConnection({
    host: options.host,
    port: options.port,
    database: options.database || undefined,
    user: settings.user,
    password: settings.password,
    ssl: options.tls,
    connectTimeout: options.connectTimeoutMs,
    rowsAsArray: true,
    typeCast: (field) => field.buffer(),
    connectAttributes: { program_name: settings.applicationName },
  });
  const client = new MysqlClient(connection);
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  await client.query("SET time_zone = '+00:00'");
  return client;
}

class MysqlClient implements DatabaseClient {
  readonly #connection: Connection;
  #broken = false;

  constructor(connection: Connection) {
    this.#connection = connection;
    connection.on('error', () => {
      this.#broken = true;
    });
  }

  get broken(): boolean {
    return this.#broken;
  }

  query(sql: string, params: readonly unknown[] = []): Promise<StatementResult> {
    return new Promise((resolve, reject) => {
      this.#connection.query({ sql, values: params as unknown[] }, (error, result, fields) => {
        if (error) {
          if (isConnectionError(error)) this.#broken = true;
          reject(error);
          return;
        }
        if (Array.isArray(result)) {
          const decode = decoderFor((fields ?? []) as FieldPacket[]);
          resolve({ rows: (result as unknown as RawValue[][]).map(decode), affectedRows: 0 });
        } else {
          resolve({ rows: [], affectedRows: (result as { affectedRows?: number }).affectedRows ?? 0 });
        }
      });
    });
  }

  async cursor(sql: string, params: readonly unknown[] = []): Promise<RowCursor> {
    return new MysqlCursor(this.#connection, this.#connection.query({ sql, values: params as unknown[] }), () => {
      this.#broken = true;
    });
  }

  async end(): Promise<void> {
    const wasBroken = this.#broken;
    this.#broken = true;
    if (wasBroken) {
      // A dropped connection never answers QUIT.
      this.#connection.destroy();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#connection.destroy();
        resolve();
      }, 5000);
      this.#connection.end(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * Streams a query's rows, pausing the socket while enough rows wait unread: mysql2's own
 * back-pressure, so only about one batch is in memory at a time.
 */
class MysqlCursor implements RowCursor {
  readonly #connection: Connection;
  readonly #rows: RawRow[] = [];
  readonly #onBroken: () => void;
  #columns: ColumnDefinition[] | undefined;
  #decode: ((row: RawValue[]) => RawRow) | undefined;
  #done = false;
  #error: unknown;
  #wake: (() => void) | undefined;
  #wanted = 1;
  #paused = false;

  constructor(connection: Connection, query: Query, onBroken: () => void) {
    this.#connection = connection;
    this.#onBroken = onBroken;
    query.on('fields', (fields: FieldPacket[]) => {
      this.#columns = fields.map(describeField);
      this.#decode = decoderFor(fields);
    });
    query.on('result', (row) => {
      this.#rows.push(this.#decode === undefined ? (row as unknown as RawRow) : this.#decode(row as unknown as RawValue[]));
      if (this.#rows.length >= this.#wanted && !this.#paused) {
        this.#paused = true;
        connection.pause();
      }
      this.#notify();
    });
    query.on('error', (error: unknown) => {
      this.#error = error;
      if (isConnectionError(error)) onBroken();
      this.#notify();
    });
    query.on('end', () => {
      this.#done = true;
      this.#notify();
    });
  }

  get columns(): readonly ColumnDefinition[] | undefined {
    return this.#columns;
  }

  async fetch(max: number): Promise<RawRow[]> {
    this.#wanted = Math.max(1, max);
    while (this.#rows.length < this.#wanted && !this.#done && this.#error === undefined) {
      const woken = new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      if (this.#paused) {
        this.#paused = false;
        this.#connection.resume();
      }
      await woken;
    }
    if (this.#error !== undefined) throw this.#error;
    return this.#rows.splice(0, this.#wanted);
  }

  async close(): Promise<void> {
    if (this.#done || this.#error !== undefined) return;
    // MySQL cannot abandon a streaming result: the connection is dropped and the owner reconnects.
    this.#done = true;
    this.#onBroken();
    this.#connection.destroy();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

// MySQL protocol column types (include/field_types.h).
const T = {
  DECIMAL: 0,
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  NULL: 6,
  TIMESTAMP: 7,
  LONGLONG: 8,
  INT24: 9,
  DATE: 10,
  TIME: 11,
  DATETIME: 12,
  YEAR: 13,
  NEWDATE: 14,
  VARCHAR: 15,
  BIT: 16,
  JSON: 245,
  NEWDECIMAL: 246,
  ENUM: 247,
  SET: 248,
  TINY_BLOB: 249,
  MEDIUM_BLOB: 250,
  LONG_BLOB: 251,
  BLOB: 252,
  VAR_STRING: 253,
  STRING: 254,
  GEOMETRY: 255,
} as const;

const TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(T).map(([name, code]) => [code, name.toLowerCase()]),
);
const STRING_TYPES: ReadonlySet<number> = new Set([
  T.VARCHAR,
  T.VAR_STRING,
  T.STRING,
  T.TINY_BLOB,
  T.MEDIUM_BLOB,
  T.LONG_BLOB,
  T.BLOB,
  T.ENUM,
  T.SET,
  T.JSON,
]);
const BINARY_CHARSET = 63;
const FLAG_NOT_NULL = 1;
const FLAG_UNSIGNED = 32;
const FLAG_AUTO_INCREMENT = 512;

function typeOf(field: FieldPacket): number {
  return field.columnType ?? field.type ?? T.VAR_STRING;
}

function isBinary(field: FieldPacket): boolean {
  const type = typeOf(field);
  return type === T.BIT || type === T.GEOMETRY || (STRING_TYPES.has(type) && (field.characterSet ?? field.charsetNr) === BINARY_CHARSET);
}

function flagsOf(field: FieldPacket): number {
  if (typeof field.flags === 'number') return field.flags;
  const names: Record<string, number> = { NOT_NULL: FLAG_NOT_NULL, UNSIGNED: FLAG_UNSIGNED, AUTO_INCREMENT: FLAG_AUTO_INCREMENT };
  return field.flags.reduce((flags, name) => flags | (names[name] ?? 0), 0);
}

function decoderFor(fields: readonly FieldPacket[]): (row: RawValue[]) => RawRow {
  const binary = fields.map(isBinary);
  return (row) =>
    row.map((value, i) => (value === null || binary[i] || typeof value === 'string' ? value : Buffer.from(value).toString('utf8')));
}

/** A result column as Connector/J would describe it (TINYINT(1) is a BIT, YEAR a DATE). */
function describeField(field: FieldPacket): ColumnDefinition {
  const type = typeOf(field);
  const flags = flagsOf(field);
  const unsigned = (flags & FLAG_UNSIGNED) !== 0;
  const length = field.columnLength ?? field.length ?? 0;
  let jdbcType: JdbcType;
  let precision = -1;
  let scale = -1;
  switch (type) {
    case T.DECIMAL:
    case T.NEWDECIMAL:
      jdbcType = 'DECIMAL';
      scale = field.decimals;
      precision = length - (field.decimals > 0 ? 1 : 0) - (unsigned ? 0 : 1);
      break;
    case T.TINY:
      jdbcType = length === 1 ? 'BIT' : 'TINYINT';
      precision = length === 1 ? 1 : -1;
      break;
    case T.SHORT:
      jdbcType = 'SMALLINT';
      break;
    case T.LONG:
    case T.INT24:
      jdbcType = 'INTEGER';
      break;
    case T.LONGLONG:
      jdbcType = 'BIGINT';
      break;
    case T.FLOAT:
      jdbcType = 'REAL';
      break;
    case T.DOUBLE:
      jdbcType = 'DOUBLE';
      break;
    case T.TIMESTAMP:
    case T.DATETIME:
      jdbcType = 'TIMESTAMP';
      break;
    case T.DATE:
    case T.NEWDATE:
    case T.YEAR:
      jdbcType = 'DATE';
      break;
    case T.TIME:
      jdbcType = 'TIME';
      break;
    case T.BIT:
      jdbcType = 'BIT';
      precision = length;
      break;
    case T.NULL:
      jdbcType = 'OTHER';
      break;
    default:
      jdbcType = isBinary(field) ? 'BINARY' : 'VARCHAR';
  }
  return {
    name: field.name,
    jdbcType,
    typeName: TYPE_NAMES[type] ?? 'unknown',
    precision,
    scale,
    nullable: (flags & FLAG_NOT_NULL) === 0,
    unsigned,
    autoIncrement: (flags & FLAG_AUTO_INCREMENT) !== 0,
  };
}
