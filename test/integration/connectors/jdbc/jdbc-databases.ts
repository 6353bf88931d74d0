// The two databases the JDBC connector tests run against, with what differs between them.
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { OffsetStorageReader, SourceTaskContext } from '../../../../shared/api/connector/source-task.ts';
import type { SourceMap } from '../../../../shared/api/record/source-record.ts';
import { stack, uniqueName } from '../../../support/stack.ts';

export interface TestDatabase {
  readonly name: 'PostgreSQL' | 'MariaDB';
  /** The JDBC URL of the test database. */
  readonly jdbcUrl: string;
  /** `schema.table` (PostgreSQL) or `database.table` (MariaDB): the table's name in offsets. */
  qualified(table: string): string;
  readonly types: {
    readonly serial: string;
    readonly bytes: string;
    readonly timestamp: string;
    readonly text: string;
  };
  exec(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  quote(identifier: string): string;
  close(): Promise<void>;
}

/** A table name no other test uses (letters, digits and underscores only). */
export function tableName(prefix: string): string {
  return uniqueName(prefix).replace(/-/g, '_');
}

export async function openPostgres(): Promise<TestDatabase> {
  const url = new URL(stack.postgresUrl);
  const client = new pg.Client({ connectionString: stack.postgresUrl });
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
  const user = decodeURIComponent(url.username);
  const password = url.password === '' ? '' : `&password=${url.password}`;
  return {
    name: 'PostgreSQL',
    jdbcUrl: `jdbc:postgresql://${url.host}${url.pathname}?user=${user}${password}`,
    qualified: (table) => `public.${table}`,
    types: { serial: 'SERIAL PRIMARY KEY', bytes: 'BYTEA', timestamp: 'TIMESTAMP(6)', text: 'TEXT' },
    async exec(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    quote: (identifier) => `"${identifier}"`,
    close: () => client.end(),
  };
}

export async function openMariadb(): Promise<TestDatabase> {
  const url = new URL(stack.mariadbUrl);
  const connection = await mysql.createConnection({
    uri: stack.mariadbUrl,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  await connection.query("SET time_zone = '+00:00'");
  const database = url.pathname.slice(1);
  const user = decodeURIComponent(url.username);
  const password = url.password === '' ? '' : `&password=${url.password}`;
  return {
    name: 'MariaDB',
    jdbcUrl: `jdbc:mariadb://${url.host}/${database}?user=${user}${password}`,
    qualified: (table) => `${database}.${table}`,
    types: { serial: 'INT AUTO_INCREMENT PRIMARY KEY', bytes: 'BLOB', timestamp: 'DATETIME(6)', text: 'TEXT' },
    async exec(sql, params = []) {
      const [rows] = await connection.query(sql, params);
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    },
    quote: (identifier) => `\`${identifier}\``,
    close: () => connection.end(),
  };
}

/** Both databases, for `for (const open of DATABASES) describe(...)`. */
export const DATABASES: ReadonlyArray<{ readonly name: string; readonly open: () => Promise<TestDatabase> }> = [
  { name: 'PostgreSQL', open: openPostgres },
  { name: 'MariaDB', open: openMariadb },
];

/** Offsets as the runtime would have stored them, by source partition. */
export class MemoryOffsets implements OffsetStorageReader {
  readonly #offsets = new Map<string, SourceMap>();

  set(partition: SourceMap, offset: SourceMap): this {
    this.#offsets.set(key(partition), offset);
    return this;
  }

  async offset(partition: SourceMap): Promise<SourceMap | null> {
    return this.#offsets.get(key(partition)) ?? null;
  }

  async offsets(partitions: readonly SourceMap[]): Promise<ReadonlyMap<SourceMap, SourceMap | null>> {
    return new Map(partitions.map((partition) => [partition, this.#offsets.get(key(partition)) ?? null]));
  }
}

function key(partition: SourceMap): string {
  return JSON.stringify(Object.entries(partition).sort(([a], [b]) => a.localeCompare(b)));
}

/** The context a source task gets from the runtime: its config and the stored offsets. */
export function sourceContext(configs: Record<string, string>, offsets = new MemoryOffsets()): SourceTaskContext {
  return { configs, offsetStorageReader: offsets };
}
