import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SinkRecord } from '../../../shared/api/record/sink-record.ts';
import { Filter, plugins } from '../../../shared/transforms/filter.ts';

describe('Filter', () => {
  it('when it is applied, every record is dropped', () => {
    // Prepare
    const filter = new Filter();
    filter.configure({ anything: 'ignored' });
    const record = new SinkRecord({
      topic: 't',
      kafkaPartition: 0,
      kafkaOffset: 0,
      timestamp: null,
      keySchema: null,
      key: 'k',
      valueSchema: null,
      value: 'v',
    });

    // Act
    const result = filter.apply(record);

    // Assess
    assert.equal(result, null);
    assert.deepEqual([...filter.config().names()], []);
  });

  it('when registered, it is found under Kafka’s class name', () => {
    // Assess
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.Filter');
  });
});
