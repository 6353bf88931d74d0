import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { stack } from '../../support/stack.ts';

describe('the machine databases', () => {
  it('when PostgreSQL is queried, it answers from the test database', async () => {
    const client = new pg.Client({ connectionString: stack.postgresUrl });
    await client.connect();
    try {
      const result = await client.query<{ db: string; sum: number }>('SELECT current_database() AS db, 20 + 22 AS sum');
      assert.deepEqual(result.rows[0], { db: 'test', sum: 42 });
    } finally {
      await client.end();
    }
  });

  it('when MariaDB is queried, it answers from the test database', async () => {
    const connection = await mysql.createConnection(stack.mariadbUrl);
    try {
      const [rows] = await connection.query('SELECT DATABASE() AS db, 20 + 22 AS sum');
      assert.deepEqual((rows as Array<Record<string, unknown>>)[0], { db: 'test', sum: 42 });
    } finally {
      await connection.end();
    }
  });
});
