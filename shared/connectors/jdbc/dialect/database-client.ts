import type { ColumnDefinition, RawRow } from './column.ts';

/** What a statement gave back: result rows (by column position) and, for DML, the rows it changed. */
export interface StatementResult {
  readonly rows: readonly RawRow[];
  readonly affectedRows: number;
}

/**
 * A query result read a batch at a time, so that a large table never has to fit in memory
 * (Confluent keeps a JDBC ResultSet open across polls for the same reason).
 */
export interface RowCursor {
  /** The result's columns; known after the first {@link fetch}. */
  readonly columns: readonly ColumnDefinition[] | undefined;
  /** Up to `max` more rows; fewer (or none) once the result is exhausted. */
  fetch(max: number): Promise<RawRow[]>;
  /** Releases the result; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * One connection to PostgreSQL or MySQL/MariaDB, through `pg` or `mysql2`. Values come back as
 * text (bytes for binary columns), so that the connector, not the driver, decides how a column
 * becomes Connect data; the session time zone is UTC.
 */
export interface DatabaseClient {
  /** Runs one statement; `params` bind to the dialect's placeholders (`$1` or `?`). */
  query(sql: string, params?: readonly unknown[]): Promise<StatementResult>;
  /** Starts a query whose rows are fetched in batches. One cursor at a time per client. */
  cursor(sql: string, params?: readonly unknown[]): Promise<RowCursor>;
  /** Whether the connection broke (a later call would fail): the owner should reconnect. */
  readonly broken: boolean;
  /** Closes the connection. */
  end(): Promise<void>;
}

/** Credentials and settings beyond what the URL says. */
export interface ClientSettings {
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly applicationName: string;
}

/** Whether a driver error means the connection, not the statement, failed (so retrying may help). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // PostgreSQL SQLSTATE classes 08 (connection), 53 (resources), 57P (shutdown), 40001/40P01 (retry the transaction).
    if (/^(08|53|57P)/.test(code) || code === '40001' || code === '40P01') return true;
    if (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|PROTOCOL_CONNECTION_LOST|ER_LOCK_DEADLOCK|ER_LOCK_WAIT_TIMEOUT)/.test(code))
      return true;
  }
  if ((error as { fatal?: unknown }).fatal === true) return true;
  return /Connection terminated|Client was closed|not queryable|connection is in closed state|Can't add new command/i.test(error.message);
}
