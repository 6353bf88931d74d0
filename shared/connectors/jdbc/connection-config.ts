import {
  type AbstractConfig,
  type ConfigDef,
  ConfigException,
  Importance,
  Range,
  Type,
  ValidString,
  Width,
} from '../../api/config/index.ts';
import { ConnectException } from '../../api/errors.ts';
import { type ConnectionOptions, parseJdbcUrl, sanitizeUrl } from './dialect/connection-url.ts';
import type { DatabaseClient } from './dialect/database-client.ts';
import type { DatabaseDialect, QuoteMethod } from './dialect/dialect.ts';
import { DIALECT_NAMES, dialectFor } from './dialect/index.ts';

export const CONNECTION_URL = 'connection.url';
export const CONNECTION_USER = 'connection.user';
export const CONNECTION_PASSWORD = 'connection.password';
export const CONNECTION_ATTEMPTS = 'connection.attempts';
export const CONNECTION_BACKOFF = 'connection.backoff.ms';
export const DIALECT_NAME = 'dialect.name';
export const QUOTE_SQL_IDENTIFIERS = 'quote.sql.identifiers';
export const DB_TIMEZONE = 'db.timezone';

const UTC_NAMES = ['UTC', 'Etc/UTC', 'GMT', 'Z', 'UTC0', '+00:00'];

/**
 * Adds the keys both JDBC connectors share (Confluent's database group), each defined once:
 * URL, credentials (the password as a PASSWORD, so it never prints), connection retries,
 * dialect, identifier quoting and the database time zone.
 */
export function defineConnectionKeys(def: ConfigDef, group: string): ConfigDef {
  let order = 0;
  return def
    .define({
      name: CONNECTION_URL,
      type: Type.STRING,
      importance: Importance.HIGH,
      documentation:
        'JDBC connection URL: jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db or jdbc:mariadb://host:3306/db; driver parameters (user, password, sslmode, useSSL, sslMode, currentSchema, connectTimeout) are honoured.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'JDBC URL',
    })
    .define({
      name: CONNECTION_USER,
      type: Type.STRING,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'JDBC connection user.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'JDBC User',
    })
    .define({
      name: CONNECTION_PASSWORD,
      type: Type.PASSWORD,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'JDBC connection password.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'JDBC Password',
    })
    .define({
      name: CONNECTION_ATTEMPTS,
      type: Type.INT,
      defaultValue: 3,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      documentation: 'Maximum number of attempts to retrieve a valid JDBC connection. Must be a positive integer.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'JDBC connection attempts',
    })
    .define({
      name: CONNECTION_BACKOFF,
      type: Type.LONG,
      defaultValue: 10_000,
      importance: Importance.LOW,
      documentation: 'Backoff time in milliseconds between connection attempts.',
      group,
      orderInGroup: ++order,
      width: Width.SHORT,
      displayName: 'JDBC connection backoff in milliseconds',
    })
    .define({
      name: DIALECT_NAME,
      type: Type.STRING,
      defaultValue: '',
      validator: ValidString.in(...DIALECT_NAMES),
      importance: Importance.LOW,
      documentation: 'The database dialect; empty (the default) chooses it from the JDBC URL.',
      group,
      orderInGroup: ++order,
      width: Width.LONG,
      displayName: 'Database Dialect',
    })
    .define({
      name: QUOTE_SQL_IDENTIFIERS,
      type: Type.STRING,
      defaultValue: 'always',
      validator: ValidString.in('always', 'never'),
      importance: Importance.MEDIUM,
      documentation: 'When to quote table names, column names, and other identifiers in SQL statements. The default is always.',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'Quote Identifiers',
    })
    .define({
      name: DB_TIMEZONE,
      type: Type.STRING,
      defaultValue: 'UTC',
      validator: ValidString.in(...UTC_NAMES),
      importance: Importance.MEDIUM,
      documentation:
        'The time zone of the database session, used to read and write timestamps without a zone. Copycat supports UTC only (the default).',
      group,
      orderInGroup: ++order,
      width: Width.MEDIUM,
      displayName: 'DB time zone',
    });
}

/** Everything needed to open connections, read from a parsed config. */
export interface DatabaseAccess {
  readonly options: ConnectionOptions;
  readonly dialect: DatabaseDialect;
  readonly url: string;
  /** Opens a connection, trying `connection.attempts` times `connection.backoff.ms` apart. */
  connect(applicationName: string): Promise<DatabaseClient>;
}

/** Reads the connection keys of a parsed config. @throws ConfigException for a URL Copycat cannot use. */
export function databaseAccess(config: AbstractConfig): DatabaseAccess {
  const url = config.getString(CONNECTION_URL) ?? '';
  const options = parseJdbcUrl(url);
  const dialect = dialectFor(options, (config.getString(QUOTE_SQL_IDENTIFIERS) ?? 'always') as QuoteMethod, config.getString(DIALECT_NAME));
  const attempts = config.getInt(CONNECTION_ATTEMPTS) ?? 3;
  const backoffMs = Number(config.getLong(CONNECTION_BACKOFF) ?? 10_000);
  const user = config.getString(CONNECTION_USER) ?? options.user;
  const password = config.getPassword(CONNECTION_PASSWORD)?.value() ?? options.password;
  return {
    options,
    dialect,
    url,
    async connect(applicationName: string): Promise<DatabaseClient> {
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          return await dialect.connect(options, { user, password, applicationName });
        } catch (error) {
          lastError = error;
          if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs));
        }
      }
      // The URL in messages is sanitized: a password in it never reaches logs or status.
      throw new ConnectException(
        `Could not connect to ${sanitizeUrl(url)} after ${attempts} attempt(s): ${(lastError as Error)?.message ?? lastError}. Check ${CONNECTION_URL}, ${CONNECTION_USER} and ${CONNECTION_PASSWORD}.`,
        { cause: lastError, retriable: true },
      );
    },
  };
}

/** Adds the problem with `connection.url` to a validation answer, if it has one. */
export function validateUrl(url: string | undefined, problems: Record<string, string[]>): void {
  if (url === undefined || url === '') return;
  try {
    parseJdbcUrl(url);
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error;
    addProblem(problems, CONNECTION_URL, error.message);
  }
}

/** Adds one problem to a `validate` answer under its key. */
export function addProblem(problems: Record<string, string[]>, key: string, ...messages: string[]): void {
  const existing = problems[key];
  if (existing === undefined) problems[key] = [...messages];
  else existing.push(...messages);
}
