// The whole local data path, as `npm start` runs it: the standalone worker with the real broker,
// DynamoDB Local and PostgreSQL, driven through the Kafka Connect REST API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { StandaloneWorker } from '../../../shared/standalone/worker.ts';
import { stack, uniqueName } from '../../support/stack.ts';

const example = (file: string) =>
  (JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url), 'utf8')) as { config: Record<string, string> }).config;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('the standalone worker, end to end', () => {
  const tableName = uniqueName('standalone');
  const topic = uniqueName('orders');
  const sqlTable = uniqueName('orders').replace('-', '_');
  const names = { source: uniqueName('datagen'), sink: uniqueName('postgres') };
  const db = new pg.Client({ connectionString: stack.postgresUrl });
  let worker: StandaloneWorker;

  const start = () =>
    StandaloneWorker.start({
      kafka: { brokers: stack.kafkaBrokers },
      dynamoDbEndpoint: stack.dynamoDbEndpoint,
      tableName,
      restPort: 0,
      sourceRunMs: 2000,
      log: (line: string) => console.error(line),
    });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${worker.rest.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const rows = async () => {
    const result = await db.query<{ n: string; distinct_orders: string }>(
      `SELECT count(*) AS n, count(DISTINCT orderid) AS distinct_orders FROM "${sqlTable}"`,
    );
    return { n: Number(result.rows[0]?.n), distinct: Number(result.rows[0]?.distinct_orders) };
  };
  const states = async () => {
    const { body } = await call('GET', '/connectors?expand=status');
    return Object.fromEntries(
      Object.entries(body as Record<string, { status: { connector: { state: string }; tasks: { state: string }[] } }>).map(
        ([name, { status }]) => [name, [status.connector.state, ...status.tasks.map((task) => task.state)]],
      ),
    );
  };

  before(async () => {
    await db.connect();
    worker = await start();
  });
  after(async () => {
    await worker?.close();
    await db.query(`DROP TABLE IF EXISTS "${sqlTable}"`).catch(() => undefined);
    await db.end();
  });

  it('when the example pipeline is created through the REST API, rows reach PostgreSQL and every connector is RUNNING', async () => {
    // Prepare: the examples, on names of this test's own
    const source = { ...example('orders-datagen.json'), 'kafka.topic': topic, 'records.per.second': '500' };
    const sink = {
      ...example('orders-postgres.json'),
      topics: topic,
      'table.name.format': sqlTable,
      'errors.deadletterqueue.topic.name': `${topic}-dlq`,
    };
    // Act
    assert.equal((await call('POST', '/connectors', { name: names.source, config: source })).status, 201);
    assert.equal((await call('POST', '/connectors', { name: names.sink, config: sink })).status, 201);
    // Assess
    await until('rows in PostgreSQL', async () => ((await rows()).n > 100 ? true : undefined));
    assert.deepEqual(await states(), { [names.sink]: ['RUNNING', 'RUNNING'], [names.source]: ['RUNNING', 'RUNNING'] });
  });

  it('when the sink is paused, its status is PAUSED and no more rows arrive; resumed, they flow again', async () => {
    assert.equal((await call('PUT', `/connectors/${names.sink}/pause`)).status, 202);
    assert.equal((await call('PUT', `/connectors/${names.source}/pause`)).status, 202);
    assert.deepEqual((await states())[names.sink], ['PAUSED', 'PAUSED']);
    assert.deepEqual((await states())[names.source], ['PAUSED', 'PAUSED']);
    assert.deepEqual(
      (await worker.mappings()).map((mapping) => [mapping.connector, mapping.topic, mapping.groupId, mapping.enabled]),
      [[names.sink, topic, `connect-${names.sink}`, false]],
    );
    assert.deepEqual(
      (await worker.schedules()).map((schedule) => [schedule.connector, schedule.task, schedule.enabled]),
      [[names.source, 0, false]],
    );
    assert.equal((await call('PUT', `/connectors/${names.source}/resume`)).status, 202);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const paused = (await rows()).n;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal((await rows()).n, paused);
    assert.equal((await call('PUT', `/connectors/${names.sink}/resume`)).status, 202);
    await until('rows after resume', async () => ((await rows()).n > paused ? true : undefined));
  });

  it('when the source is stopped, its offsets can be read and altered; running, they cannot', async () => {
    const refused = await call('PATCH', `/connectors/${names.source}/offsets`, { offsets: [] });
    assert.equal(refused.status, 400);
    assert.equal((await call('PUT', `/connectors/${names.source}/stop`)).status, 204);
    const offsets = (await call('GET', `/connectors/${names.source}/offsets`)).body as { offsets: unknown[] };
    assert.equal(offsets.offsets.length, 1);
    const altered = await call('PATCH', `/connectors/${names.source}/offsets`, offsets);
    assert.equal(altered.status, 200, JSON.stringify(altered.body));
    assert.equal((await call('PUT', `/connectors/${names.source}/resume`)).status, 202);
  });

  it("when the sink is stopped, its offsets are its consumer group's and can be altered", async () => {
    assert.equal((await call('PUT', `/connectors/${names.sink}/stop`)).status, 204);
    type SinkOffsets = { offsets: { partition: { kafka_topic: string; kafka_partition: number }; offset: { kafka_offset: number } }[] };
    const { offsets } = (await call('GET', `/connectors/${names.sink}/offsets`)).body as SinkOffsets;
    assert.ok(offsets.length > 0);
    assert.ok(offsets.every((entry) => entry.partition.kafka_topic === topic && entry.offset.kafka_offset > 0));
    const [first] = offsets as [SinkOffsets['offsets'][number]];
    const rewound = { offsets: [{ partition: first.partition, offset: { kafka_offset: first.offset.kafka_offset - 1 } }] };
    const altered = await call('PATCH', `/connectors/${names.sink}/offsets`, rewound);
    assert.equal(altered.status, 200, JSON.stringify(altered.body));
    const after = (await call('GET', `/connectors/${names.sink}/offsets`)).body as SinkOffsets;
    assert.deepEqual(
      after.offsets.find((entry) => entry.partition.kafka_partition === first.partition.kafka_partition),
      rewound.offsets[0],
    );
    assert.equal((await call('PUT', `/connectors/${names.sink}/resume`)).status, 202);
  });

  it('when the worker stops and starts again, it resumes from the stored offsets and the table grows without duplicates', async () => {
    await until('RUNNING after resume', async () => ((await states())[names.source]?.[0] === 'RUNNING' ? true : undefined));
    await worker.close();
    const before = await rows();
    assert.equal(before.n, before.distinct, 'no duplicate orders before the restart (replays upsert the same order)');
    worker = await start();
    await until('more rows after the restart', async () => ((await rows()).n > before.n + 100 ? true : undefined));
    const afterRestart = await rows();
    assert.equal(afterRestart.n, afterRestart.distinct, 'no duplicate orders after the restart');
  });

  it('when both connectors are deleted, nothing of them is left: no items, no schedules, no mappings', async () => {
    for (const name of [names.source, names.sink]) assert.equal((await call('DELETE', `/connectors/${name}`)).status, 204);
    assert.deepEqual(await call('GET', '/connectors'), { status: 200, body: [] });
    for (const name of [names.source, names.sink]) {
      assert.equal(await worker.stores.configs.get(name), undefined);
      assert.deepEqual(await worker.stores.offsets.list(name), []);
    }
    assert.deepEqual(await worker.schedules(), []);
    assert.deepEqual(await worker.mappings(), []);
  });
});
