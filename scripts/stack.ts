// `npm run stack` / `npm run stack:down`: the local Kafka broker and DynamoDB Local.
import { CopycatError } from '../shared/errors.ts';
import { stackDown, stackUp } from '../shared/standalone/stack/local-stack.ts';

const command = process.argv[2];
try {
  if (command === 'up') {
    for (const service of await stackUp()) {
      console.log(
        `${service.title.padEnd(22)} ${service.address.padEnd(40)} ${service.outcome}${service.note ? ` (${service.note})` : ''}`,
      );
    }
  } else if (command === 'down') {
    const stopped = await stackDown();
    console.log(stopped.length === 0 ? 'Nothing of the local stack was running.' : `Stopped: ${stopped.join(', ')}.`);
  } else {
    console.error('usage: node scripts/stack.ts up|down');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof CopycatError ? error.message : error);
  process.exitCode = 1;
}
