import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BigDecimal, type Struct } from '../../../../shared/api/data/index.ts';
import { RetriableException } from '../../../../shared/api/errors.ts';
import type { SourceRecord } from '../../../../shared/api/record/source-record.ts';
import { JdbcSourceConnector, JdbcSourceTask } from '../../../../shared/connectors/jdbc/index.ts';
import { DATABASES, MemoryOffsets, sourceContext, type TestDatabase, tableName } from './jdbc-databases.ts';

/** Polls until `count` records came (or `timeoutMs` passed), returning what came. */
async function pollRecords(task: JdbcSourceTask, count: number, timeoutMs = 10_000): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (records.length < count && Date.now() < deadline) records.push(...((await task.poll()) ?? []));
  return records;
}

/** Polls for `ms` and returns whatever came. */
async function pollFor(task: JdbcSourceTask, ms: number): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) records.push(...((await task.poll()) ?? []));
  return records;
}

const value = (record: SourceRecord, field: string): unknown => (record.value as Struct).get(field);

for (const { name, open } of DATABASES) {
  describe(`JDBC source on ${name}`, () => {
    let db: TestDatabase;
    const tasks: JdbcSourceTask[] = [];
    const dropped: string[] = [];

    before(async () => {
      db = await open();
    });

    after(async () => {
      for (const task of tasks) await task.stop();
      for (const table of dropped) await db.exec(`DROP TABLE IF EXISTS ${db.quote(table)}`);
      await db.close();
    });

    async function createTable(prefix: string, columns: string): Promise<string> {
      const table = tableName(prefix);
      dropped.push(table);
      await db.exec(`CREATE TABLE ${db.quote(table)} (${columns})`);
      return table;
    }

    async function startSource(props: Record<string, string>, offsets = new MemoryOffsets(), maxTasks = 1): Promise<JdbcSourceTask[]> {
      const connector = new JdbcSourceConnector();
      const config = { 'connection.url': db.jdbcUrl, 'topic.prefix': 'jdbc-', 'poll.interval.ms': '50', ...props };
      await connector.start(config);
      const started: JdbcSourceTask[] = [];
      for (const taskConfig of await connector.taskConfigs(maxTasks)) {
        const task = new JdbcSourceTask();
        task.initialize(sourceContext(taskConfig, offsets));
        await task.start(taskConfig);
        tasks.push(task);
        started.push(task);
      }
      await connector.stop();
      return started;
    }

    it('when a table is copied in bulk mode, it gives one Struct per row with the schema of the column types', async () => {
      // Prepare
      const table = await createTable(
        'bulk',
        `id INT NOT NULL, big BIGINT, price DECIMAL(10,2) NOT NULL, label VARCHAR(20), note ${db.types.text}, flag BOOLEAN,
         born DATE, seen ${db.types.timestamp}, data ${db.types.bytes}, ratio DOUBLE PRECISION`,
      );
      await db.exec(
        `INSERT INTO ${db.quote(table)} VALUES (1, 9007199254740993, 12.50, 'a', NULL, TRUE, '2024-02-29', '2024-03-01 10:20:30.123456', 'xyz', 0.25)`,
      );

      // Act
      const [task] = await startSource({ mode: 'bulk', 'table.whitelist': table });
      const [record, ...rest] = await pollRecords(task as JdbcSourceTask, 1);

      // Assess
      assert.equal(rest.length, 0);
      assert.ok(record);
      assert.equal(record.topic, `jdbc-${table}`);
      assert.equal(record.key, null);
      assert.deepEqual(record.sourcePartition, { table });
      assert.equal(typeof record.sourceOffset?.['polling.timestamp'], 'number');
      const schema = record.valueSchema;
      assert.equal(schema?.name, table);
      const fields = Object.fromEntries(
        schema?.fields.map((field) => [field.name, [field.schema.type, field.schema.name ?? '', field.schema.optional]]) ?? [],
      );
      assert.deepEqual(fields.id, ['INT32', '', false]);
      assert.deepEqual(fields.big, ['INT64', '', true]);
      assert.deepEqual(fields.price, ['BYTES', 'org.apache.kafka.connect.data.Decimal', false]);
      assert.equal(schema?.field('price')?.schema.parameters?.scale, '2');
      assert.deepEqual(fields.label, ['STRING', '', true]);
      assert.deepEqual(fields.flag, ['BOOLEAN', '', true]);
      assert.deepEqual(fields.born, ['INT32', 'org.apache.kafka.connect.data.Date', true]);
      assert.deepEqual(fields.seen, ['INT64', 'org.apache.kafka.connect.data.Timestamp', true]);
      assert.deepEqual(fields.data, ['BYTES', '', true]);
      assert.deepEqual(fields.ratio, ['FLOAT64', '', true]);
      assert.equal(value(record, 'id'), 1);
      assert.equal(value(record, 'big'), 9007199254740993n);
      assert.ok((value(record, 'price') as BigDecimal).equals(new BigDecimal(1250n, 2)));
      assert.equal(value(record, 'label'), 'a');
      assert.equal(value(record, 'note'), null);
      assert.equal(value(record, 'flag'), true);
      assert.equal((value(record, 'born') as Date).toISOString(), '2024-02-29T00:00:00.000Z');
      assert.equal((value(record, 'seen') as Date).toISOString(), '2024-03-01T10:20:30.123Z');
      assert.deepEqual(Buffer.from(value(record, 'data') as Uint8Array).toString(), 'xyz');
      assert.equal(value(record, 'ratio'), 0.25);
    });

    it('when a table is copied in incrementing mode, it reads new rows only and offsets them by the column', async () => {
      // Prepare
      const table = await createTable('inc', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b'), ('c')`);
      const [task] = (await startSource({ mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': table })) as [
        JdbcSourceTask,
      ];

      // Act
      const first = await pollRecords(task, 3);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('d')`);
      const second = await pollRecords(task, 1);
      const quiet = await pollFor(task, 300);

      // Assess
      assert.deepEqual(
        first.map((record) => [value(record, 'name'), record.sourceOffset]),
        [
          ['a', { incrementing: 1 }],
          ['b', { incrementing: 2 }],
          ['c', { incrementing: 3 }],
        ],
      );
      assert.deepEqual(first[0]?.sourcePartition, { protocol: '1', table: db.qualified(table) });
      assert.deepEqual(
        second.map((record) => value(record, 'name')),
        ['d'],
      );
      assert.equal(quiet.length, 0);
    });

    it('when an incrementing column is not named, it uses the auto-increment column', async () => {
      // Prepare
      const table = await createTable('auto', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a')`);

      // Act
      const [task] = (await startSource({ mode: 'incrementing', 'table.whitelist': table })) as [JdbcSourceTask];
      const records = await pollRecords(task, 1);

      // Assess
      assert.deepEqual(records[0]?.sourceOffset, { incrementing: 1 });
    });

    it('when an offset was stored, it resumes after it, under the current or the old partition', async () => {
      // Prepare
      const table = await createTable('resume', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b'), ('c'), ('d')`);
      const props = { mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': table };

      // Act
      const current = new MemoryOffsets().set({ protocol: '1', table: db.qualified(table) }, { incrementing: 2 });
      const [task] = (await startSource(props, current)) as [JdbcSourceTask];
      const resumed = await pollRecords(task, 2);
      const legacy = new MemoryOffsets().set({ table }, { incrementing: 3 });
      const [legacyTask] = (await startSource(props, legacy)) as [JdbcSourceTask];
      const resumedLegacy = await pollRecords(legacyTask, 1);

      // Assess
      assert.deepEqual(
        resumed.map((record) => value(record, 'name')),
        ['c', 'd'],
      );
      assert.deepEqual(
        resumedLegacy.map((record) => value(record, 'name')),
        ['d'],
      );
    });

    it('when a table is copied in timestamp mode, it offsets by the timestamp with its nanoseconds and picks up updated rows', async () => {
      // Prepare
      const table = await createTable('ts', `id INT NOT NULL, name VARCHAR(20), updated ${db.types.timestamp} NOT NULL`);
      await db.exec(
        `INSERT INTO ${db.quote(table)} VALUES (1, 'a', '2024-01-01 00:00:00.000001'), (2, 'b', '2024-01-01 00:00:00.000002'), (3, 'c', '2024-01-01 00:00:01.5')`,
      );
      const [task] = (await startSource({ mode: 'timestamp', 'timestamp.column.name': 'updated', 'table.whitelist': table })) as [
        JdbcSourceTask,
      ];

      // Act
      const first = await pollRecords(task, 3);
      const quiet = await pollFor(task, 300);
      await db.exec(`UPDATE ${db.quote(table)} SET name = 'a2', updated = '2024-01-02 00:00:00' WHERE id = 1`);
      const updated = await pollRecords(task, 1);

      // Assess
      const start = Date.UTC(2024, 0, 1);
      assert.deepEqual(
        first.map((record) => record.sourceOffset),
        [
          { timestamp: start, timestamp_nanos: 1000 },
          { timestamp: start, timestamp_nanos: 2000 },
          { timestamp: start + 1500, timestamp_nanos: 500_000_000 },
        ],
      );
      assert.equal(quiet.length, 0);
      assert.deepEqual(
        updated.map((record) => [value(record, 'name'), record.sourceOffset]),
        [['a2', { timestamp: Date.UTC(2024, 0, 2), timestamp_nanos: 0 }]],
      );
    });

    it('when a table is copied in timestamp+incrementing mode, rows with the same timestamp are told apart by the column', async () => {
      // Prepare
      const table = await createTable('tsinc', `id INT NOT NULL, updated ${db.types.timestamp} NOT NULL`);
      await db.exec(
        `INSERT INTO ${db.quote(table)} VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:00'), (3, '2024-01-01 00:00:00')`,
      );
      const offsets = new MemoryOffsets().set(
        { protocol: '1', table: db.qualified(table) },
        { incrementing: 1, timestamp: Date.UTC(2024, 0, 1), timestamp_nanos: 0 },
      );

      // Act
      const [task] = (await startSource(
        { mode: 'timestamp+incrementing', 'timestamp.column.name': 'updated', 'incrementing.column.name': 'id', 'table.whitelist': table },
        offsets,
      )) as [JdbcSourceTask];
      const records = await pollRecords(task, 2);

      // Assess
      assert.deepEqual(
        records.map((record) => record.sourceOffset),
        [
          { incrementing: 2, timestamp: Date.UTC(2024, 0, 1), timestamp_nanos: 0 },
          { incrementing: 3, timestamp: Date.UTC(2024, 0, 1), timestamp_nanos: 0 },
        ],
      );
    });

    it('when a custom query is given, it writes to the prefix as topic under the query partition', async () => {
      // Prepare
      const table = await createTable('query', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b')`);

      // Act
      const [task] = (await startSource({
        mode: 'incrementing',
        'incrementing.column.name': 'id',
        query: `SELECT id, UPPER(name) AS shout FROM ${db.quote(table)}`,
        'topic.prefix': 'shouts',
      })) as [JdbcSourceTask];
      const records = await pollRecords(task, 2);

      // Assess
      assert.deepEqual(
        records.map((record) => [record.topic, record.sourcePartition, record.sourceOffset, value(record, 'shout')]),
        [
          ['shouts', { query: 'query' }, { incrementing: 1 }, 'A'],
          ['shouts', { query: 'query' }, { incrementing: 2 }, 'B'],
        ],
      );
      assert.equal(records[0]?.valueSchema?.name, undefined);
    });

    it('when batch.max.rows is smaller than the result, it hands the rows out over several polls', async () => {
      // Prepare
      const table = await createTable('batch', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e')`);
      const [task] = (await startSource({ mode: 'incrementing', 'table.whitelist': table, 'batch.max.rows': '2' })) as [JdbcSourceTask];

      // Act
      const sizes: number[] = [];
      while (sizes.reduce((a, b) => a + b, 0) < 5) {
        const batch = (await task.poll()) ?? [];
        if (batch.length > 0) sizes.push(batch.length);
      }

      // Assess
      assert.deepEqual(sizes, [2, 2, 1]);
    });

    it('when the task stops in the middle of a result, it stops promptly and reads nothing more', async () => {
      // Prepare
      const table = await createTable('stop', `id ${db.types.serial}, name VARCHAR(20)`);
      await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e')`);
      const [task] = (await startSource({ mode: 'bulk', 'table.whitelist': table, 'batch.max.rows': '2' })) as [JdbcSourceTask];
      const first = await pollRecords(task, 1);

      // Act
      const started = Date.now();
      await task.stop();

      // Assess
      assert.equal(first.length, 2);
      assert.ok(Date.now() - started < 2000);
      assert.equal(await task.poll(), null);
    });

    it('when there are more tables than one task, it splits them across tasks.max tasks', async () => {
      // Prepare
      const prefix = tableName('split');
      const tables: string[] = [];
      for (const suffix of ['a', 'b', 'c']) {
        const table = `${prefix}_${suffix}`;
        dropped.push(table);
        tables.push(table);
        await db.exec(`CREATE TABLE ${db.quote(table)} (id ${db.types.serial}, name VARCHAR(20))`);
        await db.exec(`INSERT INTO ${db.quote(table)} (name) VALUES ('${suffix}')`);
      }

      // Act
      const started = await startSource({ mode: 'bulk', 'table.include.list': `.*${prefix}_.*` }, new MemoryOffsets(), 2);
      const perTask = await Promise.all(started.map((task, i) => pollRecords(task, i === 0 ? 2 : 1)));

      // Assess
      assert.equal(started.length, 2);
      assert.deepEqual(
        perTask.map((records) => records.map((record) => record.topic).sort()),
        [[`jdbc-${tables[0]}`, `jdbc-${tables[1]}`], [`jdbc-${tables[2]}`]],
      );
    });

    it('when the incrementing column is nullable, the task refuses to start unless validate.non.null is false', async () => {
      // Prepare
      const table = await createTable('nullable', 'id INT, name VARCHAR(20)');
      const props = { mode: 'incrementing', 'incrementing.column.name': 'id', 'table.whitelist': table };

      // Act / Assess
      await assert.rejects(startSource(props), /nullable/);
      await assert.doesNotReject(startSource({ ...props, 'validate.non.null': 'false' }));
    });

    it('when the query fails, poll throws a retriable error', async () => {
      // Prepare
      const [task] = (await startSource({ mode: 'bulk', query: 'SELECT * FROM no_such_table_anywhere' })) as [JdbcSourceTask];

      // Act / Assess
      await assert.rejects(task.poll(), RetriableException);
    });
  });
}

describe('JDBC source connector validation', () => {
  const base = { 'connection.url': 'jdbc:postgresql://localhost/test', 'topic.prefix': 't-' };

  it('when incrementing mode has a query but no incrementing column, it reports incrementing.column.name', () => {
    const problems = new JdbcSourceConnector().validate({ ...base, mode: 'incrementing', query: 'SELECT * FROM t' });
    assert.ok(problems['incrementing.column.name']?.length);
  });

  it('when legacy and new table settings are mixed, it reports both keys', () => {
    const problems = new JdbcSourceConnector().validate({ ...base, mode: 'bulk', 'table.whitelist': 'a', 'table.include.list': 'b.*' });
    assert.ok(problems['table.whitelist']?.length);
    assert.ok(problems['table.include.list']?.length);
  });

  it('when the whitelist and the blacklist are both set, it reports them as exclusive', () => {
    const problems = new JdbcSourceConnector().validate({ ...base, mode: 'bulk', 'table.whitelist': 'a', 'table.blacklist': 'b' });
    assert.match(problems['table.whitelist']?.[0] ?? '', /exclusive/);
  });

  it('when the URL is not a supported JDBC URL, it reports connection.url without the password', () => {
    const problems = new JdbcSourceConnector().validate({
      ...base,
      mode: 'bulk',
      'connection.url': 'jdbc:oracle:thin:@host:1521:db?password=secret',
    });
    assert.match(problems['connection.url']?.[0] ?? '', /jdbc:postgresql/);
    assert.doesNotMatch(problems['connection.url']?.[0] ?? '', /secret/);
  });

  it('when timestamp mode has no timestamp column, it reports timestamp.column.name', () => {
    const problems = new JdbcSourceConnector().validate({ ...base, mode: 'timestamp', 'table.whitelist': 'a' });
    assert.ok(problems['timestamp.column.name']?.length);
  });
});
