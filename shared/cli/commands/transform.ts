import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { kafkaClassNameOf } from '../../api/errors.ts';
import { CopycatError } from '../../errors.ts';
import { builtInPlugins } from '../../plugins/built-in.ts';
import { fromConnectRecord, toSinkRecord } from '../../runtime/record-conversion.ts';
import { buildRecordPath, type RecordPath, validateRecordPath } from '../../runtime/record-path.ts';
import { StageError } from '../../runtime/stage.ts';
import type { Command, CommandIo } from '../command.ts';
import { readConnectorFile } from '../connector-file.ts';
import { formatJsonlRecord, parseJsonlRecord } from '../jsonl-records.ts';

const usage = `Usage: copycat transform --config <connector.json> [--input <records.jsonl>]

Runs records through a connector config's converters and SMT chain, as Kafka Connect would, and
prints the records that come out. Input (stdin without --input) and output are JSON Lines:
  {"topic","partition","offset","timestamp","key","value","headers":[{"key","value"}]}
key, value and header values are the record bytes as UTF-8 text, or keyBase64 / valueBase64.
A failing record prints one line to stderr with its offset, stage and cause; with
errors.tolerance=none the command stops there (exit 1), with all it goes on.
Exit codes: 0 done, 1 a record failed, 2 bad arguments or an invalid config.`;

/** `copycat transform`: try an SMT chain on sample records before deploying it. */
export const transformCommand: Command = {
  name: 'transform',
  summary: "run records through a connector config's converters and transforms",
  usage,
  async run(args, io) {
    let options: { config?: string; input?: string };
    try {
      ({ values: options } = parseArgs({ args, options: { config: { type: 'string' }, input: { type: 'string' } } }));
    } catch (error) {
      io.stderr.write(`copycat transform: ${(error as Error).message}\n${usage}\n`);
      return 2;
    }
    if (options.config === undefined) {
      io.stderr.write(`copycat transform: --config is required.\n${usage}\n`);
      return 2;
    }
    let path: RecordPath;
    try {
      const { config } = readConnectorFile(options.config);
      const errors = validateRecordPath(config, builtInPlugins);
      if (errors.size > 0) {
        io.stderr.write(`${options.config}: invalid connector config (${errors.size} ${errors.size === 1 ? 'key' : 'keys'}):\n`);
        for (const [key, messages] of errors) for (const message of messages) io.stderr.write(`  ${key}: ${message}\n`);
        return 2;
      }
      path = buildRecordPath(config, builtInPlugins);
    } catch (error) {
      io.stderr.write(`${error instanceof CopycatError ? error.message : String(error)}\n`);
      return 2;
    }
    try {
      return await transformStream(path, options.input, io);
    } finally {
      path.chain.close();
    }
  },
};

async function transformStream(path: RecordPath, input: string | undefined, io: CommandIo): Promise<number> {
  const source = input === undefined ? io.stdin : createReadStream(input);
  const name = input ?? 'stdin';
  const lines = createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let failed = false;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const problem = transformLine(path, line, `${name}:${lineNumber}`, lineNumber - 1, io);
      if (problem === undefined) continue;
      io.stderr.write(`${problem}\n`);
      failed = true;
      if (!path.toleratesErrors) return 1;
    }
  } catch (error) {
    io.stderr.write(`${name}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
    return 2;
  }
  return failed && !path.toleratesErrors ? 1 : 0;
}

/** Processes one line; returns the error line to report, or undefined when it went through (or was filtered). */
function transformLine(path: RecordPath, line: string, where: string, defaultOffset: number, io: CommandIo): string | undefined {
  let offset = defaultOffset;
  try {
    const message = parseJsonlRecord(line, where, { topic: 'records', offset: defaultOffset });
    offset = message.offset;
    const transformed = path.chain.apply(toSinkRecord(message, path.converters));
    if (transformed === null) return undefined;
    const converted = fromConnectRecord(transformed, path.converters);
    io.stdout.write(`${formatJsonlRecord({ ...converted, offset: transformed.kafkaOffset })}\n`);
    return undefined;
  } catch (error) {
    if (error instanceof StageError) {
      const cause = error.cause;
      return `${where}: offset ${offset}: stage ${error.stage} (${error.pluginClass}) failed: ${kafkaClassNameOf(cause)}: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    if (error instanceof CopycatError) return error.message;
    throw error;
  }
}
