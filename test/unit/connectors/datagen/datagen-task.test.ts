import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OffsetStorageReader } from '../../../../shared/api/connector/source-task.ts';
import { Struct } from '../../../../shared/api/data/index.ts';
import type { SourceMap, SourceRecord } from '../../../../shared/api/record/source-record.ts';
import { DatagenConnector, datagenPlugin } from '../../../../shared/connectors/datagen/datagen-connector.ts';
import { DatagenTask } from '../../../../shared/connectors/datagen/datagen-task.ts';

const memoryReader = (offset: SourceMap | null): OffsetStorageReader => ({
  offset: async () => offset,
  offsets: async (partitions) => new Map(partitions.map((partition) => [partition, offset])),
});

async function generate(props: Record<string, string>, polls: number, offset: SourceMap | null = null): Promise<SourceRecord[]> {
  const task = new DatagenTask();
  const config = { 'kafka.topic': 't', 'max.interval': '0', 'batch.size': '5', ...props };
  task.initialize({ configs: config, offsetStorageReader: memoryReader(offset) });
  await task.start(config);
  const records: SourceRecord[] = [];
  for (let i = 0; i < polls; i++) records.push(...((await task.poll()) ?? []));
  task.stop();
  return records;
}

const plain = (record: SourceRecord) => [record.key, String(record.value)];

describe('datagen', () => {
  it('when two tasks share a seed, they generate the same records; another seed gives others', async () => {
    const [a, b, c] = await Promise.all([
      generate({ quickstart: 'users', 'random.seed': '7' }, 2),
      generate({ quickstart: 'users', 'random.seed': '7' }, 2),
      generate({ quickstart: 'users', 'random.seed': '8' }, 2),
    ]);
    assert.equal(a.length, 10);
    assert.deepEqual(a.map(plain), b.map(plain));
    assert.notDeepEqual(a.map(plain), c.map(plain));
  });

  it('when restarted from a record offset, it continues the very same sequence', async () => {
    // Prepare
    const all = await generate({ quickstart: 'orders', 'random.seed': '42' }, 4);
    const cut = all[7] as SourceRecord;
    // Act
    const resumed = await generate({ quickstart: 'orders', 'random.seed': '42' }, 3, cut.sourceOffset);
    // Assess
    assert.deepEqual(resumed.slice(0, 12).map(plain), all.slice(8, 20).map(plain));
    assert.deepEqual(cut.sourcePartition, { 'task.id': 0 });
    assert.equal(cut.sourceOffset?.['current.iteration'], 8);
    assert.equal(cut.sourceOffset?.['task.generation'], 1);
    assert.equal([...(resumed[0] as SourceRecord).headers].find((h) => h.key === 'task.generation')?.value, 1n);
  });

  it('when iterations is set, it stops giving records at the limit', async () => {
    const records = await generate({ quickstart: 'pageviews', iterations: '12' }, 5);
    assert.equal(records.length, 12);
    assert.deepEqual(
      records.map((record) => record.key),
      Array.from({ length: 12 }, (_, i) => 1n + 10n * BigInt(i)),
    );
  });

  it("when a quickstart record is made, it has the fields, key and headers of Confluent's quickstart", async () => {
    const [record] = await generate({ quickstart: 'orders', 'random.seed': '1' }, 1);
    const value = record?.value as Struct;
    assert.ok(value instanceof Struct);
    assert.equal(value.schema.name, 'ksql.orders');
    assert.deepEqual(
      value.schema.fields.map((field) => `${field.name}:${field.schema.type}`),
      ['ordertime:INT64', 'orderid:INT32', 'itemid:STRING', 'orderunits:FLOAT64', 'address:STRUCT'],
    );
    assert.equal(record?.key, 0);
    assert.equal(record?.keySchema?.type, 'INT32');
    assert.match(String(value.get('itemid')), /^Item_[1-9][0-9]{0,2}$/);
    assert.deepEqual(
      [...(record?.headers ?? [])].map((header) => header.key),
      ['task.generation', 'task.id', 'current.iteration'],
    );
  });

  it('when records.per.second is set, records come at about that rate', async () => {
    const task = new DatagenTask();
    const config = { 'kafka.topic': 't', quickstart: 'users', 'records.per.second': '200' };
    task.initialize({ configs: config, offsetStorageReader: memoryReader(null) });
    await task.start(config);
    const started = Date.now();
    let count = 0;
    while (Date.now() - started < 500) count += ((await task.poll()) ?? []).length;
    task.stop();
    assert.ok(count >= 70 && count <= 130, `${count} records in 500 ms at 200/s`);
  });

  it("when tasks.max is 3, each task config gets its task.id, under Confluent's class name and the Datagen alias", () => {
    const connector = new DatagenConnector();
    connector.start({ 'kafka.topic': 't', quickstart: 'orders' });
    assert.deepEqual(
      connector.taskConfigs(3).map((config) => config['task.id']),
      ['0', '1', '2'],
    );
    assert.equal(datagenPlugin.className, 'io.confluent.kafka.connect.datagen.DatagenConnector');
    assert.deepEqual(datagenPlugin.aliases, ['Datagen']);
  });
});
