import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { murmur2, partitionForKey, StickyPartitioner } from '../../../../shared/kafka/partitioner.ts';

// Computed with Kafka 4.3.1's own `Utils.murmur2` and `toPositive(murmur2(key)) % n` (kafka-clients jar).
const JAVA: [key: string, hash: number, partitions: Record<number, number>][] = [
  ['21', -973932308, { 3: 0, 6: 0, 12: 0, 100: 40 }],
  ['foobar', -790332482, { 3: 0, 6: 0, 12: 6, 100: 66 }],
  ['a-little-bit-long-string', -985981536, { 3: 2, 6: 2, 12: 8, 100: 12 }],
  ['a-little-bit-longer-string', -1486304829, { 3: 2, 6: 5, 12: 11, 100: 19 }],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971, { 3: 2, 6: 5, 12: 5, 100: 77 }],
  ['abc', 479470107, { 3: 0, 6: 3, 12: 3, 100: 7 }],
  ['', 275646681, { 3: 0, 6: 3, 12: 9, 100: 81 }],
  ['order-1', 1221710326, { 3: 1, 6: 4, 12: 10, 100: 26 }],
  ['ü€𝄞', 1018292344, { 3: 1, 6: 4, 12: 4, 100: 44 }],
  ['key-0', 29210041, { 3: 1, 6: 1, 12: 1, 100: 41 }],
  ['key-3', -1839136101, { 3: 2, 6: 5, 12: 11, 100: 47 }],
];

describe("the producer's partitioner", () => {
  for (const [key, hash, partitions] of JAVA) {
    it(`when the key is "${key}", it hashes and partitions it as Kafka's Java client does`, () => {
      // Prepare
      const bytes = new TextEncoder().encode(key);
      // Act
      const computed = Object.fromEntries(Object.keys(partitions).map((n) => [n, partitionForKey(bytes, Number(n))]));
      // Assess
      assert.equal(murmur2(bytes), hash);
      assert.deepEqual(computed, Object.fromEntries(Object.entries(partitions).map(([n, p]) => [n, p])));
    });
  }

  it('when unkeyed records are partitioned, it sticks to one partition until batch.size bytes went to it, then moves on', () => {
    // Prepare
    const sticky = new StickyPartitioner(100, 0);
    // Act
    const chosen = Array.from({ length: 6 }, () => sticky.partition('t', 3, 40));
    // Assess: 40 + 40 + 40 ≥ 100 after the third record.
    assert.deepEqual(chosen, [0, 0, 0, 1, 1, 1]);
  });

  it('when only some partitions have a leader, unkeyed records go to those', () => {
    // Prepare
    const sticky = new StickyPartitioner(1, 0);
    // Act
    const chosen = Array.from({ length: 4 }, () => sticky.partition('t', 4, 10, [1, 3]));
    // Assess
    assert.deepEqual(chosen, [1, 3, 1, 3]);
  });
});
