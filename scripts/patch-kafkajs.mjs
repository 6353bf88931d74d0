// Runs after `npm ci` / `npm install` (package.json "postinstall"), before anything bundles kafkajs.
// kafkajs 2.2.4 groups a send's messages per partition by copying the partition's array for every
// message (`[...current, message]`): quadratic in the messages per partition, which made it the
// largest single cost of producing a 2,000-record poll batch. This replaces that one function with
// a linear one that returns the same object (partition → messages in order). Plain JavaScript, so
// that it runs on whichever Node npm runs scripts with.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const PATCH_MARKER = 'copycat: linear grouping';

const ORIGINAL = `module.exports = ({ topic, partitionMetadata, messages, partitioner }) => {
  if (partitionMetadata.length === 0) {
    return {}
  }

  return messages.reduce((result, message) => {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition] || []
    return Object.assign(result, { [partition]: [...current, message] })
  }, {})
}
`;

const PATCHED = `// ${PATCH_MARKER} (scripts/patch-kafkajs.mjs): the same result, without copying arrays per message.
module.exports = ({ topic, partitionMetadata, messages, partitioner }) => {
  if (partitionMetadata.length === 0) {
    return {}
  }

  const result = {}
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition]
    if (current === undefined) result[partition] = [message]
    else current.push(message)
  }
  return result
}
`;

const require = createRequire(import.meta.url);
const file = join(dirname(require.resolve('kafkajs/package.json')), 'src', 'producer', 'groupMessagesPerPartition.js');
const current = readFileSync(file, 'utf8');
if (current.includes(PATCH_MARKER)) process.exit(0);
if (current !== ORIGINAL) {
  console.warn(`patch-kafkajs: ${file} is not the kafkajs 2.2.4 file this patch replaces; left as it is (producing is slower).`);
  process.exit(0);
}
writeFileSync(file, PATCHED);
console.log('patch-kafkajs: kafkajs groups messages per partition in linear time');
