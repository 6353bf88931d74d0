import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrantRecordReporter, PartitionOffsets, SinkTaskContext } from '../../../../shared/api/connector/sink-task.ts';
import { BigDecimal, Decimal, type Schema, SchemaBuilder, Schemas, Struct, Timestamp } from '../../../../shared/api/data/index.ts';
import { ConnectException, RetriableException } from '../../../../shared/api/errors.ts';
import { SinkRecord } from '../../../../shared/api/record/sink-record.ts';
import { JdbcSinkConnector, JdbcSinkTask } from '../../../../shared/connectors/jdbc/index.ts';
import { DATABASES, type TestDatabase, tableName } from './jdbc-databases.ts';

const VALUE = SchemaBuilder.struct()
  .name('person')
  .field('id', Schemas.INT32)
  .field('name', Schemas.OPTIONAL_STRING)
  .field('score', Decimal.builder(2).optional().build())
  .field('seen', Timestamp.builder().optional().build())
  .build();
const KEY = SchemaBuilder.struct().field('id', Schemas.INT32).build();

function person(id: number, name: string | null, score = '1.50'): Struct {
  return new Struct(VALUE)
    .put('id', id)
    .put('name', name)
    .put('score', BigDecimal.parse(score))
    .put('seen', new Date(Date.UTC(2024, 0, 1, 12)));
}

function record(
  topic: string,
  offset: number,
  value: Struct | null,
  key: unknown = null,
  keySchema: Schema | null = null,
  partition = 0,
): SinkRecord {
  return new SinkRecord({
    topic,
    kafkaPartition: partition,
    kafkaOffset: offset,
    timestamp: null,
    keySchema,
    key,
    valueSchema: value === null ? null : value.schema,
    value,
  });
}

function keyed(topic: string, offset: number, value: Struct | null, id: number): SinkRecord {
  return record(topic, offset, value, new Struct(KEY).put('id', id), KEY);
}

class CollectingReporter implements ErrantRecordReporter {
  readonly reported: Array<{ record: SinkRecord; error: Error }> = [];
  async report(record: SinkRecord, error: Error): Promise<void> {
    this.reported.push({ record, error });
  }
}

function sinkContext(configs: Record<string, string>, reporter: ErrantRecordReporter | null = null): SinkTaskContext {
  return { configs, errantRecordReporter: reporter, assignment: () => [], requestCommit: () => undefined };
}

function offsetsOf(entries: Array<[string, number, number]>): PartitionOffsets {
  return new Map(entries.map(([topic, partition, offset]) => [`${topic}-${partition}`, { partition: { topic, partition }, offset }]));
}

for (const { name, open } of DATABASES) {
  describe(`JDBC sink on ${name}`, () => {
    let db: TestDatabase;
    const tasks: JdbcSinkTask[] = [];
    const dropped: string[] = [];

    before(async () => {
      db = await open();
    });

    after(async () => {
      for (const task of tasks) await task.stop();
      for (const table of dropped) await db.exec(`DROP TABLE IF EXISTS ${db.quote(table)}`);
      await db.close();
    });

    function topic(prefix: string): string {
      const table = tableName(prefix);
      dropped.push(table);
      return table;
    }

    async function startSink(props: Record<string, string>, reporter: ErrantRecordReporter | null = null): Promise<JdbcSinkTask> {
      const config = { name: 'jdbc-sink-test', 'connection.url': db.jdbcUrl, 'retry.backoff.ms': '0', ...props };
      const connector = new JdbcSinkConnector();
      connector.start(config);
      const [taskConfig] = connector.taskConfigs(1);
      const task = new JdbcSinkTask();
      task.initialize(sinkContext(taskConfig ?? config, reporter));
      await task.start(taskConfig ?? config);
      tasks.push(task);
      return task;
    }

    async function rows(table: string, orderBy = 'id'): Promise<Record<string, unknown>[]> {
      return db.exec(`SELECT * FROM ${db.quote(table)} ORDER BY ${db.quote(orderBy)}`);
    }

    it('when auto.create is on and the table is missing, it creates it from the schema and inserts the records', async () => {
      // Prepare
      const t = topic('ins');
      const task = await startSink({ 'auto.create': 'true' });

      // Act
      await task.put([record(t, 0, person(1, 'ada', '2.25')), record(t, 1, person(2, null))]);

      // Assess
      const written = await rows(t);
      assert.deepEqual(
        written.map((row) => [Number(row.id), row.name, String(row.score)]),
        [
          [1, 'ada', '2.25'],
          [2, null, '1.50'],
        ],
      );
      const columns = await db.exec(
        `SELECT column_name AS c, is_nullable AS n FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`,
      );
      assert.deepEqual(
        columns.map((column) => [column.c ?? column.COLUMN_NAME, column.n ?? column.IS_NULLABLE]),
        [
          ['id', 'NO'],
          ['name', 'YES'],
          ['score', 'YES'],
          ['seen', 'YES'],
        ],
      );
    });

    it('when auto.create is off and the table is missing, put fails saying so', async () => {
      const task = await startSink({});
      await assert.rejects(task.put([record(topic('missing'), 0, person(1, 'a'))]), /auto-creation is disabled/);
    });

    it('when insert.mode is upsert with a struct record key, a later record for the same key replaces the row, even in one batch', async () => {
      // Prepare
      const t = topic('ups');
      const task = await startSink({ 'auto.create': 'true', 'insert.mode': 'upsert', 'pk.mode': 'record_key' });

      // Act
      await task.put([keyed(t, 0, person(1, 'a'), 1), keyed(t, 1, person(2, 'b'), 2)]);
      await task.put([keyed(t, 2, person(1, 'a2'), 1), keyed(t, 3, person(1, 'a3'), 1)]);

      // Assess
      assert.deepEqual(
        (await rows(t)).map((row) => [Number(row.id), row.name]),
        [
          [1, 'a3'],
          [2, 'b'],
        ],
      );
    });

    it('when insert.mode is update with pk.mode record_value, existing rows change and unknown keys are ignored', async () => {
      // Prepare
      const t = topic('upd');
      await db.exec(`CREATE TABLE ${db.quote(t)} (id INT PRIMARY KEY, name VARCHAR(20), score DECIMAL(10,2), seen ${db.types.timestamp})`);
      await db.exec(`INSERT INTO ${db.quote(t)} (id, name) VALUES (1, 'old')`);
      const task = await startSink({ 'insert.mode': 'update', 'pk.mode': 'record_value', 'pk.fields': 'id' });

      // Act
      await task.put([record(t, 0, person(1, 'new')), record(t, 1, person(9, 'nobody'))]);

      // Assess
      assert.deepEqual(
        (await rows(t)).map((row) => [Number(row.id), row.name]),
        [[1, 'new']],
      );
    });

    it('when pk.mode is kafka, the Kafka coordinates are the key columns', async () => {
      // Prepare
      const t = topic('kafka');
      const task = await startSink({ 'auto.create': 'true', 'pk.mode': 'kafka' });

      // Act
      await task.put([record(t, 41, person(1, 'a'), null, null, 3)]);

      // Assess
      const [row] = await rows(t, '__connect_offset');
      assert.deepEqual([row?.__connect_topic, Number(row?.__connect_partition), Number(row?.__connect_offset), row?.name], [t, 3, 41, 'a']);
    });

    it('when pk.mode is record_key with a primitive key, pk.fields names its column', async () => {
      // Prepare
      const t = topic('prim');
      const value = SchemaBuilder.struct().field('name', Schemas.STRING).build();
      const task = await startSink({ 'auto.create': 'true', 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'pk.fields': 'code' });

      // Act
      await task.put([
        record(t, 0, new Struct(value).put('name', 'x'), 'k1', Schemas.STRING),
        record(t, 1, new Struct(value).put('name', 'y'), 'k1', Schemas.STRING),
      ]);

      // Assess
      assert.deepEqual(
        (await rows(t, 'code')).map((row) => [row.code, row.name]),
        [['k1', 'y']],
      );
    });

    it('when the schema gains an optional field and auto.evolve is on, it adds the column; when off, it refuses', async () => {
      // Prepare
      const t = topic('evo');
      const wider = SchemaBuilder.struct()
        .field('id', Schemas.INT32)
        .field('name', Schemas.OPTIONAL_STRING)
        .field('email', Schemas.OPTIONAL_STRING)
        .build();
      const strict = await startSink({ 'auto.create': 'true' });
      await strict.put([record(t, 0, person(1, 'a'))]);
      const evolving = await startSink({ 'auto.evolve': 'true' });

      // Act
      await assert.rejects(strict.put([record(t, 1, new Struct(wider).put('id', 2).put('email', 'b@x'))]), /auto-evolution is disabled/);
      await evolving.put([record(t, 1, new Struct(wider).put('id', 2).put('email', 'b@x'))]);

      // Assess
      assert.deepEqual(
        (await rows(t)).map((row) => [Number(row.id), row.email]),
        [
          [1, null],
          [2, 'b@x'],
        ],
      );
    });

    it('when a new field is required and has no default, auto.evolve refuses to add it', async () => {
      // Prepare
      const t = topic('evoreq');
      const task = await startSink({ 'auto.create': 'true', 'auto.evolve': 'true' });
      await task.put([record(t, 0, person(1, 'a'))]);
      const required = SchemaBuilder.struct().field('id', Schemas.INT32).field('must', Schemas.STRING).build();

      // Act / Assess
      await assert.rejects(
        task.put([record(t, 1, new Struct(required).put('id', 2).put('must', 'x'))]),
        /not optional and does not have a default value/,
      );
    });

    it('when delete.enabled is on, a tombstone deletes the row of its key', async () => {
      // Prepare
      const t = topic('del');
      const task = await startSink({ 'auto.create': 'true', 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'delete.enabled': 'true' });
      await task.put([keyed(t, 0, person(1, 'a'), 1), keyed(t, 1, person(2, 'b'), 2)]);

      // Act
      await task.put([keyed(t, 2, null, 1), keyed(t, 3, person(3, 'c'), 3)]);

      // Assess
      assert.deepEqual(
        (await rows(t)).map((row) => Number(row.id)),
        [2, 3],
      );
    });

    it('when a tombstone arrives and delete.enabled is off, put fails naming the record', async () => {
      const task = await startSink({ 'auto.create': 'true' });
      await assert.rejects(
        task.put([record(topic('tomb'), 7, null)]),
        (error: unknown) => error instanceof ConnectException && /offset=7/.test(error.message),
      );
    });

    it('when fields.whitelist is set, only those value fields become columns', async () => {
      // Prepare
      const t = topic('white');
      const task = await startSink({ 'auto.create': 'true', 'fields.whitelist': 'id,name' });

      // Act
      await task.put([record(t, 0, person(1, 'a'))]);

      // Assess
      assert.deepEqual(Object.keys((await rows(t))[0] ?? {}).sort(), ['id', 'name']);
    });

    it('when exactly-once is on but the task config has no connector name, start fails saying the offsets need it', async () => {
      await assert.rejects(
        startSink({ name: '', 'copycat.exactly.once': 'true' }),
        /copycat\.exactly\.once=true needs the connector's name in the task config \("name"\)/,
      );
    });

    it('when exactly-once is on and a batch is applied twice, the table is unchanged and preCommit returns the stored offsets', async () => {
      // Prepare
      const t = topic('eos');
      const props = { 'auto.create': 'true', 'copycat.exactly.once': 'true', 'copycat.offsets.table': `${t}_offsets` };
      dropped.push(`${t}_offsets`);
      const batch = [record(t, 10, person(1, 'a')), record(t, 11, person(2, 'b')), record(t, 12, person(3, 'c'))];
      const first = await startSink(props);
      await first.open([{ topic: t, partition: 0 }]);
      await first.put(batch);

      // Act
      const replay = await startSink(props);
      await replay.open([{ topic: t, partition: 0 }]);
      const beforeReplay = await replay.preCommit(offsetsOf([[t, 0, 10]]));
      await replay.put(batch);
      await replay.put([...batch.slice(1), record(t, 13, person(4, 'd'))]);
      const afterReplay = await replay.preCommit(offsetsOf([[t, 0, 14]]));

      // Assess
      assert.deepEqual(
        (await rows(t)).map((row) => Number(row.id)),
        [1, 2, 3, 4],
      );
      assert.equal(beforeReplay.get(`${t}-0`)?.offset, 13);
      assert.equal(afterReplay.get(`${t}-0`)?.offset, 14);
      const stored = await db.exec(`SELECT next_offset FROM ${db.quote(`${t}_offsets`)}`);
      assert.deepEqual(
        stored.map((row) => Number(row.next_offset)),
        [14],
      );
    });

    it('when exactly-once is on and two tasks apply the same batch at once, each row is written once', async () => {
      // Prepare
      const t = topic('eosrace');
      await db.exec(`CREATE TABLE ${db.quote(t)} (id INT NOT NULL, name VARCHAR(20), score DECIMAL(10,2), seen ${db.types.timestamp})`);
      const props = { 'copycat.exactly.once': 'true', 'copycat.offsets.table': `${t}_offsets` };
      dropped.push(`${t}_offsets`);
      const batch = Array.from({ length: 50 }, (_, i) => record(t, i + 1, person(i + 1, `p${i + 1}`)));
      const [a, b] = [await startSink(props), await startSink(props)];
      // The partition's offset row exists already, so only its row lock keeps the writers apart.
      await a.put([record(t, 0, person(0, 'p0'))]);

      // Act
      await Promise.all([a.put(batch), b.put(batch)]);

      // Assess
      const written = await rows(t);
      assert.equal(written.length, 51);
      assert.equal(new Set(written.map((row) => Number(row.id))).size, 51);
    });

    it('when the database rejects a row and the context has a reporter, that row is reported and the others are written', async () => {
      // Prepare
      const t = topic('poison');
      await db.exec(`CREATE TABLE ${db.quote(t)} (id INT PRIMARY KEY, name VARCHAR(20), score DECIMAL(10,2), seen ${db.types.timestamp})`);
      await db.exec(`INSERT INTO ${db.quote(t)} (id, name) VALUES (2, 'taken')`);
      const reporter = new CollectingReporter();
      const task = await startSink({ 'copycat.exactly.once': 'true', 'copycat.offsets.table': `${t}_offsets` }, reporter);
      dropped.push(`${t}_offsets`);

      // Act
      await task.put([record(t, 0, person(1, 'a')), record(t, 1, person(2, 'dup')), record(t, 2, person(3, 'c'))]);

      // Assess
      assert.deepEqual(
        reporter.reported.map(({ record: r }) => r.kafkaOffset),
        [1],
      );
      assert.equal(reporter.reported[0]?.error.name, 'SqlException');
      assert.deepEqual(
        (await rows(t)).map((row) => [Number(row.id), row.name]),
        [
          [1, 'a'],
          [2, 'taken'],
          [3, 'c'],
        ],
      );
    });

    it('when the database rejects a row and there is no reporter, the put fails retriably, then for good once max.retries is spent', async () => {
      // Prepare
      const t = topic('noreport');
      await db.exec(`CREATE TABLE ${db.quote(t)} (id INT PRIMARY KEY, name VARCHAR(20), score DECIMAL(10,2), seen ${db.types.timestamp})`);
      await db.exec(`INSERT INTO ${db.quote(t)} (id) VALUES (1)`);
      const task = await startSink({ 'max.retries': '1' });
      const batch = [record(t, 0, person(2, 'ok')), record(t, 1, person(1, 'dup'))];

      // Act / Assess
      await assert.rejects(task.put(batch), RetriableException);
      await assert.rejects(
        task.put(batch),
        (error: unknown) => error instanceof ConnectException && !(error instanceof RetriableException),
      );
      assert.deepEqual(
        (await rows(t)).map((row) => Number(row.id)),
        [1],
      );
    });
  });
}

describe('JDBC sink connector validation', () => {
  const base = { 'connection.url': 'jdbc:postgresql://localhost/test', topics: 't' };

  it('when delete.enabled is on without pk.mode record_key, it reports delete.enabled', () => {
    const problems = new JdbcSinkConnector().validate({ ...base, 'delete.enabled': 'true', 'pk.mode': 'record_value' });
    assert.match(problems['delete.enabled']?.[0] ?? '', /record_key/);
  });

  it('when insert.mode is upsert without key columns, it reports insert.mode', () => {
    const problems = new JdbcSinkConnector().validate({ ...base, 'insert.mode': 'upsert' });
    assert.ok(problems['insert.mode']?.length);
  });

  it('when pk.mode kafka names two fields, it reports pk.fields', () => {
    const problems = new JdbcSinkConnector().validate({ ...base, 'pk.mode': 'kafka', 'pk.fields': 'a,b' });
    assert.ok(problems['pk.fields']?.length);
  });

  it('when the config is consistent, it reports nothing', () => {
    assert.deepEqual(
      new JdbcSinkConnector().validate({ ...base, 'insert.mode': 'upsert', 'pk.mode': 'record_key', 'delete.enabled': 'true' }),
      {},
    );
  });
});
