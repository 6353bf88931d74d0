// Runs after `npm ci` / `npm install` (package.json "postinstall"), before anything bundles kafkajs.
// Two hot spots of kafkajs 2.2.4's producer, fixed in place without changing what it sends:
//  - it groups a send's messages per partition by copying the partition's array for every message
//    (`[...current, message]`): quadratic in the messages per partition, the largest single cost of
//    producing a 2,000-record poll batch; replaced by a linear loop returning the same object;
//  - its Encoder takes every buffer (one per record) zero-filled and outside Node's pool
//    (`Buffer.alloc`), though it only ever writes before `offset` and hands out `slice(0, offset)`;
//    `Buffer.allocUnsafe` gives the same bytes out, pooled and unfilled.
// Plain JavaScript, so that it runs on whichever Node npm runs scripts with.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARKER = 'copycat:';

const PATCHES = [
  {
    file: 'src/producer/groupMessagesPerPartition.js',
    marker: `// ${MARKER} linear grouping (scripts/patch-kafkajs.mjs)`,
    find: `  return messages.reduce((result, message) => {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition] || []
    return Object.assign(result, { [partition]: [...current, message] })
  }, {})`,
    replace: `  const result = {}
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition]
    if (current === undefined) result[partition] = [message]
    else current.push(message)
  }
  return result`,
  },
  {
    file: 'src/protocol/encoder.js',
    marker: `// ${MARKER} pooled, unfilled buffers (scripts/patch-kafkajs.mjs)`,
    find: `    this.buf = Buffer.alloc(Encoder.nextPowerOfTwo(initialSize))`,
    replace: `    this.buf = Buffer.allocUnsafe(Encoder.nextPowerOfTwo(initialSize))`,
  },
  {
    file: 'src/protocol/encoder.js',
    marker: `// ${MARKER} pooled, unfilled buffers when growing (scripts/patch-kafkajs.mjs)`,
    find: `      const newBuffer = Buffer.alloc(newLength)`,
    replace: `      const newBuffer = Buffer.allocUnsafe(newLength)`,
  },
];

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kafkajs/package.json'));
for (const patch of PATCHES) {
  const file = join(root, patch.file);
  const text = readFileSync(file, 'utf8');
  if (text.includes(patch.marker)) continue;
  const at = text.indexOf(patch.find);
  if (at < 0 || text.indexOf(patch.find, at + 1) >= 0) {
    console.warn(`patch-kafkajs: ${file} is not what this patch expects (kafkajs 2.2.4); left as it is (producing is slower).`);
    continue;
  }
  writeFileSync(file, `${patch.marker}\n${text.slice(0, at)}${patch.replace}${text.slice(at + patch.find.length)}`);
  console.log(`patch-kafkajs: ${patch.file}: ${patch.marker.slice(MARKER.length + 4, patch.marker.indexOf(' ('))}`);
}
