import { parseArgs } from 'node:util';
import { CopycatError } from '../../errors.ts';
import type { Command, CommandIo } from '../command.ts';
import { RestClient } from './rest-client.ts';

/** What a REST subcommand gets: its positional arguments, its flags, a client and where to write. */
export interface RestCall {
  readonly args: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  readonly client: RestClient;
  readonly json: boolean;
  readonly io: CommandIo;
}

export interface RestSubcommand {
  readonly name: string;
  /** e.g. `<name> [--include-tasks]`. */
  readonly args: string;
  readonly summary: string;
  /** The positional arguments it needs (fewer is a usage error). */
  readonly minArgs: number;
  readonly flags?: Readonly<Record<string, { type: 'string' | 'boolean' }>>;
  /** Resolves to the exit code, 0 when it says nothing. */
  run(call: RestCall): Promise<number | void>;
}

export const DEFAULT_URL = 'http://127.0.0.1:8083';

/**
 * A `copycat <group> <subcommand>` command over the Kafka Connect REST API, with the options every
 * such command shares: `--url` (default $COPYCAT_URL or http://127.0.0.1:8083) and `--json`.
 */
export function restCommand(name: string, summary: string, subcommands: readonly RestSubcommand[]): Command {
  const usage = [
    `Usage: copycat ${name} <command> [arguments] [--url URL] [--json]`,
    '',
    ...subcommands.map((sub) => `  ${`${sub.name} ${sub.args}`.padEnd(44)}${sub.summary}`),
    '',
    `  --url URL   the REST API (default: $COPYCAT_URL or ${DEFAULT_URL}); API Gateway URLs are signed with your AWS credentials`,
    "  --json      print the API's JSON instead of tables",
  ].join('\n');
  return {
    name,
    summary,
    usage,
    async run(argv, io) {
      const sub = subcommands.find((candidate) => candidate.name === argv[0]);
      if (sub === undefined) {
        io.stderr.write(`${argv[0] === undefined ? '' : `copycat ${name}: unknown command "${argv[0]}".\n`}${usage}\n`);
        return 2;
      }
      let parsed: ReturnType<typeof parseArgs>;
      try {
        parsed = parseArgs({
          args: argv.slice(1),
          allowPositionals: true,
          options: { url: { type: 'string' }, json: { type: 'boolean' }, ...sub.flags },
        });
      } catch (error) {
        io.stderr.write(`copycat ${name} ${sub.name}: ${(error as Error).message}\n`);
        return 2;
      }
      if (parsed.positionals.length < sub.minArgs) {
        io.stderr.write(`Usage: copycat ${name} ${sub.name} ${sub.args}\n`);
        return 2;
      }
      try {
        const url = (parsed.values.url as string | undefined) ?? process.env.COPYCAT_URL ?? DEFAULT_URL;
        const code = await sub.run({
          args: parsed.positionals,
          flags: parsed.values as RestCall['flags'],
          client: new RestClient(url),
          json: parsed.values.json === true,
          io,
        });
        return typeof code === 'number' ? code : 0;
      } catch (error) {
        io.stderr.write(`copycat ${name} ${sub.name}: ${error instanceof CopycatError ? error.message : String(error)}\n`);
        return 1;
      }
    },
  };
}
