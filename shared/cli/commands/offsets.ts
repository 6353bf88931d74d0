import { readFileSync } from 'node:fs';
import { CopycatError } from '../../errors.ts';
import { json, table } from '../output.ts';
import { restCommand } from '../rest/rest-command.ts';

interface Offsets {
  offsets: { partition: Record<string, unknown>; offset: Record<string, unknown> | null }[];
}

const path = (name: string) => `connectors/${encodeURIComponent(name)}/offsets`;

/** `copycat offsets ...`: read, alter and reset a connector's offsets (KIP-875; alter and reset need it STOPPED). */
export const offsetsCommand = restCommand('offsets', "read, alter or reset a connector's offsets", [
  {
    name: 'get',
    args: '<name>',
    summary: 'the committed offsets',
    minArgs: 1,
    async run(call) {
      const answer = await call.client.request<Offsets>('GET', path(call.args[0] as string));
      call.io.stdout.write(
        call.json
          ? json(answer)
          : table(
              ['PARTITION', 'OFFSET'],
              (answer?.offsets ?? []).map((entry) => [JSON.stringify(entry.partition), JSON.stringify(entry.offset)]),
            ),
      );
    },
  },
  {
    name: 'alter',
    args: '<name> <offsets.json>',
    summary: 'set offsets from {"offsets":[{"partition":{..},"offset":{..}}]}',
    minArgs: 2,
    async run(call) {
      const file = call.args[1] as string;
      let body: unknown;
      try {
        body = JSON.parse(readFileSync(file, 'utf8'));
      } catch (cause) {
        throw new CopycatError(
          `${file}: not a readable JSON file (${(cause as Error).message}); expected {"offsets":[{"partition":{...},"offset":{...}}]}`,
        );
      }
      const answer = await call.client.request<{ message: string }>('PATCH', path(call.args[0] as string), body);
      call.io.stdout.write(call.json ? json(answer) : `${answer?.message ?? 'Offsets altered.'}\n`);
    },
  },
  {
    name: 'reset',
    args: '<name>',
    summary: 'delete every committed offset',
    minArgs: 1,
    async run(call) {
      const answer = await call.client.request<{ message: string }>('DELETE', path(call.args[0] as string));
      call.io.stdout.write(call.json ? json(answer) : `${answer?.message ?? 'Offsets reset.'}\n`);
    },
  },
]);
