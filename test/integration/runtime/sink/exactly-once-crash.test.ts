import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { ConnectorPlugin } from '../../../../shared/control/connector-validation.ts';
import { computeTaskConfigs } from '../../../../shared/control/reconciler/task-configs.ts';
import { validateConnectorConfig } from '../../../../shared/control/reconciler/validation.ts';
import { builtInPlugins } from '../../../../shared/plugins/built-in.ts';
import { createDynamoDbClient } from '../../../../shared/stores/index.ts';
import { stack } from '../../../support/stack.ts';
import { openPostgres, type TestDatabase, tableName } from '../../connectors/jdbc/jdbc-databases.ts';
import { createConnector, createTopic, openHarness } from '../source/harness.ts';
import { committedOffsets, kafka, withAdmin } from './kafka-test-support.ts';

const CHILD = fileURLToPath(new URL('./exactly-once-crash-child.ts', import.meta.url));
const COUNT = 100_000;
const PARTITIONS = 3;
const KILLS = 20;
/** Share of the handler's invocations that write part of their batch and then fail. */
const PARTIAL_FAILURE_RATE = 0.1;
/** Share of the sink's INSERT statements the database fails, after the statements before it in the transaction ran. */
const STATEMENT_FAILURE_RATE = 0.04;
/** A child is killed at most this long after it joined the consumer group (or once it applied its share of the records). */
const MAX_KILL_DELAY_MS = 1500;
/** How long the last child may take to write what is left. */
const LAST_RUN_MS = 240_000;

const VALUE_SCHEMA = {
  type: 'struct',
  name: 'item',
  optional: false,
  fields: [
    { field: 'id', type: 'int64', optional: false },
    { field: 'name', type: 'string', optional: false },
    { field: 'quantity', type: 'int32', optional: false },
    { field: 'price', type: 'double', optional: false },
  ],
};

/**
 * Record `id` (JsonConverter with schemas), in partition `id % 3` at offset `floor(id / 3)`: a partition's
 * records applied up to its next offset n are the rows of ids p, p+3, ..., p+3(n-1).
 */
function item(id: number): string {
  return JSON.stringify({ schema: VALUE_SCHEMA, payload: { id, name: `item-${id}`, quantity: id % 100, price: id / 4 } });
}

async function produceItems(topic: string): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    // Chunks keep each partition's record batch under the broker's message.max.bytes.
    for (let from = 0; from < COUNT; from += 3000) {
      const ids = Array.from({ length: Math.min(3000, COUNT - from) }, (_, i) => from + i);
      await producer.send({
        topic,
        acks: -1,
        messages: ids.map((id) => ({ key: `item-${id}`, value: item(id), partition: id % PARTITIONS })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Starts the child; `started` resolves once it is in the consumer group, and `injected` counts its partly written batches. */
function startChild(env: Record<string, string>, injected: { count: number }): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const started = new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'started') resolve();
        if (line.startsWith('injected failure after ')) injected.count++;
      }
    });
  });
  return { child, started };
}

/** Per partition: the next offset the sink stored, and the rows of that partition's records. */
interface PartitionProgress {
  readonly partition: number;
  readonly next: number;
  readonly rows: number;
  readonly ids: number;
  readonly last: number;
}

/** Whether the partition's rows are exactly its records below the stored offset: once each, none missing, none beyond. */
function consistent({ partition, next, rows, ids, last }: PartitionProgress): boolean {
  return rows === next && ids === next && last === (next === 0 ? -1 : partition + PARTITIONS * (next - 1));
}

describe('the exactly-once JDBC sink under a crash loop, through the local event source mapping and the sink worker', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;
  let db: TestDatabase;
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    harness = await openHarness();
    db = await openPostgres();
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    await db.close();
    await harness.close();
  });

  // 100,000 records and twenty process starts and kills: minutes on a loaded machine, so its own time limit.
  it(
    'when the handler fails mid-batch and the worker is killed at random points 20 times, the table ends with every record exactly once',
    { timeout: 420_000 },
    async () => {
      // Prepare
      const table = tableName('eos_crash');
      const [topic, name, offsetsTable] = [table, table, `${table}_offsets`];
      const q = db.quote;
      const children = new Set<ChildProcess>();
      cleanups.push(
        async () => {
          for (const child of children) child.kill('SIGKILL');
        },
        () => db.exec(`DROP TABLE IF EXISTS ${q(table)}, ${q(offsetsTable)}`),
        () => db.exec(`DROP FUNCTION IF EXISTS ${q(`${table}_fault`)}()`),
        () => db.exec(`DROP SEQUENCE IF EXISTS ${q(`${table}_faults`)}`),
        () => withAdmin((admin) => admin.deleteGroups([`connect-${name}`])),
        () => withAdmin((admin) => admin.deleteTopics({ topics: [topic] })),
        async () => {
          const client = createDynamoDbClient(stack.dynamoDbEndpoint);
          await client.send(new DeleteTableCommand({ TableName: harness.tableName })).finally(() => client.destroy());
        },
      );
      await createTopic(topic, PARTITIONS);
      await produceItems(topic);
      const config = {
        'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
        topics: topic,
        'connection.url': db.jdbcUrl,
        'insert.mode': 'insert',
        // No key: a record written twice is a second row.
        'pk.mode': 'none',
        'auto.create': 'true',
        'copycat.exactly.once': 'true',
        'copycat.offsets.table': offsetsTable,
        // Several INSERT statements per batch of 500, so that one can fail after others of the transaction ran.
        'batch.size': '100',
        // Injected database failures are retried by delivering the batch again; never give up on them.
        'max.retries': '1000',
        'retry.backoff.ms': '10',
        'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      };
      // Validated and split into task configs as the reconciler does (the task config carries the connector's name, which
      // keys the sink's stored offsets).
      const { plugin, props, errors } = await validateConnectorConfig(name, config, builtInPlugins);
      assert.deepEqual([...errors], []);
      await createConnector(harness.stores, name, config, await computeTaskConfigs(name, plugin as ConnectorPlugin, props));
      // The JDBC write fails mid-transaction: a trigger fails some INSERT statements, after the batch's earlier statements
      // ran, with a serialization failure (which the sink retries); a sequence, outside the transaction, counts them. The
      // trigger is attached once auto.create has made the table.
      await db.exec(`CREATE SEQUENCE ${q(`${table}_faults`)}`);
      await db.exec(
        `CREATE FUNCTION ${q(`${table}_fault`)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF random() < ${STATEMENT_FAILURE_RATE} THEN PERFORM nextval('${table}_faults'); RAISE EXCEPTION 'injected failure of an INSERT' USING ERRCODE = 'serialization_failure'; END IF; RETURN NULL; END $$`,
      );
      const exists = async (relation: string) => (await db.exec('SELECT to_regclass($1) AS r', [relation]))[0]?.r !== null;
      let armed = false;
      const arm = async () => {
        if (armed || !(await exists(table))) return;
        await db.exec(`CREATE TRIGGER fault AFTER INSERT ON ${q(table)} FOR EACH STATEMENT EXECUTE FUNCTION ${q(`${table}_fault`)}()`);
        armed = true;
      };
      /** How many records the sink has applied, as its offsets table says. */
      const applied = async () => {
        if (!(await exists(offsetsTable))) return 0;
        const sql = `SELECT coalesce(sum(greatest(next_offset, 0)), 0) AS n FROM ${q(offsetsTable)} WHERE connector = $1`;
        return Number((await db.exec(sql, [name]))[0]?.n);
      };
      const progress = async (): Promise<PartitionProgress[]> => {
        if (!(await exists(table))) return [];
        // Without exactly-once (to see this test fail) there is no offsets table: nothing is stored.
        const stored = (await exists(offsetsTable))
          ? q(offsetsTable)
          : `(SELECT ''::text AS connector, ''::text AS topic, 0 AS kafka_partition, 0::bigint AS next_offset WHERE false)`;
        const rows = await db.exec(
          `SELECT p, coalesce(o.next_offset, 0) AS next, count(t.id) AS rows, count(DISTINCT t.id) AS ids, coalesce(max(t.id), -1) AS last
           FROM generate_series(0, ${PARTITIONS - 1}) AS p
           LEFT JOIN ${stored} o ON o.connector = $1 AND o.topic = $2 AND o.kafka_partition = p
           LEFT JOIN ${q(table)} t ON t.id % ${PARTITIONS} = p
           GROUP BY p, o.next_offset ORDER BY p`,
          [name, topic],
        );
        return rows.map((row) => ({
          partition: Number(row.p),
          next: Number(row.next),
          rows: Number(row.rows),
          ids: Number(row.ids),
          last: Number(row.last),
        }));
      };
      const injected = { count: 0 };
      const seed = Math.floor(Math.random() * 2 ** 31);
      const env = (run: number) => ({
        TABLE_NAME: harness.tableName,
        CONNECTOR: name,
        TOPIC: topic,
        SEED: String(seed + run),
        PARTIAL_FAILURE_RATE: String(PARTIAL_FAILURE_RATE),
      });
      const atKills: PartitionProgress[][] = [];
      /** Per kill, the records the sink had applied and the group not committed: its successor gets them again. */
      const uncommittedAtKills: number[] = [];

      // Act
      const startedAt = Date.now();
      for (let kill = 0; kill < KILLS; kill++) {
        await arm();
        const { child, started } = startChild(env(kill), injected);
        children.add(child);
        const exited = once(child, 'exit');
        // Killed at a random point of its run, from just after it joined the group to a few batches per partition in; and
        // before the sink has applied more than its share of the records, however fast it is, so that every kill has work
        // to interrupt and the last run has some left.
        const delay = Math.random() * MAX_KILL_DELAY_MS;
        const budget = Math.floor(((kill + 1) * COUNT * 0.9) / KILLS);
        const running = started.then(async () => {
          const until = Date.now() + delay;
          while (Date.now() < until && (await applied()) < budget) await new Promise((resolve) => setTimeout(resolve, 20));
          return false as const;
        });
        const finished = await Promise.race([exited.then(() => true), running]);
        assert.equal(finished, false, `the child exited after only ${kill} kills (the topic was consumed, or it failed)`);
        child.kill('SIGKILL');
        await exited;
        children.delete(child);
        atKills.push(await progress());
        const committedThen = await committedOffsets(`connect-${name}`, topic);
        uncommittedAtKills.push(atKills[kill]?.reduce((sum, p) => sum + p.next - Math.max(0, committedThen.get(p.partition) ?? 0), 0) ?? 0);
      }
      await arm();
      const { child: last } = startChild(env(KILLS), injected);
      children.add(last);
      const outcome = await Promise.race([
        once(last, 'exit').then(([code]) => code as number | null),
        new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), LAST_RUN_MS).unref()),
      ]);
      if (outcome === 'late') {
        const status = await harness.stores.statuses.get(name);
        assert.fail(
          `the last run did not catch up in ${LAST_RUN_MS} ms: ${JSON.stringify(await progress())}, task ${JSON.stringify(status.tasks[0])}`,
        );
      }
      children.delete(last);

      // Assess
      assert.equal(outcome, 0);
      const [summary] = await db.exec(
        `SELECT count(*) AS rows, count(DISTINCT id) AS ids, min(id) AS first, max(id) AS last,
           count(*) FILTER (WHERE name <> 'item-' || id OR quantity <> id % 100 OR price <> id / 4.0) AS wrong
         FROM ${q(table)}`,
      );
      assert.deepEqual(
        { rows: Number(summary?.rows), ids: Number(summary?.ids), first: Number(summary?.first), last: Number(summary?.last) },
        { rows: COUNT, ids: COUNT, first: 0, last: COUNT - 1 },
        'every id from 0 to 99,999 exactly once: no duplicates, no gaps',
      );
      assert.equal(Number(summary?.wrong), 0, 'every row holds its record');
      // At every kill, each partition's rows were exactly its records below the offset stored with them.
      for (const [kill, partitions] of atKills.entries())
        assert.ok(partitions.every(consistent), `after kill ${kill + 1}, rows and stored offsets disagree: ${JSON.stringify(partitions)}`);
      const ends = new Map((await withAdmin((admin) => admin.fetchTopicOffsets(topic))).map((end) => [end.partition, Number(end.high)]));
      const final = await progress();
      assert.deepEqual(
        final.map((p) => [p.partition, p.next]),
        final.map((p) => [p.partition, ends.get(p.partition)]),
        'the sink stored the end of every partition',
      );
      const committed = await committedOffsets(`connect-${name}`, topic);
      assert.deepEqual(
        [...ends.keys()].map((partition) => committed.get(partition)),
        [...ends.values()],
        'the group committed the end of every partition',
      );
      const rowsAtKills = atKills.map((partitions) => partitions.reduce((sum, p) => sum + p.rows, 0));
      assert.ok((rowsAtKills.at(-1) ?? 0) < COUNT, 'the last restart had work left');
      const faults = Number(
        (await db.exec(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${q(`${table}_faults`)}`))[0]?.n,
      );
      assert.ok(
        uncommittedAtKills.some((n) => n > 0),
        'some kills came after the sink applied records and before the group committed them',
      );
      assert.ok(injected.count > 0, 'some batches failed after part of them was written');
      assert.ok(faults > 0, 'some INSERT statements failed mid-transaction');
      console.log(
        `exactly-once crash loop: ${KILLS} kills in ${Math.round((Date.now() - startedAt) / 1000)} s; ${injected.count} batches failed after a partial write, ${faults} INSERT statements failed; seed ${seed}; rows at kills ${rowsAtKills}; applied but not committed at kills ${uncommittedAtKills}`,
      );
    },
  );
});
