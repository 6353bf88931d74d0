import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Filter, plugins } from '../../../shared/transforms/filter.ts';
import { sinkRecord } from '../../support/records.ts';

describe('Filter', () => {
  it('when it is applied, every record is dropped', () => {
    // Prepare
    const filter = new Filter();
    filter.configure({ anything: 'ignored' });
    const record = sinkRecord({ key: 'k', value: 'v' });

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
