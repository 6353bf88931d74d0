import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SubmittedBatches } from '../../../../shared/runtime/source/submitted-batches.ts';

const at = (file: string, position: number) => ({ partition: { filename: file }, offset: { position } });

describe('which offsets may be committed', () => {
  it('when a later batch is acknowledged before an earlier one, nothing past the earlier batch is committable', () => {
    // Prepare
    const batches = new SubmittedBatches();
    const first = batches.submit([at('a', 1), at('a', 2)]);
    const second = batches.submit([at('a', 3)]);
    // Act
    second();
    const early = batches.takeCommittable();
    first();
    const late = batches.takeCommittable();
    // Assess
    assert.deepEqual(early, []);
    assert.deepEqual(late, [{ partition: { filename: 'a' }, offset: { position: 3 } }]);
    assert.equal(batches.size, 0);
  });

  it('when batches touch several source partitions, the latest offset of each is committed, and records without one are skipped', () => {
    // Prepare
    const batches = new SubmittedBatches();
    batches.submit([at('a', 1), at('b', 10), { partition: null, offset: null }, at('a', 2)])();
    // Act
    const committable = batches.takeCommittable();
    // Assess
    assert.deepEqual(committable, [
      { partition: { filename: 'a' }, offset: { position: 2 } },
      { partition: { filename: 'b' }, offset: { position: 10 } },
    ]);
  });

  it('when a batch is still pending, it and the batches after it stay for the next commit', () => {
    const batches = new SubmittedBatches();
    batches.submit([at('a', 1)])();
    batches.submit([at('a', 2)]);
    batches.submit([at('a', 3)])();
    assert.deepEqual(batches.takeCommittable(), [{ partition: { filename: 'a' }, offset: { position: 1 } }]);
    assert.equal(batches.size, 2);
    assert.equal(batches.pending, 1);
  });
});
