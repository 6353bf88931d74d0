import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstFailedOffset, MAX_EVENT_BYTES, takeBatch } from '../../../../shared/control/local/local-event-source-mapping.ts';
import { buildKafkaEvent, type EventMessage } from '../../../../shared/kafka/esm-event.ts';

const record = (offset: number, valueBytes = 10): EventMessage => ({
  topic: 'orders',
  partition: 0,
  offset,
  timestamp: 1,
  timestampType: 'CREATE_TIME',
  key: null,
  value: new Uint8Array(valueBytes).fill(200),
  headers: [{ key: 'h', value: new Uint8Array([255, 255]) }],
});

describe('local mapping batches', () => {
  it('when more records are fetched than the batch size, it takes the batch size and calls it full', () => {
    const { records, full } = takeBatch([record(0), record(1), record(2)], 2);

    assert.deepEqual(
      records.map((r) => r.offset),
      [0, 1],
    );
    assert.equal(full, true);
  });

  it('when fewer records than the batch size are fetched, the batch is not full (the window may wait for more)', () => {
    assert.equal(takeBatch([record(0)], 5).full, false);
  });

  it('when a failed batch is redelivered, it is cut where the failed one ended', () => {
    const { records, full } = takeBatch([record(3), record(4), record(5)], 10, 4);

    assert.deepEqual(
      records.map((r) => r.offset),
      [3, 4],
    );
    assert.equal(full, true);
  });

  it('when records would make the event bigger than 6 MB, the batch ends before them and its event stays under the limit', () => {
    const big = Array.from({ length: 5 }, (_, i) => record(i, 2 * 1024 * 1024));

    const { records, full } = takeBatch(big, 100);

    assert.equal(records.length, 2);
    assert.equal(full, true);
    assert.ok(Buffer.byteLength(JSON.stringify(buildKafkaEvent(records, { bootstrapServers: 'localhost:9092' }))) < MAX_EVENT_BYTES);
  });

  it('when one record alone is over the limit, it still goes alone', () => {
    assert.equal(takeBatch([record(0, 7 * 1024 * 1024), record(1)], 100).records.length, 1);
  });
});

describe('batch item failures of a local delivery', () => {
  const batch = { topic: 'orders', partition: 0 };
  const records = [record(5), record(6), record(7)];
  const failure = (partition: string, offset: unknown) => ({ itemIdentifier: { partition, offset } });

  it('when the answer lists failed items, the first failed offset of the partition is where delivery resumes', () => {
    assert.equal(firstFailedOffset({ batchItemFailures: [failure('orders-0', 7), failure('orders-0', 6)] }, batch, records), 6);
  });

  it('when the answer has no failures, the batch succeeded', () => {
    assert.equal(firstFailedOffset({ batchItemFailures: [] }, batch, records), undefined);
    assert.equal(firstFailedOffset({}, batch, records), undefined);
  });

  it('when the answer names an item outside the batch or is malformed, the whole batch failed, as Lambda treats it', () => {
    const problems: string[] = [];
    assert.equal(
      firstFailedOffset({ batchItemFailures: [failure('orders-1', 6)] }, batch, records, (p) => problems.push(p)),
      5,
    );
    assert.equal(firstFailedOffset({ batchItemFailures: [failure('orders-0', 99)] }, batch, records), 5);
    assert.equal(firstFailedOffset({ batchItemFailures: 'all' }, batch, records), 5);
    assert.match(problems[0] ?? '', /not in the batch orders-0@5/);
  });
});
