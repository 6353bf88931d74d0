import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigDef } from '../../../../shared/api/config/index.ts';
import type { ConnectorProps, SourceConnector } from '../../../../shared/api/connector/connector.ts';
import type { RecordMetadata, SourceTask, SourceTaskContext } from '../../../../shared/api/connector/source-task.ts';
import { Schemas } from '../../../../shared/api/data/index.ts';
import type { ConnectRecord } from '../../../../shared/api/record/connect-record.ts';
import { SourceRecord } from '../../../../shared/api/record/source-record.ts';
import type { Transformation } from '../../../../shared/api/transformation.ts';
import { converterPlugins } from '../../../../shared/converters/index.ts';
import { ProduceError } from '../../../../shared/kafka/errors.ts';
import type { ProducedRecordMetadata, ProducerRecord, RecordProducer } from '../../../../shared/kafka/record-producer.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import { silentLogger } from '../../../../shared/runtime/source/logger.ts';
import { SourceRunner } from '../../../../shared/runtime/source/source-runner.ts';
import { createMemoryStores, type Stores } from '../../../../shared/stores/index.ts';

const PARTITION = { source: 'script' };

/** A task that returns the scripted batches, one per poll, then nothing; it records the callbacks it gets. */
class ScriptedTask implements SourceTask {
  static batches: number[][] = [];
  static committed: [number, RecordMetadata | null][] = [];
  static commits = 0;
  static stops = 0;
  #next = 0;
  version = () => 'test';
  initialize(_context: SourceTaskContext): void {}
  start(): void {}
  async poll(): Promise<SourceRecord[] | null> {
    const batch = ScriptedTask.batches[this.#next++];
    if (batch === undefined) return null;
    return batch.map(
      (n) =>
        new SourceRecord({
          sourcePartition: PARTITION,
          sourceOffset: { n },
          topic: 'numbers',
          kafkaPartition: null,
          keySchema: null,
          key: null,
          valueSchema: Schemas.STRING,
          value: String(n),
          timestamp: 1000 + n,
        }),
    );
  }
  commitRecord(record: SourceRecord, metadata: RecordMetadata | null): void {
    ScriptedTask.committed.push([Number(record.value), metadata]);
  }
  commit(): void {
    ScriptedTask.commits++;
  }
  stop(): void {
    ScriptedTask.stops++;
  }
}

class ScriptedConnector implements SourceConnector {
  readonly type = 'source' as const;
  version = () => 'test';
  start(_props: ConnectorProps): void {}
  taskClass = () => 'ScriptedTask';
  taskConfigs = () => [{}];
  stop(): void {}
  config = () => new ConfigDef();
}

/** Drops records whose value is an even number (a null from a transform). */
class DropEven implements Transformation {
  configure(): void {}
  apply(record: ConnectRecord): ConnectRecord | null {
    return Number(record.value) % 2 === 0 ? null : record;
  }
  config = () => new ConfigDef();
}

/** Acknowledges sends in order with consecutive offsets, failing the sends whose index is listed. */
class FakeProducer implements RecordProducer {
  readonly sent: ProducerRecord[][] = [];
  readonly failSends: readonly number[];
  #offset = 0;
  constructor(failSends: readonly number[] = []) {
    this.failSends = failSends;
  }
  async send(records: readonly ProducerRecord[]): Promise<ProducedRecordMetadata[]> {
    const index = this.sent.length;
    this.sent.push([...records]);
    if (this.failSends.includes(index)) throw new ProduceError('broker says no');
    return records.map((record) => ({ topic: record.topic, partition: 0, offset: this.#offset++, timestamp: record.timestamp }));
  }
  async close(): Promise<void> {}
}

const registry = new PluginRegistry([
  ...converterPlugins,
  { kind: 'source', className: 'test.Scripted', create: () => new ScriptedConnector(), createTask: () => new ScriptedTask() } as never,
  { kind: 'transformation', className: 'test.DropEven', create: () => new DropEven() },
]);

async function setUp(batches: number[][], config: Record<string, string> = {}): Promise<{ stores: Stores; generation: number }> {
  ScriptedTask.batches = batches;
  ScriptedTask.committed = [];
  ScriptedTask.commits = 0;
  ScriptedTask.stops = 0;
  const stores = createMemoryStores();
  await stores.configs.create('c', {
    'connector.class': 'test.Scripted',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'copycat.source.idle.ms': '50',
    ...config,
  });
  const generation = await stores.configs.putTasks('c', [{}], 0);
  return { stores, generation };
}

function run(stores: Stores, producer: RecordProducer, generation: number) {
  const runner = new SourceRunner({ stores, registry, producers: { producer: async () => producer }, workerId: 'w', logger: silentLogger });
  const end = Date.now() + 30_000;
  return runner.run({ connector: 'c', task: 0, generation, runId: 'r', remainingTimeMs: () => end - Date.now() });
}

describe('the source runner, on memory stores and a scripted producer', () => {
  it('when records are sent, each gets commitRecord with its metadata, the last offset is committed, then commit() and stop() run once', async () => {
    // Prepare
    const { stores, generation } = await setUp([[1, 2], [3]]);
    const producer = new FakeProducer();
    // Act
    const result = await run(stores, producer, generation);
    // Assess
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(
      producer.sent.map((batch) => batch.map((record) => new TextDecoder().decode(record.value as Uint8Array))),
      [['1', '2'], ['3']],
    );
    assert.deepEqual(producer.sent[0]?.[0]?.timestamp, 1001);
    assert.deepEqual(ScriptedTask.committed, [
      [1, { topic: 'numbers', partition: 0, offset: 0, timestamp: 1001 }],
      [2, { topic: 'numbers', partition: 0, offset: 1, timestamp: 1002 }],
      [3, { topic: 'numbers', partition: 0, offset: 2, timestamp: 1003 }],
    ]);
    assert.deepEqual(await stores.offsets.list('c'), [{ partition: PARTITION, offset: { n: 3 } }]);
    assert.ok(ScriptedTask.commits >= 1);
    assert.equal(ScriptedTask.stops, 1);
    assert.equal((await stores.statuses.get('c')).tasks[0]?.state, 'RUNNING');
    assert.equal(await stores.leases.get('c', 0), undefined);
  });

  it('when a transform drops records, their offsets still advance and commitRecord gets null metadata', async () => {
    // Prepare
    const { stores, generation } = await setUp([[1, 2], [4]], { transforms: 'even', 'transforms.even.type': 'test.DropEven' });
    const producer = new FakeProducer();
    // Act
    const result = await run(stores, producer, generation);
    // Assess
    assert.equal(result.skipped, 2);
    assert.equal(producer.sent.length, 1, 'the all-dropped batch sends nothing');
    assert.deepEqual(
      ScriptedTask.committed.map(([n, metadata]) => [n, metadata === null]),
      [
        [2, true],
        [1, false],
        [4, true],
      ],
    );
    assert.deepEqual(await stores.offsets.list('c'), [{ partition: PARTITION, offset: { n: 4 } }]);
  });

  it('when a send fails and errors.tolerance is none, the task is FAILED and only the batches before it are committed', async () => {
    // Prepare
    const { stores, generation } = await setUp([[1], [2], [3]]);
    const producer = new FakeProducer([1]);
    // Act
    const result = await run(stores, producer, generation);
    // Assess
    assert.equal(result.outcome, 'failed');
    assert.match(result.trace ?? '', /broker says no/);
    assert.deepEqual(await stores.offsets.list('c'), [{ partition: PARTITION, offset: { n: 1 } }]);
    assert.equal(producer.sent.length, 2, 'nothing is sent after the failed batch');
    assert.equal((await stores.statuses.get('c')).tasks[0]?.state, 'FAILED');
  });

  it('when a send fails and errors.tolerance is all, its records are skipped and the offsets move past them', async () => {
    // Prepare
    const { stores, generation } = await setUp([[1], [2], [3]], { 'errors.tolerance': 'all' });
    const producer = new FakeProducer([1]);
    // Act
    const result = await run(stores, producer, generation);
    // Assess
    assert.equal(result.outcome, 'completed');
    assert.deepEqual(await stores.offsets.list('c'), [{ partition: PARTITION, offset: { n: 3 } }]);
    assert.deepEqual(
      ScriptedTask.committed.map(([n, metadata]) => [n, metadata === null]),
      [
        [1, false],
        [2, true],
        [3, false],
      ],
    );
  });

  it('when the connector is paused, nothing runs', async () => {
    const { stores, generation } = await setUp([[1]]);
    await stores.configs.setTargetState('c', 'PAUSED');
    const result = await run(stores, new FakeProducer(), generation);
    assert.equal(result.outcome, 'not-started');
    assert.equal(ScriptedTask.stops, 0);
  });
});
