import { readFileSync } from 'node:fs';
import type { Command, CommandIo } from './command.ts';
import { connectorsCommand } from './commands/connectors.ts';
import { offsetsCommand } from './commands/offsets.ts';
import { pluginsCommand } from './commands/plugins.ts';
import { standaloneCommand } from './commands/standalone.ts';
import { transformCommand } from './commands/transform.ts';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The subcommands, in the order `copycat --help` lists them. Later parts of Copycat add theirs here. */
export const commands: readonly Command[] = [standaloneCommand, connectorsCommand, offsetsCommand, pluginsCommand, transformCommand];

export const version = packageJson.version;

function help(): string {
  const width = Math.max(0, ...commands.map((command) => command.name.length)) + 2;
  return [
    'copycat: Kafka Connect as a serverless deployment on AWS.',
    '',
    'Usage: copycat <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Options:',
    "  --help, -h     show this help (or a command's, after its name)",
    '  --version, -v  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI with the given arguments; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(args: string[], io: CommandIo = process): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(help());
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (command === undefined) {
    io.stderr.write(`copycat: unknown command "${first}". Run "copycat --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest, io);
}
