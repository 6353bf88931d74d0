import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalEventSourceMappings } from '../../../shared/control/local/local-event-source-mapping.ts';
import type { SinkMapping } from '../../../shared/control/ports/event-source-mapping.ts';
import type { ConsumedPartitionBatch, GroupConsumerOptions } from '../../../shared/kafka/consumer.ts';
import type { EventMessage } from '../../../shared/kafka/esm-event.ts';

// The batching window's and commits' decisions, on a consumer that hands over fetches the test makes up (the
// delivery against the broker is in test/integration/runtime/sink/local-event-source-mapping.test.ts).

const TOPIC = 'orders';

function message(offset: number): EventMessage {
  return { topic: TOPIC, partition: 0, offset, timestamp: 0, timestampType: 'CREATE_TIME', key: null, value: null, headers: [] };
}

interface Fetch {
  readonly commits: number[];
  readonly batch: ConsumedPartitionBatch;
}

function fetched(from: number, count: number, highWatermark: number): Fetch {
  const commits: number[] = [];
  const records = Array.from({ length: count }, (_, i) => message(from + i));
  return {
    commits,
    batch: {
      topic: TOPIC,
      partition: 0,
      records,
      highWatermark,
      commit: async (next) => {
        commits.push(next);
      },
      heartbeat: async () => undefined,
      isActive: () => true,
    },
  };
}

async function mappingWith(
  window: { seconds: number; minimumMs?: number },
  delivered: number[][],
  handlerMs = 0,
): Promise<(batch: ConsumedPartitionBatch) => Promise<void>> {
  let onBatch: GroupConsumerOptions['onBatch'] | undefined;
  const mappings = new LocalEventSourceMappings({
    connection: { brokers: ['127.0.0.1:1'] },
    handler: async (event) => {
      if (handlerMs > 0) await new Promise((resolve) => setTimeout(resolve, handlerMs));
      delivered.push(Object.values(event.records).flatMap((records) => records.map((record) => Number(record.offset))));
    },
    ...(window.minimumMs === undefined ? {} : { minimumBatchingWindowMs: window.minimumMs }),
    log: () => undefined,
    createConsumer: (options) => {
      onBatch = options.onBatch;
      return { start: async () => undefined, pause: () => undefined, resume: () => undefined, stop: async () => undefined };
    },
  });
  const mapping: SinkMapping = {
    connector: 'sink',
    topic: TOPIC,
    groupId: 'connect-sink',
    enabled: true,
    batchSize: 3,
    batchingWindowSeconds: window.seconds,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: false,
  };
  await mappings.put(mapping);
  return (batch) => (onBatch as GroupConsumerOptions['onBatch'])(batch);
}

describe('LocalEventSourceMappings batching window', () => {
  it('when the broker holds more records than the fetch brought, a partial batch is fetched again at once instead of waiting out the window', async () => {
    // Prepare
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 60 }, delivered);
    const fetch = fetched(0, 4, 10);

    // Act
    await deliver(fetch.batch);

    // Assert: the full batch went, the partial one was left uncommitted for the next fetch, with no 60 s wait.
    assert.deepEqual(delivered, [[0, 1, 2]]);
    assert.deepEqual(fetch.commits, [3]);
  });

  it('when what lies beyond the fetched records never becomes records (transaction markers), the partial batch is fetched again only once, then waits its window and goes', async () => {
    // Prepare: offset 2 is a commit marker, so the partition ends at 3 but holds records 0 and 1 only.
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 0, minimumMs: 300 }, delivered);

    // Act
    const started = Date.now();
    await deliver(fetched(0, 2, 3).batch);
    const refetchedAfter = Date.now() - started;
    await deliver(fetched(0, 2, 3).batch);
    const last = fetched(0, 2, 3);
    await deliver(last.batch);

    // Assess
    assert.ok(refetchedAfter < 200, `the first partial fetch returned after ${refetchedAfter} ms`);
    assert.deepEqual(delivered, [[0, 1]]);
    assert.deepEqual(last.commits, [2]);
  });

  it('when the fetch reached the end of the partition, a partial batch waits for the minimum window, then goes', async () => {
    // Prepare
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 0, minimumMs: 300 }, delivered);

    // Act: the first fetch waits out the window and returns uncommitted; the next one, after it, delivers.
    const first = fetched(0, 2, 2);
    await deliver(first.batch);
    const afterWindow = delivered.length;
    const second = fetched(0, 2, 2);
    await deliver(second.batch);

    // Assert
    assert.equal(afterWindow, 0);
    assert.deepEqual(first.commits, []);
    assert.deepEqual(delivered, [[0, 1]]);
    assert.deepEqual(second.commits, [2]);
  });

  it('when neither the mapping nor the minimum sets a window, a partial batch goes at once', async () => {
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 0 }, delivered);
    const fetch = fetched(5, 2, 7);

    await deliver(fetch.batch);

    assert.deepEqual(delivered, [[5, 6]]);
    assert.deepEqual(fetch.commits, [7]);
  });
});

describe('LocalEventSourceMappings commits', () => {
  it('when a fetch is delivered as several events, what succeeded is committed once, after the last of them', async () => {
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 0 }, delivered);
    const fetch = fetched(0, 8, 8);

    await deliver(fetch.batch);

    assert.deepEqual(delivered, [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7],
    ]);
    assert.deepEqual(fetch.commits, [8]);
  });

  it('when a fetch takes longer than a second to deliver, what succeeded is committed along the way, bounding what a crash delivers again', async () => {
    const delivered: number[][] = [];
    const deliver = await mappingWith({ seconds: 0 }, delivered, 400);
    const fetch = fetched(0, 12, 12);

    await deliver(fetch.batch);

    assert.equal(delivered.length, 4);
    assert.deepEqual(fetch.commits, [9, 12]);
  });
});
