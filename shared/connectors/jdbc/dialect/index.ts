import type { ConnectionOptions, DialectName } from './connection-url.ts';
import type { DatabaseDialect, QuoteMethod } from './dialect.ts';
import { MysqlDialect } from './mysql-dialect.ts';
import { PostgresDialect } from './postgres-dialect.ts';

/** The dialect for a parsed `connection.url` (or the one `dialect.name` names). */
export function dialectFor(options: ConnectionOptions, quoteMethod: QuoteMethod = 'always', dialectName?: string | null): DatabaseDialect {
  const name: DialectName =
    dialectName === 'PostgreSqlDatabaseDialect' || dialectName === 'MySqlDatabaseDialect' ? dialectName : options.dialect;
  return name === 'PostgreSqlDatabaseDialect' ? new PostgresDialect(quoteMethod) : new MysqlDialect(quoteMethod);
}

/** The dialect names `dialect.name` accepts (empty: chosen from the URL). */
export const DIALECT_NAMES = ['', 'PostgreSqlDatabaseDialect', 'MySqlDatabaseDialect'] as const;
