import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectDate, ConnectTime, Decimal, SchemaBuilder, Schemas, Timestamp } from '../../../../shared/api/data/index.ts';
import { ConnectException } from '../../../../shared/api/errors.ts';
import { MysqlDialect } from '../../../../shared/connectors/jdbc/dialect/mysql-dialect.ts';
import { PostgresDialect } from '../../../../shared/connectors/jdbc/dialect/postgres-dialect.ts';
import { extractFields } from '../../../../shared/connectors/jdbc/sink/fields-metadata.ts';
import {
  alterTableStatement,
  createTableStatement,
  deleteStatement,
  insertStatement,
  updateStatement,
  upsertStatement,
} from '../../../../shared/connectors/jdbc/sink/sql-statements.ts';

const pg = new PostgresDialect();
const my = new MysqlDialect();
const orders = { catalog: null, schema: 'public', table: 'orders' };
const shopOrders = { catalog: 'shop', schema: null, table: 'orders' };

describe('JDBC sink SQL', () => {
  it('when rows are upserted on PostgreSQL, it writes INSERT ... ON CONFLICT ... DO UPDATE with EXCLUDED values', () => {
    assert.equal(
      upsertStatement(pg, orders, [{ name: 'id' }], [{ name: 'name' }, { name: 'doc', typeName: 'jsonb' }], 2),
      'INSERT INTO "public"."orders" ("id","name","doc") VALUES ($1,$2,$3::jsonb),($4,$5,$6::jsonb) ON CONFLICT ("id") DO UPDATE SET "name"=EXCLUDED."name","doc"=EXCLUDED."doc"',
    );
  });

  it('when a PostgreSQL upsert has only key columns, it does nothing on conflict', () => {
    assert.match(upsertStatement(pg, orders, [{ name: 'id' }], [], 1), /ON CONFLICT \("id"\) DO NOTHING$/);
  });

  it('when rows are upserted on MySQL, it writes INSERT ... ON DUPLICATE KEY UPDATE with values()', () => {
    assert.equal(
      upsertStatement(my, shopOrders, [{ name: 'id' }], [{ name: 'name' }], 2),
      'insert into `shop`.`orders`(`id`,`name`) values(?,?),(?,?) on duplicate key update `name`=values(`name`)',
    );
  });

  it('when rows are inserted, updated and deleted, the statements bind values in column order', () => {
    assert.equal(
      insertStatement(pg, orders, [{ name: 'id' }, { name: 'name' }], 1),
      'INSERT INTO "public"."orders" ("id","name") VALUES ($1,$2)',
    );
    assert.equal(
      updateStatement(pg, orders, [{ name: 'id' }], [{ name: 'name' }, { name: 'qty' }]),
      'UPDATE "public"."orders" SET "name" = $1, "qty" = $2 WHERE "id" = $3',
    );
    assert.equal(deleteStatement(my, shopOrders, [{ name: 'a' }, { name: 'b' }]), 'DELETE FROM `shop`.`orders` WHERE `a` = ? AND `b` = ?');
  });

  it('when a table is created, key columns are NOT NULL, optional ones NULL, defaults written, and the key declared', () => {
    // Prepare
    const columns = [
      { name: 'id', schema: Schemas.INT64, primaryKey: true },
      { name: 'name', schema: Schemas.OPTIONAL_STRING, primaryKey: false },
      { name: 'active', schema: SchemaBuilder.bool().defaultValue(true).build(), primaryKey: false },
    ];

    // Act / Assess
    assert.equal(
      createTableStatement(pg, orders, columns),
      'CREATE TABLE "public"."orders" (\n"id" BIGINT NOT NULL,\n"name" TEXT NULL,\n"active" BOOLEAN DEFAULT TRUE,\nPRIMARY KEY("id"))',
    );
    assert.equal(
      createTableStatement(my, shopOrders, columns),
      'CREATE TABLE `shop`.`orders` (\n`id` BIGINT NOT NULL,\n`name` TEXT NULL,\n`active` TINYINT DEFAULT 1,\nPRIMARY KEY(`id`))',
    );
  });

  it('when a table evolves, missing optional columns are added and a required one without default is refused', () => {
    assert.equal(
      alterTableStatement(pg, orders, [{ name: 'email', schema: Schemas.OPTIONAL_STRING, primaryKey: false }]),
      'ALTER TABLE "public"."orders" ADD "email" TEXT NULL',
    );
    assert.throws(() => alterTableStatement(pg, orders, [{ name: 'must', schema: Schemas.STRING, primaryKey: false }]), ConnectException);
  });

  it('when quote.sql.identifiers is never, identifiers are written bare', () => {
    assert.equal(insertStatement(new PostgresDialect('never'), orders, [{ name: 'id' }], 1), 'INSERT INTO public.orders (id) VALUES ($1)');
  });
});

describe('JDBC sink column types', () => {
  it("when Connect schemas map to PostgreSQL types, they follow Confluent's PostgreSqlDatabaseDialect", () => {
    const types = [
      Schemas.INT8,
      Schemas.INT16,
      Schemas.INT32,
      Schemas.INT64,
      Schemas.FLOAT32,
      Schemas.FLOAT64,
      Schemas.BOOLEAN,
      Schemas.STRING,
      Schemas.BYTES,
    ];
    assert.deepEqual(
      types.map((schema) => pg.sqlType(schema, false)),
      ['SMALLINT', 'SMALLINT', 'INT', 'BIGINT', 'REAL', 'DOUBLE PRECISION', 'BOOLEAN', 'TEXT', 'BYTEA'],
    );
    assert.deepEqual(
      [Decimal.schema(2), ConnectDate.schema(), ConnectTime.schema(), Timestamp.schema()].map((schema) => pg.sqlType(schema, false)),
      ['DECIMAL', 'DATE', 'TIME', 'TIMESTAMP'],
    );
    assert.equal(pg.sqlType(SchemaBuilder.array(Schemas.INT32).build(), false), 'INT[]');
  });

  it("when Connect schemas map to MySQL types, they follow Confluent's MySqlDatabaseDialect", () => {
    assert.deepEqual(
      [Schemas.INT8, Schemas.BOOLEAN, Schemas.FLOAT32, Schemas.BYTES].map((schema) => my.sqlType(schema, false)),
      ['TINYINT', 'TINYINT', 'FLOAT', 'VARBINARY(1024)'],
    );
    assert.equal(my.sqlType(Schemas.STRING, false), 'TEXT');
    assert.equal(my.sqlType(Schemas.STRING, true), 'VARCHAR(256)');
    assert.deepEqual(
      [Decimal.schema(3), ConnectTime.schema(), Timestamp.schema()].map((schema) => my.sqlType(schema, false)),
      ['DECIMAL(65,3)', 'TIME(3)', 'DATETIME(3)'],
    );
  });
});

describe('JDBC sink fields', () => {
  const value = SchemaBuilder.struct()
    .field('id', Schemas.INT32)
    .field('name', Schemas.STRING)
    .field('note', Schemas.OPTIONAL_STRING)
    .build();
  const options = { table: 't', pkMode: 'none' as const, pkFields: [], whitelist: new Set<string>() };

  it('when pk.mode is kafka without pk.fields, the key columns are the three __connect_ columns', () => {
    const fields = extractFields({ ...options, pkMode: 'kafka' }, null, value);
    assert.deepEqual(
      fields.keyColumns.map((column) => [column.name, column.schema.type]),
      [
        ['__connect_topic', 'STRING'],
        ['__connect_partition', 'INT32'],
        ['__connect_offset', 'INT64'],
      ],
    );
  });

  it('when pk.mode is record_value with pk.fields, those fields are the key and the rest, whitelisted, follow', () => {
    const fields = extractFields({ ...options, pkMode: 'record_value', pkFields: ['id'], whitelist: new Set(['name']) }, null, value);
    assert.deepEqual(
      [fields.keyColumns.map((column) => column.name), fields.nonKeyColumns.map((column) => column.name)],
      [['id'], ['name']],
    );
  });

  it('when a primitive key has no single pk.fields name, it refuses', () => {
    assert.throws(() => extractFields({ ...options, pkMode: 'record_key' }, Schemas.STRING, value), /exactly one PK column/);
  });

  it('when pk.fields names a field the key lacks, it refuses naming it', () => {
    const key = SchemaBuilder.struct().field('id', Schemas.INT32).build();
    assert.throws(
      () => extractFields({ ...options, pkMode: 'record_key', pkFields: ['nope'] }, key, value),
      /does not contain field: nope/,
    );
  });
});
