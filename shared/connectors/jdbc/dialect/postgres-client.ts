import type pg from 'pg';
import type { ColumnDefinition, JdbcType, RawRow } from './column.ts';
import type { ConnectionOptions } from './connection-url.ts';
import { type ClientSettings, type DatabaseClient, isConnectionError, type RowCursor, type StatementResult } from './database-client.ts';

/** Opens a PostgreSQL connection with every value as text and the session in UTC. */
export async function connectPostgres(options: ConnectionOptions, settings: ClientSettings): Promise<DatabaseClient> {
  // Loaded on first use: a task for MySQL never pays for pg, and the other way round.
  const { default: driver } = await import('pg');
  const searchPath = options.currentSchema === undefined ? '' : ` -c search_path=${options.currentSchema.replace(/[\s\\]/g, '')}`;
  const client = new driver.Client({
    host: options.host,
    port: options.port,
    database: options.database || undefined,
    user: settings.user,
    password: settings.password,
    ssl: options.tls,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: settings.applicationName,
    options: `-c TimeZone=UTC${searchPath}`,
    types: { getTypeParser: () => (value: string) => value },
  });
  await client.connect();
  return new PostgresClient(client);
}

let cursorCount = 0;

class PostgresClient implements DatabaseClient {
  readonly #client: pg.Client;
  readonly #types = new Map<number, PgType>();
  #broken = false;

  constructor(client: pg.Client) {
    this.#client = client;
    client.on('error', () => {
      this.#broken = true;
    });
  }

  get broken(): boolean {
    return this.#broken;
  }

  async query(sql: string, params: readonly unknown[] = []): Promise<StatementResult> {
    const result = await this.#run(sql, params);
    return { rows: result.rows as RawRow[], affectedRows: result.rowCount ?? 0 };
  }

  async cursor(sql: string, params: readonly unknown[] = []): Promise<RowCursor> {
    const name = `copycat_cursor_${++cursorCount}`;
    await this.#run('BEGIN READ ONLY');
    try {
      await this.#run(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    } catch (error) {
      await this.#run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return new PostgresCursor(this, name);
  }

  async end(): Promise<void> {
    this.#broken = true;
    await this.#client.end().catch(() => undefined);
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<pg.QueryArrayResult> {
    return this.#run(sql, params);
  }

  async #run(sql: string, params: readonly unknown[] = []): Promise<pg.QueryArrayResult> {
    try {
      return await this.#client.query({ text: sql, values: params as unknown[], rowMode: 'array' });
    } catch (error) {
      if (isConnectionError(error)) this.#broken = true;
      throw error;
    }
  }

  /** The columns of a result, with nullability and auto-increment looked up in the catalog as pgjdbc does. */
  async describe(fields: readonly pg.FieldDef[]): Promise<ColumnDefinition[]> {
    await this.#loadTypes(fields.map((field) => field.dataTypeID));
    const tableIds = [...new Set(fields.map((field) => field.tableID).filter((id) => id !== 0))];
    const attributes = new Map<string, { notNull: boolean; autoIncrement: boolean }>();
    if (tableIds.length > 0) {
      const result = await this.#run(
        `SELECT a.attrelid::int, a.attnum::int, a.attnotnull, a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%'
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0`,
        [tableIds],
      );
      for (const [rel, num, notNull, autoIncrement] of result.rows as string[][]) {
        attributes.set(`${rel}.${num}`, { notNull: notNull === 't', autoIncrement: autoIncrement === 't' });
      }
    }
    return fields.map((field) => {
      const type = this.#types.get(field.dataTypeID) ?? { name: 'unknown', jdbcType: 'OTHER' as const };
      const attribute = field.tableID === 0 ? undefined : attributes.get(`${field.tableID}.${field.columnID}`);
      const { precision, scale } = precisionOf(type.name, field.dataTypeModifier);
      return {
        name: field.name,
        jdbcType: type.jdbcType,
        typeName: type.name,
        precision,
        scale,
        nullable: attribute === undefined ? null : !attribute.notNull,
        unsigned: false,
        autoIncrement: attribute?.autoIncrement ?? false,
      };
    });
  }

  async #loadTypes(oids: readonly number[]): Promise<void> {
    const missing = [...new Set(oids)].filter((oid) => !this.#types.has(oid));
    if (missing.length === 0) return;
    const result = await this.#run(
      `SELECT t.oid::int, t.typname, t.typtype, t.typcategory, coalesce(b.typname, '')
         FROM pg_type t LEFT JOIN pg_type b ON b.oid = t.typbasetype WHERE t.oid = ANY($1::oid[])`,
      [missing],
    );
    for (const [oid, name, kind, category, baseName] of result.rows as string[][]) {
      // A domain behaves as its base type; an enum is read as its label, as pgjdbc does.
      const effective = kind === 'd' && baseName !== '' ? (baseName as string) : (name as string);
      const jdbcType = kind === 'e' || (category === 'S' && !(effective in PG_TYPES)) ? 'VARCHAR' : (PG_TYPES[effective] ?? 'OTHER');
      this.#types.set(Number(oid), { name: effective, jdbcType });
    }
  }
}

class PostgresCursor implements RowCursor {
  readonly #client: PostgresClient;
  readonly #name: string;
  #columns: ColumnDefinition[] | undefined;
  #open = true;

  constructor(client: PostgresClient, name: string) {
    this.#client = client;
    this.#name = name;
  }

  get columns(): readonly ColumnDefinition[] | undefined {
    return this.#columns;
  }

  async fetch(max: number): Promise<RawRow[]> {
    if (!this.#open) return [];
    const result = await this.#client.run(`FETCH FORWARD ${Math.max(1, Math.floor(max))} FROM ${this.#name}`);
    if (this.#columns === undefined) this.#columns = await this.#client.describe(result.fields);
    return result.rows as RawRow[];
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    if (this.#client.broken) return;
    await this.#client.run(`CLOSE ${this.#name}`).catch(() => undefined);
    await this.#client.run('COMMIT').catch(() => undefined);
  }
}

interface PgType {
  readonly name: string;
  readonly jdbcType: JdbcType;
}

/** PostgreSQL type names and the JDBC types pgjdbc reports for them. */
const PG_TYPES: Readonly<Record<string, JdbcType>> = {
  bool: 'BOOLEAN',
  bit: 'BIT',
  int2: 'SMALLINT',
  int4: 'INTEGER',
  int8: 'BIGINT',
  oid: 'BIGINT',
  float4: 'REAL',
  float8: 'DOUBLE',
  numeric: 'NUMERIC',
  bpchar: 'CHAR',
  char: 'CHAR',
  varchar: 'VARCHAR',
  text: 'VARCHAR',
  name: 'VARCHAR',
  json: 'VARCHAR',
  jsonb: 'VARCHAR',
  uuid: 'VARCHAR',
  xml: 'VARCHAR',
  bytea: 'BINARY',
  date: 'DATE',
  time: 'TIME',
  timetz: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMP',
};

function precisionOf(typeName: string, typmod: number): { precision: number; scale: number } {
  if (typeName === 'numeric') {
    if (typmod < 0) return { precision: -1, scale: -1 };
    const modifier = typmod - 4;
    const scale = modifier & 0x7ff;
    return { precision: (modifier >> 16) & 0xffff, scale: scale > 1000 ? scale - 2048 : scale };
  }
  if (typeName === 'bit') return { precision: typmod > 0 ? typmod : 1, scale: 0 };
  return { precision: -1, scale: -1 };
}
