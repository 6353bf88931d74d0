// The two workers under test, each in its own process: Copycat's standalone worker and Apache Kafka
// Connect's ConnectStandalone, started on the same connector configs and stopped the same way.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CopycatChildInput } from './copycat-child.ts';
import { kafkaConnectJava } from './kafka-connect.ts';
import { peakRssBytes } from './measure.ts';
import { projectRoot } from './settings.ts';

export type Side = 'copycat' | 'kafkaConnect';
export const SIDES: readonly Side[] = ['copycat', 'kafkaConnect'];
export const SIDE_TITLES: Readonly<Record<Side, string>> = { copycat: 'Copycat', kafkaConnect: 'Kafka Connect' };

/** One connector as both sides get it: Kafka Connect's flat string config. */
export interface ConnectorSpec {
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
}

export interface WorkerContext {
  readonly brokers: readonly string[];
  readonly dynamoDbEndpoint: string;
  readonly copycatSourceRunMs: number | undefined;
}

/** A started worker process. */
export class WorkerProcess {
  readonly side: Side;
  /** Its folder under bench/work: configs and the log. */
  readonly dir: string;
  readonly #child: ChildProcess;
  #peak: number | undefined;
  readonly #sampler: NodeJS.Timeout;

  constructor(side: Side, dir: string, child: ChildProcess) {
    this.side = side;
    this.dir = dir;
    this.#child = child;
    // VmHWM only grows; sampling keeps a figure should the process die before stop() reads it.
    this.#sampler = setInterval(() => this.#sample(), 1000);
    this.#sampler.unref();
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Why the process is gone, or undefined while it runs. */
  exited(): string | undefined {
    if (this.#child.exitCode !== null) return `exited with ${this.#child.exitCode}`;
    if (this.#child.signalCode !== null) return `killed by ${this.#child.signalCode}`;
    return undefined;
  }

  /** Stops the worker (SIGTERM, SIGKILL after 30 s) and answers its peak RSS, read just before. */
  async stop(): Promise<{ peakRssBytes: number | undefined }> {
    this.#sample();
    clearInterval(this.#sampler);
    if (this.exited() === undefined) {
      const exited = once(this.#child, 'exit');
      this.#child.kill('SIGTERM');
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    return { peakRssBytes: this.#peak };
  }

  #sample(): void {
    const peak = peakRssBytes(this.#child.pid);
    if (peak !== undefined) this.#peak = Math.max(this.#peak ?? 0, peak);
  }
}

/** Starts one side's worker with these connectors in `dir`. */
export async function startWorker(
  side: Side,
  ctx: WorkerContext,
  dir: string,
  connectors: readonly ConnectorSpec[],
): Promise<WorkerProcess> {
  mkdirSync(dir, { recursive: true });
  const child = side === 'copycat' ? startCopycat(ctx, dir, connectors) : await startKafkaConnect(ctx, dir, connectors);
  const log = createWriteStream(join(dir, `${side}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return new WorkerProcess(side, dir, child);
}

/** `node bench/harness/copycat-child.ts`: the standalone worker on a fresh DynamoDB table. */
function startCopycat(ctx: WorkerContext, dir: string, connectors: readonly ConnectorSpec[]): ChildProcess {
  const input: CopycatChildInput = {
    brokers: [...ctx.brokers],
    dynamoDbEndpoint: ctx.dynamoDbEndpoint,
    tableName: `copycat-bench-${dir.split('/').pop()}`,
    sourceRunMs: ctx.copycatSourceRunMs,
    connectors: connectors.map(({ name, config }) => ({ name, config: { ...config } })),
  };
  writeFileSync(join(dir, 'copycat-worker.json'), `${JSON.stringify(input, null, 2)}\n`);
  return spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(import.meta.dirname, 'copycat-child.ts')], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_CHILD: JSON.stringify(input) },
  });
}

/**
 * `java … ConnectStandalone worker.properties <connector>.properties…`: the worker settings Kafka
 * Connect cannot start without, and nothing else (every other worker setting keeps its default).
 */
async function startKafkaConnect(ctx: WorkerContext, dir: string, connectors: readonly ConnectorSpec[]): Promise<ChildProcess> {
  const java = kafkaConnectJava();
  const workerFile = join(dir, 'worker.properties');
  writeFileSync(workerFile, properties(kafkaConnectWorkerConfig(ctx, dir, await freePort())));
  const connectorFiles = connectors.map(({ name, config }) => {
    const file = join(dir, `${name}.properties`);
    writeFileSync(file, properties({ name, ...config }));
    return file;
  });
  return spawn(
    java.command,
    [...java.jvmOptions, '-cp', java.classpath, 'org.apache.kafka.connect.cli.ConnectStandalone', workerFile, ...connectorFiles],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** Kafka Connect's worker.properties: the required settings (converters are set per connector on both sides). */
export function kafkaConnectWorkerConfig(ctx: Pick<WorkerContext, 'brokers'>, dir: string, restPort: number): Record<string, string> {
  return {
    'bootstrap.servers': ctx.brokers.join(','),
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'offset.storage.file.filename': join(dir, 'connect.offsets'),
    listeners: `http://127.0.0.1:${restPort}`,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

function properties(values: Readonly<Record<string, string>>): string {
  // Backslashes and the `$` of inner class names are fine as they are; only `\` needs escaping in .properties.
  return `${Object.entries(values)
    .map(([k, v]) => `${k}=${v.replaceAll('\\', '\\\\')}`)
    .join('\n')}\n`;
}
