import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

// scripts/patch-kafkajs.mjs runs at install: these fail when it did not (a CI install without it
// would produce correctly but several times slower).
const require = createRequire(import.meta.url);
type Group = (args: {
  topic: string;
  partitionMetadata: readonly { partitionId: number }[];
  messages: readonly { value: string }[];
  partitioner: (args: { message: { value: string } }) => number;
}) => Record<string, { value: string }[]>;

describe('the installed kafkajs', () => {
  it('when installed, carries the patches of scripts/patch-kafkajs.mjs: linear grouping, pooled encoder buffers', () => {
    const source = (path: string) => readFileSync(require.resolve(`kafkajs/src/${path}`), 'utf8');
    assert.match(source('producer/groupMessagesPerPartition.js'), /copycat: linear grouping/);
    assert.match(source('protocol/encoder.js'), /copycat: pooled, unfilled buffers \(/);
    assert.match(source('protocol/encoder.js'), /copycat: pooled, unfilled buffers when growing/);
    assert.doesNotMatch(source('protocol/encoder.js'), /Buffer\.alloc\(/);
  });

  it('when it groups messages, each partition keeps its messages in order, as the original did', () => {
    // Prepare
    const group = require('kafkajs/src/producer/groupMessagesPerPartition.js') as Group;
    const messages = Array.from({ length: 7 }, (_, i) => ({ value: `m${i}` }));
    // Act
    const grouped = group({
      topic: 'orders',
      partitionMetadata: [{ partitionId: 0 }, { partitionId: 1 }, { partitionId: 2 }],
      messages,
      partitioner: ({ message }) => Number(message.value.slice(1)) % 3,
    });
    // Assess
    assert.deepEqual(grouped, {
      0: [{ value: 'm0' }, { value: 'm3' }, { value: 'm6' }],
      1: [{ value: 'm1' }, { value: 'm4' }],
      2: [{ value: 'm2' }, { value: 'm5' }],
    });
    assert.deepEqual(group({ topic: 'orders', partitionMetadata: [], messages, partitioner: () => 0 }), {});
  });
});
