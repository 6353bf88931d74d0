import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { CopycatError } from '../../errors.ts';
import { ConsumerLag } from '../../kafka/consumer-lag.ts';
import { LiveView } from '../../standalone/live-view.ts';
import { stackAddresses, stackUp } from '../../standalone/stack/local-stack.ts';
import { StandaloneWorker } from '../../standalone/worker.ts';
import type { Command, CommandIo } from '../command.ts';
import { readConnectorFile } from '../connector-file.ts';

const usage = `Usage: copycat standalone [--worker worker.json] [--live] [connector.json|.properties ...]

Runs Copycat in one process, like connect-standalone: the REST API on 127.0.0.1:8083, the
reconciler, source tasks and sinks, on the local stack (started when needed) or on
KAFKA_BROKERS / DYNAMODB_ENDPOINT. Each connector file is created or updated; one that does
not parse or validate is reported and the others still start. Ctrl-C stops it cleanly.

  --worker FILE   JSON settings: "rest.host", "rest.port" (8083), "table.name"
                  (copycat-standalone), "source.run.ms" (5000)
  --live          print a live view of every connector and task every 2 seconds`;

interface WorkerFile {
  readonly 'rest.host'?: string;
  readonly 'rest.port'?: number;
  readonly 'table.name'?: string;
  readonly 'source.run.ms'?: number;
}

/** `copycat standalone`: the local worker. */
export const standaloneCommand: Command = {
  name: 'standalone',
  summary: 'run the REST API, the reconciler and every connector in one local process',
  usage,
  async run(args, io) {
    let parsed: { values: { worker?: string; live?: boolean }; positionals: string[] };
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { worker: { type: 'string' }, live: { type: 'boolean' } } });
    } catch (error) {
      io.stderr.write(`copycat standalone: ${(error as Error).message}\n${usage}\n`);
      return 2;
    }
    let worker: StandaloneWorker;
    try {
      const settings = parsed.values.worker === undefined ? {} : readWorkerFile(parsed.values.worker);
      for (const service of await stackUp()) io.stdout.write(`${service.title.padEnd(22)} ${service.address} (${service.outcome})\n`);
      const addresses = stackAddresses();
      worker = await StandaloneWorker.start({
        kafka: { brokers: addresses.kafkaBrokers },
        dynamoDbEndpoint: addresses.dynamoDbEndpoint,
        ...(settings['rest.host'] === undefined ? {} : { restHost: settings['rest.host'] }),
        ...(settings['rest.port'] === undefined ? {} : { restPort: settings['rest.port'] }),
        ...(settings['table.name'] === undefined ? {} : { tableName: settings['table.name'] }),
        ...(settings['source.run.ms'] === undefined ? {} : { sourceRunMs: settings['source.run.ms'] }),
      });
    } catch (error) {
      io.stderr.write(`copycat standalone: ${error instanceof CopycatError ? error.message : String(error)}\n`);
      if (String(error).includes('Kafka') || String(error).includes('DynamoDB'))
        io.stderr.write('The local stack logs are in .stack/kafka/service.log and .stack/dynamodb/service.log.\n');
      return 1;
    }
    const failed = await applyConnectorFiles(worker, parsed.positionals, io);
    io.stdout.write(
      [
        '',
        `Copycat standalone is running. REST API: ${worker.rest.url}`,
        `  npx copycat connectors status            every connector and task`,
        `  curl ${worker.rest.url}/connectors?expand=status`,
        '  Ctrl-C stops it; the next start resumes from the stored offsets.',
        '',
      ].join('\n'),
    );
    return await runUntilSignal(worker, parsed.values.live === true, io, failed);
  },
};

function readWorkerFile(file: string): WorkerFile {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as WorkerFile;
  } catch (error) {
    throw new CopycatError(`${file}: not a readable JSON worker file (${(error as Error).message}).`);
  }
}

/** Creates or updates each connector; returns how many files failed (each reported with its file and keys). */
async function applyConnectorFiles(worker: StandaloneWorker, files: readonly string[], io: CommandIo): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      const { name, config } = readConnectorFile(file);
      const connector = name ?? basename(file).replace(/\.(json|properties)$/, '');
      const { created } = await worker.herder.putConnectorConfig(connector, { ...config, name: connector });
      io.stdout.write(`${created ? 'Created' : 'Updated'} connector ${connector} from ${file}\n`);
    } catch (error) {
      failed++;
      io.stderr.write(`${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return failed;
}

/** Serves until SIGINT or SIGTERM, then stops cleanly (a second signal exits at once). */
function runUntilSignal(worker: StandaloneWorker, live: boolean, io: CommandIo, failedFiles: number): Promise<number> {
  const lag = new ConsumerLag({ brokers: stackAddresses().kafkaBrokers });
  const view = new LiveView(worker.herder, worker.metrics, lag);
  let timer: NodeJS.Timeout | undefined;
  if (live) {
    const draw = () =>
      view.frame().then(
        (frame) => io.stdout.write(`\n${frame}`),
        (error: unknown) => io.stderr.write(`live view: ${String(error)}\n`),
      );
    timer = setInterval(draw, 2000);
  }
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(130);
      stopping = true;
      clearInterval(timer);
      io.stdout.write(`\n${signal}: finishing the batches in flight, committing, releasing leases...\n`);
      void Promise.all([worker.close(), lag.close()]).then(
        () => {
          io.stdout.write('Stopped.\n');
          resolve(failedFiles > 0 ? 1 : 0);
        },
        (error: unknown) => {
          io.stderr.write(`copycat standalone: stopping failed: ${String(error)}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
