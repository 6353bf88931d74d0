import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../../shared/api/config/index.ts';
import { parseJdbcUrl, sanitizeUrl } from '../../../../shared/connectors/jdbc/dialect/connection-url.ts';

describe('parseJdbcUrl', () => {
  it('when the URL is a PostgreSQL one, it gives host, port, database and driver parameters', () => {
    // Act
    const options = parseJdbcUrl(
      'jdbc:postgresql://db.example.com:6543/orders?user=app&password=s3cret&sslmode=require&currentSchema=sales',
    );

    // Assess
    assert.equal(options.dialect, 'PostgreSqlDatabaseDialect');
    assert.equal(options.host, 'db.example.com');
    assert.equal(options.port, 6543);
    assert.equal(options.database, 'orders');
    assert.equal(options.user, 'app');
    assert.equal(options.password, 's3cret');
    assert.deepEqual(options.tls, { rejectUnauthorized: false });
    assert.equal(options.currentSchema, 'sales');
  });

  it('when the PostgreSQL URL has no host or port, it defaults to localhost:5432', () => {
    assert.deepEqual(
      [parseJdbcUrl('jdbc:postgresql:test').host, parseJdbcUrl('jdbc:postgresql:test').port, parseJdbcUrl('jdbc:postgresql:test').database],
      ['localhost', 5432, 'test'],
    );
    assert.equal(parseJdbcUrl('jdbc:postgresql://h/db').port, 5432);
  });

  it('when ssl=true is given without sslmode, it verifies the certificate as pgjdbc does', () => {
    assert.deepEqual(parseJdbcUrl('jdbc:postgresql://h/db?ssl=true').tls, { rejectUnauthorized: true });
    assert.equal(parseJdbcUrl('jdbc:postgresql://h/db?sslmode=disable').tls, undefined);
  });

  it('when the URL is a MySQL or MariaDB one, it reads credentials in the authority and ; or & parameters', () => {
    // Act
    const mysql = parseJdbcUrl('jdbc:mysql://root:pw@127.0.0.1/shop?useSSL=true&connectTimeout=2500');
    const mariadb = parseJdbcUrl('jdbc:mariadb://a.example:3307,b.example:3308/shop');

    // Assess
    assert.equal(mysql.dialect, 'MySqlDatabaseDialect');
    assert.deepEqual([mysql.host, mysql.port, mysql.database, mysql.user, mysql.password], ['127.0.0.1', 3306, 'shop', 'root', 'pw']);
    assert.deepEqual(mysql.tls, { rejectUnauthorized: false });
    assert.equal(mysql.connectTimeoutMs, 2500);
    assert.equal(mariadb.dialect, 'MySqlDatabaseDialect');
    assert.equal(mariadb.subprotocol, 'mariadb');
    assert.deepEqual([mariadb.host, mariadb.port], ['a.example', 3307]);
  });

  it('when sslMode is VERIFY_IDENTITY, it verifies the certificate', () => {
    assert.deepEqual(parseJdbcUrl('jdbc:mysql://h/db?sslMode=VERIFY_IDENTITY').tls, { rejectUnauthorized: true });
  });

  it('when the URL is an IPv6 address, it keeps the address whole', () => {
    const options = parseJdbcUrl('jdbc:postgresql://[::1]:5433/db');
    assert.deepEqual([options.host, options.port], ['::1', 5433]);
  });

  it('when the URL is for another database, it throws a ConfigException naming connection.url without the password', () => {
    assert.throws(
      () => parseJdbcUrl('jdbc:sqlserver://h;databaseName=db;password=topsecret'),
      (error: unknown) => error instanceof ConfigException && error.key === 'connection.url' && !error.message.includes('topsecret'),
    );
  });

  it('when a URL carries a password, sanitizeUrl masks it in parameters and in the authority', () => {
    assert.equal(sanitizeUrl('jdbc:postgresql://h/db?user=u&password=x1'), 'jdbc:postgresql://h/db?user=u&password=****');
    assert.equal(sanitizeUrl('jdbc:mysql://root:x2@h/db'), 'jdbc:mysql://root:****@h/db');
  });
});
