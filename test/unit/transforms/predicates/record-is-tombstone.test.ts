import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plugins, RecordIsTombstone } from '../../../../shared/transforms/predicates/record-is-tombstone.ts';
import { sinkRecord } from '../../../support/records.ts';

const recordWith = (key: unknown, value: unknown) => sinkRecord({ key, value });

describe('RecordIsTombstone', () => {
  it('when the value is null, it is true whatever the key', () => {
    // Prepare
    const predicate = new RecordIsTombstone();
    predicate.configure({});

    // Act & Assess
    assert.equal(predicate.test(recordWith('k', null)), true);
    assert.equal(predicate.test(recordWith(null, '')), false);
    assert.equal(predicate.test(recordWith(null, 0)), false);
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone');
  });
});
