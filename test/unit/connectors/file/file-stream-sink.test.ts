import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SinkRecord } from '../../../../shared/api/record/sink-record.ts';
import { FileStreamSinkConnector, FileStreamSinkTask, fileStreamSinkPlugin } from '../../../../shared/connectors/file/file-stream-sink.ts';
import { JsonConverter } from '../../../../shared/converters/json/json-converter.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';

// [JsonConverter mode, value bytes as text (null: null bytes), the line Apache Kafka 4.3.1's
// FileStreamSinkTask printed for the record JsonConverter made of them (run once on the JVM)].
const KAFKA_CONNECT_OUTPUT: [string, string | null, string][] = [
  ['plain', '"hello, world"', 'hello, world'],
  ['plain', '"ünïcødé ✓"', 'ünïcødé ✓'],
  ['plain', '42', '42'],
  ['plain', '-7', '-7'],
  ['plain', '3.5', '3.5'],
  ['plain', '1e20', '1.0E20'],
  ['plain', '0.1', '0.1'],
  ['plain', 'true', 'true'],
  ['plain', null, 'null'],
  ['plain', 'null', 'null'],
  [
    'plain',
    '{"b":2,"a":1,"zeta":[1,"x",null,2.0],"nested":{"y":1,"x":2},"id":"z","name":"n","price":1.5}',
    '{zeta=[1, x, null, 2.0], a=1, b=2, price=1.5, name=n, id=z, nested={x=2, y=1}}',
  ],
  ['plain', '[1,2,{"k":"v"}]', '[1, 2, {k=v}]'],
  [
    'schema',
    '{"schema":{"type":"struct","fields":[{"field":"id","type":"int32"},{"field":"name","type":"string","optional":true},{"field":"price","type":"double"},{"field":"f","type":"float"},{"field":"big","type":"int64"},{"field":"tiny","type":"int8"},{"field":"ok","type":"boolean"}]},"payload":{"id":1,"name":null,"price":9.99,"f":1.1,"big":9007199254740993,"tiny":-3,"ok":false}}',
    'Struct{id=1,price=9.99,f=1.1,big=9007199254740993,tiny=-3,ok=false}',
  ],
  [
    'schema',
    '{"schema":{"type":"struct","fields":[{"field":"inner","type":"struct","fields":[{"field":"a","type":"string"}]},{"field":"tags","type":"array","items":{"type":"string"}},{"field":"m","type":"map","keys":{"type":"string"},"values":{"type":"int32"}}]},"payload":{"inner":{"a":"x"},"tags":["p","q"],"m":{"b":2,"a":1,"c":3}}}',
    'Struct{inner=Struct{a=x},tags=[p, q],m={a=1, b=2, c=3}}',
  ],
  [
    'schema',
    '{"schema":{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}},"payload":"AOw="}',
    '2.36',
  ],
  [
    'schema',
    '{"schema":{"type":"int64","name":"org.apache.kafka.connect.data.Timestamp"},"payload":1718000000005}',
    'Mon Jun 10 06:13:20 UTC 2024',
  ],
  ['schema', '{"schema":{"type":"int32","name":"org.apache.kafka.connect.data.Date"},"payload":19884}', 'Mon Jun 10 00:00:00 UTC 2024'],
  ['schema', '{"schema":{"type":"float","optional":false},"payload":100000000}', '1.0E8'],
  ['schema', '{"schema":{"type":"double"},"payload":1.0E-5}', '1.0E-5'],
  ['schema', '{"schema":{"type":"string","optional":true},"payload":null}', 'null'],
  [
    'schema',
    '{"schema":{"type":"map","keys":{"type":"int32"},"values":{"type":"string"}},"payload":[[20,"twenty"],[3,"three"],[17,"seventeen"]]}',
    '{17=seventeen, 3=three, 20=twenty}',
  ],
];

function record(offset: number, mode: string, text: string | null): SinkRecord {
  const converter = new JsonConverter();
  converter.configure({ 'schemas.enable': String(mode === 'schema') }, false);
  const { schema, value } = converter.toConnectData('t', undefined, text === null ? null : new TextEncoder().encode(text));
  return new SinkRecord({
    topic: 't',
    kafkaPartition: 0,
    kafkaOffset: offset,
    keySchema: null,
    key: null,
    valueSchema: schema,
    value,
    timestamp: null,
  });
}

async function withDirectory(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'copycat-file-sink-'));
  try {
    await test(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('FileStreamSinkTask', () => {
  it('when records of every kind are put and flushed, the file reads exactly as Kafka Connect wrote it', () =>
    withDirectory(async (dir) => {
      // Prepare
      const file = join(dir, 'out.txt');
      const task = new FileStreamSinkTask();
      await task.start({ file });

      // Act
      task.put(KAFKA_CONNECT_OUTPUT.map(([mode, text], i) => record(i, mode, text)));
      await task.flush(new Map());
      await task.stop();

      // Assess
      assert.equal(await readFile(file, 'utf8'), KAFKA_CONNECT_OUTPUT.map(([, , line]) => `${line}\n`).join(''));
    }));

  it('when the file already has lines, it appends, and nothing is written before flush', () =>
    withDirectory(async (dir) => {
      const file = join(dir, 'out.txt');
      await writeFile(file, 'existing\n');
      const task = new FileStreamSinkTask();
      await task.start({ file });

      task.put([record(0, 'plain', '"next"')]);
      const beforeFlush = await readFile(file, 'utf8');
      await task.flush(new Map());
      await task.stop();

      assert.equal(beforeFlush, 'existing\n');
      assert.equal(await readFile(file, 'utf8'), 'existing\nnext\n');
    }));

  it("when the file cannot be created, start fails with Kafka Connect's message", async () => {
    const task = new FileStreamSinkTask();

    await assert.rejects(
      task.start({ file: '/nonexistent-dir/x/out.txt' }),
      /Couldn't find or create file '\/nonexistent-dir\/x\/out.txt' for FileStreamSinkTask/,
    );
  });
});

describe('FileStreamSinkConnector', () => {
  it('when asked for tasks, it gives every task the connector config, and is found by class name and alias', () => {
    const connector = new FileStreamSinkConnector();
    connector.start({ file: '/tmp/x', topics: 'a' });

    assert.deepEqual(connector.taskConfigs(2), [
      { file: '/tmp/x', topics: 'a' },
      { file: '/tmp/x', topics: 'a' },
    ]);
    assert.equal(connector.taskClass(), 'org.apache.kafka.connect.file.FileStreamSinkTask');
    const registry = new PluginRegistry([fileStreamSinkPlugin]);
    for (const name of ['org.apache.kafka.connect.file.FileStreamSinkConnector', 'FileStreamSinkConnector', 'FileStreamSink'])
      assert.equal(registry.find('sink', name), fileStreamSinkPlugin);
  });
});
