import { ConnectDate, ConnectTime, Decimal, type Schema, Timestamp } from '../../../api/data/index.ts';
import { ConnectException } from '../../../api/errors.ts';
import type { ConnectionOptions } from './connection-url.ts';
import type { ClientSettings, DatabaseClient } from './database-client.ts';
import {
  type DatabaseDialect,
  informationSchemaTableTypes,
  type QuoteMethod,
  qualifiedTableName,
  quoteIdentifier,
  type TableDefinition,
  type TableListing,
} from './dialect.ts';
import { connectPostgres } from './postgres-client.ts';
import { sqlLiteral } from './sql-literals.ts';
import { splitIdentifier, type TableId } from './table-id.ts';

/** Column types that need a cast from the text Copycat binds (Confluent's `CAST_TYPES`). */
const CAST_TYPES: ReadonlySet<string> = new Set(['json', 'jsonb', 'uuid']);

/** PostgreSQL (Confluent's `PostgreSqlDatabaseDialect`). Table ids are `schema.table`: pgjdbc reports no catalog. */
export class PostgresDialect implements DatabaseDialect {
  readonly name = 'PostgreSqlDatabaseDialect' as const;
  readonly quoteChar = '"';
  readonly currentTimestampSql = `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
  readonly maxParameters = 32_767;
  readonly #quoteMethod: QuoteMethod;

  constructor(quoteMethod: QuoteMethod = 'always') {
    this.#quoteMethod = quoteMethod;
  }

  connect(options: ConnectionOptions, settings: ClientSettings): Promise<DatabaseClient> {
    return connectPostgres(options, settings);
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier, this.quoteChar, this.#quoteMethod);
  }

  table(id: TableId): string {
    return qualifiedTableName([id.catalog, id.schema, id.table], (part) => this.quote(part));
  }

  parseTableId(text: string): TableId {
    const parts = splitIdentifier(text, this.quoteChar);
    const table = parts.at(-1) ?? '';
    if (parts.length >= 3) return { catalog: parts.at(-3) ?? null, schema: parts.at(-2) ?? null, table };
    return { catalog: null, schema: parts.length === 2 ? (parts[0] ?? null) : null, table };
  }

  placeholder(index: number, columnType?: string): string {
    return columnType !== undefined && CAST_TYPES.has(columnType) ? `$${index}::${columnType}` : `$${index}`;
  }

  async listTables(client: DatabaseClient, listing: TableListing): Promise<TableId[]> {
    const types = informationSchemaTableTypes(listing);
    const result = await client.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = ANY($1) AND table_schema NOT IN ('pg_catalog', 'information_schema')
          AND ($2::text IS NULL OR table_schema LIKE $2) AND ($3::text IS NULL OR table_catalog LIKE $3)
        ORDER BY table_schema, table_name`,
      [types, listing.schemaPattern, listing.catalogPattern],
    );
    return result.rows.map(([schema, table]) => ({ catalog: null, schema: schema as string, table: table as string }));
  }

  async describeTable(client: DatabaseClient, id: TableId): Promise<TableDefinition | null> {
    const result = await client.query(
      `SELECT c.table_schema, c.column_name, c.udt_name, c.is_nullable,
              c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%'
         FROM information_schema.columns c
        WHERE c.table_schema = coalesce($1, current_schema()) AND c.table_name = $2
        ORDER BY c.ordinal_position`,
      [id.schema, id.table],
    );
    if (result.rows.length === 0) return null;
    return {
      id: { catalog: id.catalog, schema: result.rows[0]?.[0] as string, table: id.table },
      columns: result.rows.map(([, name, type, nullable, autoIncrement]) => ({
        name: name as string,
        typeName: (type as string).toLowerCase(),
        nullable: nullable === 'YES',
        autoIncrement: autoIncrement === 'true' || autoIncrement === 't',
      })),
    };
  }

  sqlType(schema: Schema, _primaryKey: boolean): string {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        return 'DECIMAL';
      case ConnectDate.LOGICAL_NAME:
        return 'DATE';
      case ConnectTime.LOGICAL_NAME:
        return 'TIME';
      case Timestamp.LOGICAL_NAME:
        return 'TIMESTAMP';
      default:
    }
    switch (schema.type) {
      case 'INT8':
      case 'INT16':
        return 'SMALLINT';
      case 'INT32':
        return 'INT';
      case 'INT64':
        return 'BIGINT';
      case 'FLOAT32':
        return 'REAL';
      case 'FLOAT64':
        return 'DOUBLE PRECISION';
      case 'BOOLEAN':
        return 'BOOLEAN';
      case 'STRING':
        return 'TEXT';
      case 'BYTES':
        return 'BYTEA';
      case 'ARRAY':
        return `${this.sqlType(schema.valueSchema, false)}[]`;
      default:
        throw new ConnectException(`${this.name} does not support the Connect type ${schema.type} as a column type.`);
    }
  }

  defaultLiteral(schema: Schema, value: unknown): string | null {
    return sqlLiteral(schema, value, { true: 'TRUE', false: 'FALSE' });
  }

  upsert(table: TableId, keyColumns: readonly string[], nonKeyColumns: readonly string[], valueRows: readonly string[]): string {
    const columns = [...keyColumns, ...nonKeyColumns].map((column) => this.quote(column)).join(',');
    const conflict = keyColumns.map((column) => this.quote(column)).join(',');
    const update =
      nonKeyColumns.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${nonKeyColumns.map((column) => `${this.quote(column)}=EXCLUDED.${this.quote(column)}`).join(',')}`;
    return `INSERT INTO ${this.table(table)} (${columns}) VALUES ${valueRows.join(',')} ON CONFLICT (${conflict}) ${update}`;
  }
}
