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
import { connectMysql } from './mysql-client.ts';
import { sqlLiteral } from './sql-literals.ts';
import { splitIdentifier, type TableId } from './table-id.ts';

const SYSTEM_SCHEMAS = ['mysql', 'information_schema', 'performance_schema', 'sys'];

/** MySQL and MariaDB (Confluent's `MySqlDatabaseDialect`). Table ids are `database.table`. */
export class MysqlDialect implements DatabaseDialect {
  readonly name = 'MySqlDatabaseDialect' as const;
  readonly quoteChar = '`';
  readonly currentTimestampSql = `SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%d %H:%i:%s.%f')`;
  readonly maxParameters = 60_000;
  readonly #quoteMethod: QuoteMethod;

  constructor(quoteMethod: QuoteMethod = 'always') {
    this.#quoteMethod = quoteMethod;
  }

  connect(options: ConnectionOptions, settings: ClientSettings): Promise<DatabaseClient> {
    return connectMysql(options, settings);
  }

  quote(identifier: string): string {
    return quoteIdentifier(identifier, this.quoteChar, this.#quoteMethod);
  }

  table(id: TableId): string {
    return qualifiedTableName([id.catalog, id.table], (part) => this.quote(part));
  }

  parseTableId(text: string): TableId {
    const parts = splitIdentifier(text, this.quoteChar);
    const table = parts.at(-1) ?? '';
    return { catalog: parts.length >= 2 ? (parts.at(-2) ?? null) : null, schema: null, table };
  }

  placeholder(_index: number): string {
    return '?';
  }

  async listTables(client: DatabaseClient, listing: TableListing): Promise<TableId[]> {
    const types = informationSchemaTableTypes(listing);
    // Without catalog.pattern, the database of the URL (Connector/J's nullCatalogMeansCurrent).
    const result = await client.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type IN (?) AND table_schema NOT IN (?)
          AND (CASE WHEN ? IS NULL THEN table_schema = DATABASE() ELSE table_schema LIKE ? END)
        ORDER BY table_schema, table_name`,
      [types, SYSTEM_SCHEMAS, listing.catalogPattern, listing.catalogPattern],
    );
    return result.rows.map(([catalog, table]) => ({ catalog: catalog as string, schema: null, table: table as string }));
  }

  async describeTable(client: DatabaseClient, id: TableId): Promise<TableDefinition | null> {
    const result = await client.query(
      `SELECT table_schema, column_name, data_type, is_nullable, extra
         FROM information_schema.columns
        WHERE table_schema = coalesce(?, DATABASE()) AND table_name = ?
        ORDER BY ordinal_position`,
      [id.catalog, id.table],
    );
    if (result.rows.length === 0) return null;
    return {
      id: { catalog: result.rows[0]?.[0] as string, schema: null, table: id.table },
      columns: result.rows.map(([, name, type, nullable, extra]) => ({
        name: name as string,
        typeName: (type as string).toLowerCase(),
        nullable: nullable === 'YES',
        autoIncrement: /auto_increment/i.test((extra as string | null) ?? ''),
      })),
    };
  }

  sqlType(schema: Schema, primaryKey: boolean): string {
    switch (schema.name) {
      case Decimal.LOGICAL_NAME:
        // 65 digits is MySQL's most.
        return `DECIMAL(65,${Decimal.scaleOf(schema)})`;
      case ConnectDate.LOGICAL_NAME:
        return 'DATE';
      case ConnectTime.LOGICAL_NAME:
        return 'TIME(3)';
      case Timestamp.LOGICAL_NAME:
        return 'DATETIME(3)';
      default:
    }
    switch (schema.type) {
      case 'INT8':
        return 'TINYINT';
      case 'INT16':
        return 'SMALLINT';
      case 'INT32':
        return 'INT';
      case 'INT64':
        return 'BIGINT';
      case 'FLOAT32':
        return 'FLOAT';
      case 'FLOAT64':
        return 'DOUBLE';
      case 'BOOLEAN':
        return 'TINYINT';
      case 'STRING':
        // A key column needs a bounded type.
        return primaryKey ? 'VARCHAR(256)' : 'TEXT';
      case 'BYTES':
        return 'VARBINARY(1024)';
      default:
        throw new ConnectException(`${this.name} does not support the Connect type ${schema.type} as a column type.`);
    }
  }

  defaultLiteral(schema: Schema, value: unknown): string | null {
    return sqlLiteral(schema, value, { true: '1', false: '0' });
  }

  upsert(table: TableId, keyColumns: readonly string[], nonKeyColumns: readonly string[], valueRows: readonly string[]): string {
    const columns = [...keyColumns, ...nonKeyColumns].map((column) => this.quote(column)).join(',');
    const updated = nonKeyColumns.length === 0 ? keyColumns : nonKeyColumns;
    const update = updated.map((column) => `${this.quote(column)}=values(${this.quote(column)})`).join(',');
    return `insert into ${this.table(table)}(${columns}) values${valueRows.join(',')} on duplicate key update ${update}`;
  }
}
