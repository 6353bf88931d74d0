import { ConfigException } from '../../../api/config/index.ts';

/** The database families Copycat's JDBC connectors speak, as Confluent's dialect names them. */
export type DialectName = 'PostgreSqlDatabaseDialect' | 'MySqlDatabaseDialect';

/** TLS settings taken from the URL (`ssl`/`sslmode` for PostgreSQL, `useSSL`/`sslMode` for MySQL). */
export interface TlsOptions {
  /** Whether the server certificate must be valid (verify-ca / verify-full, VERIFY_CA / VERIFY_IDENTITY). */
  readonly rejectUnauthorized: boolean;
}

/** What a `jdbc:` URL says, in the terms the Node drivers (`pg`, `mysql2`) take. */
export interface ConnectionOptions {
  readonly dialect: DialectName;
  /** `postgresql`, `mysql` or `mariadb`: the URL's subprotocol. */
  readonly subprotocol: string;
  readonly host: string;
  readonly port: number;
  /** The database (catalog) of the URL; empty when the URL names none. */
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly tls: TlsOptions | undefined;
  /** Milliseconds to wait for a connection, when the URL sets it. */
  readonly connectTimeoutMs: number | undefined;
  /** PostgreSQL `currentSchema`: the schema unqualified table names resolve to. */
  readonly currentSchema: string | undefined;
  /** Every URL parameter, as given (passwords included: never log this). */
  readonly properties: Readonly<Record<string, string>>;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { postgresql: 5432, mysql: 3306, mariadb: 3306 };

/**
 * Parses a JDBC URL as the PostgreSQL, MySQL and MariaDB drivers read it:
 * `jdbc:postgresql://host[:port]/db?user=u&sslmode=require`, `jdbc:postgresql:db` (localhost),
 * `jdbc:mysql://[user[:password]@]host[:port]/db?useSSL=true`, `jdbc:mariadb://...`. Only the first
 * host of a multi-host URL is used.
 * @throws ConfigException naming `connection.url` (with the password masked) when the URL is not one of these.
 */
export function parseJdbcUrl(url: string, key = 'connection.url'): ConnectionOptions {
  const match = /^jdbc:(postgresql|mysql|mariadb):(.*)$/is.exec(url.trim());
  if (match === null) {
    throw ConfigException.invalidValue(
      key,
      sanitizeUrl(url),
      'Copycat supports jdbc:postgresql://, jdbc:mysql:// and jdbc:mariadb:// URLs (no dialect found for this one)',
    );
  }
  const subprotocol = (match[1] as string).toLowerCase();
  let rest = match[2] as string;
  const queryStart = rest.indexOf('?');
  const query = queryStart >= 0 ? rest.slice(queryStart + 1) : '';
  rest = queryStart >= 0 ? rest.slice(0, queryStart) : rest;
  const properties = parseQuery(subprotocol === 'postgresql' ? query : query.replace(/;/g, '&'));

  let authority = 'localhost';
  let path = rest;
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    path = slash >= 0 ? rest.slice(slash + 1) : '';
  } else if (subprotocol !== 'postgresql') {
    throw ConfigException.invalidValue(key, sanitizeUrl(url), `expected jdbc:${subprotocol}://host[:port]/database`);
  }
  let user: string | undefined;
  let password: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const credentials = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = credentials.indexOf(':');
    user = decodeURIComponent(colon >= 0 ? credentials.slice(0, colon) : credentials);
    password = colon >= 0 ? decodeURIComponent(credentials.slice(colon + 1)) : undefined;
  }
  const firstHost = (authority.split(',')[0] ?? '').trim() || 'localhost';
  const { host, port } = splitHostPort(firstHost, DEFAULT_PORTS[subprotocol] as number, key, url);
  const database = decodeURIComponent(path.replace(/^\/+/, '').split('/')[0] ?? '');

  return {
    dialect: subprotocol === 'postgresql' ? 'PostgreSqlDatabaseDialect' : 'MySqlDatabaseDialect',
    subprotocol,
    host,
    port,
    database,
    user: properties.user ?? user,
    password: properties.password ?? password,
    tls: subprotocol === 'postgresql' ? postgresTls(properties) : mysqlTls(properties),
    connectTimeoutMs: connectTimeout(subprotocol, properties),
    currentSchema: subprotocol === 'postgresql' ? properties.currentSchema : undefined,
    properties,
  };
}

/** The URL with every password in it replaced by `****`, for messages and logs. */
export function sanitizeUrl(url: string): string {
  return url.replace(/([?&;(,]password=)[^&;,)]*/gi, '$1****').replace(/(:\/\/[^:/@]*:)([^@/]*)@/, '$1****@');
}

function parseQuery(query: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq >= 0 ? part.slice(0, eq) : part);
    properties[name] = decodeURIComponent(eq >= 0 ? part.slice(eq + 1) : '');
  }
  return properties;
}

function splitHostPort(hostPort: string, defaultPort: number, key: string, url: string): { host: string; port: number } {
  // [v6::address]:port
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (v6 !== null) return { host: v6[1] as string, port: v6[2] === undefined ? defaultPort : Number(v6[2]) };
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return { host: hostPort, port: defaultPort };
  const port = Number(hostPort.slice(colon + 1));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw ConfigException.invalidValue(key, sanitizeUrl(url), `invalid port in "${hostPort}"`);
  }
  return { host: hostPort.slice(0, colon), port };
}

function postgresTls(properties: Readonly<Record<string, string>>): TlsOptions | undefined {
  const mode = properties.sslmode?.toLowerCase();
  if (mode === 'disable' || mode === 'allow') return undefined;
  if (mode === 'verify-ca' || mode === 'verify-full') return { rejectUnauthorized: true };
  if (mode === 'require' || mode === 'prefer') return { rejectUnauthorized: false };
  // pgjdbc: ssl=true without sslmode means verify-full.
  if (properties.ssl !== undefined && properties.ssl !== 'false') return { rejectUnauthorized: true };
  return undefined;
}

function mysqlTls(properties: Readonly<Record<string, string>>): TlsOptions | undefined {
  const mode = properties.sslMode?.toUpperCase();
  if (mode === 'DISABLED' || mode === 'PREFERRED') return undefined;
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return { rejectUnauthorized: true };
  if (mode === 'REQUIRED') return { rejectUnauthorized: false };
  const useSsl = properties.useSSL ?? properties.useSsl ?? properties.sslmode;
  if (useSsl === 'true' || properties.requireSSL === 'true') {
    return { rejectUnauthorized: properties.verifyServerCertificate === 'true' };
  }
  return undefined;
}

function connectTimeout(subprotocol: string, properties: Readonly<Record<string, string>>): number | undefined {
  const raw = properties.connectTimeout ?? properties.loginTimeout;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  // pgjdbc counts seconds, Connector/J and MariaDB milliseconds.
  return subprotocol === 'postgresql' ? value * 1000 : value;
}
