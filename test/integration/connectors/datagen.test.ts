import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '../../support/stack.ts';
import { createConnector, createTopic, openHarness, readTopic, remainingFor, runId } from '../runtime/source/harness.ts';

describe('datagen on the source runner, against the broker and DynamoDB Local', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;

  before(async () => {
    harness = await openHarness();
  });
  after(() => harness.close());

  const config = (topic: string, settings: Record<string, string>) => ({
    'connector.class': 'Datagen',
    'kafka.topic': topic,
    quickstart: 'orders',
    'random.seed': '42',
    'key.converter': 'org.apache.kafka.connect.converters.IntegerConverter',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'copycat.source.idle.ms': '500',
    ...settings,
  });

  async function runToEnd(name: string, generation: number, runs = 1): Promise<void> {
    for (let run = 0; run < runs; run++) {
      const result = await harness
        .runner()
        .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(60_000) });
      assert.equal(result.outcome, 'completed');
    }
  }

  it('when two connectors share a seed, and one is stopped midway and resumed, both write the same records and stop at the limit', async () => {
    // Prepare
    const [once, resumed] = [uniqueName('datagen-once'), uniqueName('datagen-resumed')];
    const [onceTopic, resumedTopic] = [uniqueName('orders'), uniqueName('orders')];
    await Promise.all([createTopic(onceTopic), createTopic(resumedTopic)]);
    const onceGeneration = await createConnector(harness.stores, once, config(onceTopic, { iterations: '40', 'max.interval': '0' }));
    // 100 records/s with a 300 ms budget: a run ends long before the limit.
    const resumedGeneration = await createConnector(
      harness.stores,
      resumed,
      config(resumedTopic, { iterations: '40', 'records.per.second': '100', 'copycat.source.budget.ms': '300' }),
    );
    // Act
    await runToEnd(once, onceGeneration);
    await runToEnd(resumed, resumedGeneration);
    const midway = (await harness.stores.offsets.list(resumed))[0]?.offset['current.iteration'];
    // Short runs until the limit: how many depends on how much of each 300 ms budget start-up takes.
    for (let run = 0; run < 60; run++) {
      const [offset] = await harness.stores.offsets.list(resumed);
      if (offset?.offset['current.iteration'] === 40) break;
      await runToEnd(resumed, resumedGeneration);
    }
    // Assess
    assert.ok(typeof midway === 'number' && midway > 0 && midway < 40, `the first short run stopped midway (at ${midway})`);
    const [first, second] = await Promise.all([readTopic(onceTopic), readTopic(resumedTopic)]);
    assert.equal(first.length, 40);
    const shape = (messages: typeof first) => messages.map((m) => [m.key?.readInt32BE(0), m.value?.toString('utf8')]);
    assert.deepEqual(shape(second), shape(first));
    assert.deepEqual(
      first.map((m) => m.key?.readInt32BE(0)),
      Array.from({ length: 40 }, (_, i) => i),
    );
    const value = JSON.parse(first[0]?.value?.toString('utf8') ?? '{}');
    assert.deepEqual(Object.keys(value), ['ordertime', 'orderid', 'itemid', 'orderunits', 'address']);
    assert.equal(value.ordertime, 1487715775521);
    assert.deepEqual(Object.keys(first[0]?.headers ?? {}), ['task.generation', 'task.id', 'current.iteration']);
    const [offset] = await harness.stores.offsets.list(resumed);
    assert.deepEqual(offset?.partition, { 'task.id': 0 });
    assert.equal(offset?.offset['current.iteration'], 40);
  });
});
