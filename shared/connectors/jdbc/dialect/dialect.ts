import type { Schema } from '../../../api/data/index.ts';
import type { ColumnDefinition } from './column.ts';
import type { ConnectionOptions, DialectName } from './connection-url.ts';
import type { ClientSettings, DatabaseClient } from './database-client.ts';
import type { TableId } from './table-id.ts';

/** Whether identifiers are quoted in generated SQL (Confluent's `quote.sql.identifiers`). */
export type QuoteMethod = 'always' | 'never';

/** Which tables a source lists (Confluent's `catalog.pattern`, `schema.pattern`, `table.types`). */
export interface TableListing {
  readonly catalogPattern: string | null;
  readonly schemaPattern: string | null;
  /** `TABLE`, `VIEW`, `PARTITIONED TABLE`. */
  readonly tableTypes: readonly string[];
}

/** A column of an existing table, as a sink sees it. */
export interface TableColumn {
  readonly name: string;
  /** The database's type name, lower case (`jsonb`, `varchar`). */
  readonly typeName: string;
  readonly nullable: boolean;
  readonly autoIncrement: boolean;
}

/** An existing table and its columns, in order. */
export interface TableDefinition {
  readonly id: TableId;
  readonly columns: readonly TableColumn[];
}

/** A column the sink writes: its name, the Connect schema of its values, and whether it is part of the key. */
export interface SinkColumn {
  readonly name: string;
  readonly schema: Schema;
  readonly primaryKey: boolean;
}

/**
 * What differs between PostgreSQL and MySQL/MariaDB (Confluent's `DatabaseDialect`, cut down
 * to the two databases Copycat supports): connecting, quoting, catalog queries, column types for
 * `auto.create`/`auto.evolve`, and the upsert statement.
 */
export interface DatabaseDialect {
  readonly name: DialectName;
  /** The identifier quote character: `"` or `` ` ``. */
  readonly quoteChar: string;
  connect(options: ConnectionOptions, settings: ClientSettings): Promise<DatabaseClient>;
  /** An identifier in SQL, quoted unless the quote method is `never`. */
  quote(identifier: string): string;
  /** A table name in SQL: its parts quoted and joined with dots. */
  table(id: TableId): string;
  /** Reads `table`, `schema.table` or `catalog.schema.table` (quoted or not) into the dialect's parts. */
  parseTableId(text: string): TableId;
  /** The bind placeholder for the 1-based parameter `index` (`$1` or `?`), cast for the column type when needed. */
  placeholder(index: number, columnType?: string): string;
  /** The tables a source may read, ordered by name. */
  listTables(client: DatabaseClient, listing: TableListing): Promise<TableId[]>;
  /** The table as the database knows it (the id completed with its schema or database), or null when it does not exist. */
  describeTable(client: DatabaseClient, id: TableId): Promise<TableDefinition | null>;
  /** SQL giving the database's current time as UTC text with microseconds. */
  readonly currentTimestampSql: string;
  /** The column type `auto.create` and `auto.evolve` use for a Connect schema (Confluent's `getSqlType`). */
  sqlType(schema: Schema, primaryKey: boolean): string;
  /** A literal for a column's DEFAULT clause, or null when the value has none the dialect can write. */
  defaultLiteral(schema: Schema, value: unknown): string | null;
  /** An insert of `rows` rows that updates the non-key columns of rows whose key exists. */
  upsert(table: TableId, keyColumns: readonly string[], nonKeyColumns: readonly string[], valueRows: readonly string[]): string;
  /** The most bind parameters one statement may carry. */
  readonly maxParameters: number;
}

/** A result column pretending to be a table column, for `validate.non.null` and auto-increment lookups. */
export function asTableColumn(column: ColumnDefinition): TableColumn {
  return { name: column.name, typeName: column.typeName, nullable: column.nullable !== false, autoIncrement: column.autoIncrement };
}

/** An identifier quoted with `quoteChar` (doubled where it occurs inside), or as it is when the method is `never`. */
export function quoteIdentifier(identifier: string, quoteChar: string, method: QuoteMethod): string {
  return method === 'never' ? identifier : `${quoteChar}${identifier.replaceAll(quoteChar, quoteChar + quoteChar)}${quoteChar}`;
}

/** A table name in SQL: the parts that are set, each quoted, joined with dots. */
export function qualifiedTableName(parts: readonly (string | null)[], quote: (identifier: string) => string): string {
  return parts
    .filter((part): part is string => part !== null && part !== '')
    .map(quote)
    .join('.');
}

// JDBC's table types as information_schema.tables spells them.
const INFORMATION_SCHEMA_TABLE_TYPES: Readonly<Record<string, string>> = {
  TABLE: 'BASE TABLE',
  'PARTITIONED TABLE': 'BASE TABLE',
  VIEW: 'VIEW',
};

/** The `table_type` values of information_schema.tables a listing's `table.types` stand for, each once. */
export function informationSchemaTableTypes(listing: TableListing): string[] {
  return [...new Set(listing.tableTypes.map((type) => INFORMATION_SCHEMA_TABLE_TYPES[type.toUpperCase()] ?? type.toUpperCase()))];
}
