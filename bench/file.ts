// `npm run bench:file`: the file connectors end to end on the local broker, side by side in one run
// with Apache Kafka Connect 4.3.1 in standalone mode (jars from Maven Central, bench/kafka-connect/pom.xml):
//   1. file source → topic: BENCH_LINES lines of ~200 bytes into a fresh topic, FileStreamSource;
//   2. topic → file sink: that topic into a file, FileStreamSink;
//   3. Copycat in-process: one 10,000-record ESM event (1 KB JSON) through JsonConverter → 3 SMTs →
//      FileStreamSink in the SinkWorker, records/s and peak RSS.
// Each side runs as its own process (`node bench/file.ts --copycat-worker` for Copycat's standalone
// worker, `java … ConnectStandalone` for Kafka Connect), timed from spawn (process start included on
// both sides) until the topic's end offset reaches N (source) or the sink file has N lines (sink).
// Runs alternate Copycat / Kafka Connect, BENCH_REPS times each.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

const root = join(import.meta.dirname, '..');
const workDir = join(import.meta.dirname, 'work', 'file');
const brokers = [process.env.BENCH_BROKER ?? '127.0.0.1:9092'];
const dynamoDbEndpoint = process.env.BENCH_DYNAMODB ?? 'http://127.0.0.1:8000';
const lines = Number(process.env.BENCH_LINES ?? 200_000);
const reps = Number(process.env.BENCH_REPS ?? 3);
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);
const ESM_RECORDS = 10_000;
const POLL_MS = 50;

const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';

type Side = 'copycat' | 'kafkaConnect';
interface Summary {
  median: number;
  min: number;
  max: number;
}

// ---------------------------------------------------------------- child: Copycat's standalone worker

/** Starts the standalone worker on a fresh table, creates one connector, runs until SIGTERM. */
async function copycatWorker(): Promise<void> {
  const { tableName, name, config } = JSON.parse(process.env.BENCH_CHILD ?? '{}') as {
    tableName: string;
    name: string;
    config: Record<string, string>;
  };
  const { StandaloneWorker } = await import('../shared/standalone/worker.ts');
  const { createDynamoDbClient } = await import('../shared/stores/dynamodb/client.ts');
  const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
  const started = performance.now();
  const stamp = () => `[+${Math.round(performance.now() - started)} ms, uptime ${Math.round(process.uptime() * 1000)} ms]`;
  process.stderr.write(`${stamp()} copycat: modules loaded\n`);
  const worker = await StandaloneWorker.start({
    kafka: { brokers },
    dynamoDbEndpoint,
    tableName,
    restPort: 0,
    sourceRunMs: 60_000,
    log: (line) => process.stderr.write(`${stamp()} ${line}\n`),
  });
  process.stderr.write(`${stamp()} copycat: worker started\n`);
  await worker.herder.putConnectorConfig(name, config);
  process.stderr.write(`${stamp()} copycat: connector ${name} created\n`);
  const stop = async () => {
    await worker.close();
    const client = createDynamoDbClient(dynamoDbEndpoint);
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

// ---------------------------------------------------------------- child: one ESM event in-process

/** One 10,000-record ESM event through the SinkWorker on memory stores; prints JSON figures. */
async function esmEvent(): Promise<void> {
  const { benchConfig, benchRecords } = await import('./transforms.ts');
  const { buildKafkaEvent } = await import('../shared/kafka/esm-event.ts');
  const { createMemoryStores } = await import('../shared/stores/memory/stores.ts');
  const { SinkWorker } = await import('../shared/runtime/sink/sink-worker.ts');
  const { builtInPlugins } = await import('../shared/plugins/built-in.ts');
  const file = join(workDir, `esm-${randomUUID()}.txt`);
  const encoder = new TextEncoder();
  const event = (base: number) =>
    buildKafkaEvent(
      benchRecords(ESM_RECORDS).map((record) => ({
        topic: record.topic,
        partition: record.partition,
        offset: base + record.offset,
        timestamp: record.timestamp ?? null,
        timestampType: 'CREATE_TIME' as const,
        key: record.key === null || record.key === undefined ? null : encoder.encode(String(record.key)),
        value: record.value === null || record.value === undefined ? null : encoder.encode(String(record.value)),
        headers: [],
      })),
      { bootstrapServers: brokers[0] ?? '' },
    );
  const first = event(0);
  const second = event(ESM_RECORDS);
  const recordBytes = Buffer.from(first.records['orders-0']?.[0]?.value ?? '', 'base64').length;
  const stores = createMemoryStores();
  const name = 'esm-bench';
  const props = { name, 'connector.class': FILE_SINK, 'tasks.max': '1', topics: 'orders', file, ...benchConfig };
  await stores.configs.create(name, props);
  await stores.configs.putTasks(name, [{ ...props, 'task.class': 'FileStreamSinkTask' }], 0);
  const worker = new SinkWorker({ configs: stores.configs, statuses: stores.statuses, registry: builtInPlugins, workerId: 'bench' });
  const rssBefore = process.memoryUsage().rss;
  const timed = async (payload: unknown) => {
    const start = performance.now();
    const answer = await worker.handle({ connector: name, event: payload, reportBatchItemFailures: false });
    if (answer !== undefined && answer.batchItemFailures.length > 0) throw new Error(`batch failed: ${JSON.stringify(answer)}`);
    return (performance.now() - start) / 1000;
  };
  // The first event also starts the task (a Lambda's first invocation); the second runs warm.
  const coldSeconds = await timed(first);
  const warmSeconds = await timed(second);
  await worker.close();
  const written = countLines(file);
  rmSync(file, { force: true });
  if (written !== 2 * ESM_RECORDS) throw new Error(`the sink file has ${written} lines, expected ${2 * ESM_RECORDS}`);
  process.stdout.write(
    `${JSON.stringify({ coldSeconds, warmSeconds, recordBytes, rssBeforeBytes: rssBefore, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

// ---------------------------------------------------------------- parent

function countLines(file: string): number {
  if (!existsSync(file)) return 0;
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let count = 0;
  for (;;) {
    const read = readSync(fd, buffer, 0, buffer.length, null);
    if (read <= 0) break;
    for (let i = 0; i < read; i++) if (buffer[i] === 10) count++;
  }
  closeSync(fd);
  return count;
}

/** Counts the lines of a growing file incrementally. */
class LineCounter {
  #position = 0;
  #count = 0;
  readonly #buffer = Buffer.alloc(1 << 20);
  readonly #file: string;
  constructor(file: string) {
    this.#file = file;
  }
  poll(): number {
    if (!existsSync(this.#file)) return 0;
    const fd = openSync(this.#file, 'r');
    for (;;) {
      const read = readSync(fd, this.#buffer, 0, this.#buffer.length, this.#position);
      if (read <= 0) break;
      this.#position += read;
      for (let i = 0; i < read; i++) if (this.#buffer[i] === 10) this.#count++;
    }
    closeSync(fd);
    return this.#count;
  }
}

function writeInputFile(file: string, count: number): number {
  const pad = 'x'.repeat(200);
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const prefix = `line ${String(i).padStart(9, '0')} order=${(i * 7919) % 100_003} customer=customer-${i % 10_007} `;
    const line = prefix + pad.slice(0, 199 - prefix.length);
    bytes += line.length + 1;
    out.push(line);
  }
  writeFileSync(file, `${out.join('\n')}\n`);
  return bytes / count;
}

function kafkaConnectClasspath(): string {
  const cached = join(import.meta.dirname, 'work', 'kafka-connect.classpath');
  const pom = join(import.meta.dirname, 'kafka-connect', 'pom.xml');
  if (!existsSync(cached) || statSync(cached).mtimeMs < statSync(pom).mtimeMs) {
    console.error('resolving Kafka Connect 4.3.1 with Maven …');
    execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cached}`], { stdio: 'inherit' });
  }
  return execFileSync('cat', [cached], { encoding: 'utf8' }).trim();
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

function properties(values: Record<string, string>): string {
  return `${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

async function startKafkaConnect(classpath: string, run: string, connector: Record<string, string>): Promise<ChildProcess> {
  const dir = join(workDir, run);
  mkdirSync(dir, { recursive: true });
  const worker = join(dir, 'worker.properties');
  const connectorFile = join(dir, 'connector.properties');
  writeFileSync(
    worker,
    properties({
      'bootstrap.servers': brokers.join(','),
      'key.converter': STRING_CONVERTER,
      'value.converter': STRING_CONVERTER,
      'offset.storage.file.filename': join(dir, 'connect.offsets'),
      'offset.flush.interval.ms': '1000',
      listeners: `http://127.0.0.1:${await freePort()}`,
    }),
  );
  writeFileSync(connectorFile, properties(connector));
  const log = createWriteStream(join(dir, 'connect.log'));
  const child = spawn('java', ['-cp', classpath, 'org.apache.kafka.connect.cli.ConnectStandalone', worker, connectorFile], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

function startCopycat(run: string, name: string, config: Record<string, string>): ChildProcess {
  const dir = join(workDir, run);
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, 'copycat.log'));
  const child = spawn(
    process.execPath,
    ['--disable-warning=TimeoutNegativeWarning', join(import.meta.dirname, 'file.ts'), '--copycat-worker'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_CHILD: JSON.stringify({ tableName: `copycat-bench-${run}`, name, config }) },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Polls until `done` says so; seconds from `start`. */
async function until(start: number, child: ChildProcess, what: string, done: () => Promise<boolean> | boolean): Promise<number> {
  for (;;) {
    if (await done()) return (performance.now() - start) / 1000;
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode} (see its log under bench/work/file)`);
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const stamp = Date.now().toString(36);
  const input = join(workDir, `input-${stamp}.txt`);
  const lineBytes = writeInputFile(input, lines);
  const classpath = kafkaConnectClasspath();
  const kafka = new Kafka({ clientId: 'bench-file', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const endOffset = async (topic: string) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  };
  const sides: Side[] = ['copycat', 'kafkaConnect'];
  const seconds = {
    source: { copycat: [] as number[], kafkaConnect: [] as number[] },
    sink: { copycat: [] as number[], kafkaConnect: [] as number[] },
  };
  let sinkTopic: string | undefined;

  // 1. file source → topic
  for (let rep = 1; rep <= reps; rep++)
    for (const side of sides) {
      const run = `${stamp}-source-${side}-${rep}`;
      const topic = `bench-file-${run}`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      const name = `bench-source-${run}`;
      const config = { 'connector.class': FILE_SOURCE, 'tasks.max': '1', file: input, topic };
      const start = performance.now();
      const child =
        side === 'copycat'
          ? startCopycat(run, name, { ...config, 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER })
          : await startKafkaConnect(classpath, run, { name, ...config });
      try {
        const took = await until(start, child, `${side} source`, async () => (await endOffset(topic)) >= lines);
        seconds.source[side].push(took);
        console.error(`source ${side} #${rep}: ${took.toFixed(2)} s, ${Math.round(lines / took)} records/s`);
      } finally {
        await stop(child);
      }
      const end = await endOffset(topic);
      if (end !== lines) throw new Error(`${side} source wrote ${end} records into ${topic}, expected ${lines}`);
      sinkTopic ??= topic;
    }

  // 2. topic → file sink, from the first source run's topic
  for (let rep = 1; rep <= reps; rep++)
    for (const side of sides) {
      const run = `${stamp}-sink-${side}-${rep}`;
      const file = join(workDir, run, 'sink.txt');
      mkdirSync(join(workDir, run), { recursive: true });
      const name = `bench-sink-${run}`;
      const config = { 'connector.class': FILE_SINK, 'tasks.max': '1', file, topics: sinkTopic ?? '' };
      const counter = new LineCounter(file);
      const start = performance.now();
      const child =
        side === 'copycat'
          ? startCopycat(run, name, { ...config, 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER })
          : await startKafkaConnect(classpath, run, { name, ...config });
      try {
        const took = await until(start, child, `${side} sink`, () => counter.poll() >= lines);
        seconds.sink[side].push(took);
        console.error(`sink ${side} #${rep}: ${took.toFixed(2)} s, ${Math.round(lines / took)} records/s`);
      } finally {
        await stop(child);
      }
      const written = countLines(file);
      if (written !== lines) throw new Error(`${side} sink wrote ${written} lines, expected ${lines}`);
      rmSync(file, { force: true });
    }
  await admin.disconnect();
  rmSync(input, { force: true });

  // 3. one ESM event in-process, each repetition in a fresh process (peak RSS is the process's)
  const esm: { coldSeconds: number; warmSeconds: number; recordBytes: number; peakRssBytes: number }[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    const out = execFileSync(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', join(import.meta.dirname, 'file.ts'), '--esm'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    const figures = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    esm.push(figures);
    console.error(
      `esm #${rep}: cold ${Math.round(ESM_RECORDS / figures.coldSeconds)} records/s, warm ${Math.round(ESM_RECORDS / figures.warmSeconds)} records/s, peak RSS ${(figures.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  }

  const rate = (values: number[], count: number) => summarize(values.map((s) => count / s));
  const scenario = (values: { copycat: number[]; kafkaConnect: number[] }) => {
    const copycat = rate(values.copycat, lines);
    const kafkaConnect = rate(values.kafkaConnect, lines);
    return {
      copycat: { recordsPerSecond: copycat, seconds: values.copycat },
      kafkaConnect: { recordsPerSecond: kafkaConnect, seconds: values.kafkaConnect },
      ratio: copycat.median / kafkaConnect.median,
    };
  };
  const result = {
    benchmark: 'file',
    date: new Date().toISOString(),
    node: process.version,
    java: spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0]?.trim(),
    kafkaConnect: '4.3.1 (ConnectStandalone, connect-file from Maven Central)',
    lines,
    lineBytes,
    reps,
    measurement: 'from process spawn until the topic end offset reaches N (source) or the sink file has N lines (sink)',
    source: scenario(seconds.source),
    sink: scenario(seconds.sink),
    esmEvent: {
      records: ESM_RECORDS,
      recordBytes: esm[0]?.recordBytes,
      chain: 'JsonConverter(schemas off) → InsertField$Value → ReplaceField$Value → Cast$Value → FileStreamSink',
      coldRecordsPerSecond: summarize(esm.map((e) => ESM_RECORDS / e.coldSeconds)),
      warmRecordsPerSecond: summarize(esm.map((e) => ESM_RECORDS / e.warmSeconds)),
      peakRssMiB: summarize(esm.map((e) => e.peakRssBytes / 2 ** 20)),
    },
  };
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(join(import.meta.dirname, 'results', 'file.json'), `${JSON.stringify(result, null, 2)}\n`);

  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const cell = (s: Summary) => `${n(s.median)} (${n(s.min)}–${n(s.max)})`;
  const table = [
    `File connectors, ${n(lines)} lines of ~${Math.round(lineBytes)} B, ${reps} runs each, median (min–max), records/s`,
    '',
    '| Benchmark | Copycat | Kafka Connect 4.3.1 | Copycat / Kafka Connect |',
    '|---|---|---|---|',
    `| File source → topic | ${cell(result.source.copycat.recordsPerSecond)} | ${cell(result.source.kafkaConnect.recordsPerSecond)} | ${result.source.ratio.toFixed(2)} |`,
    `| Topic → file sink | ${cell(result.sink.copycat.recordsPerSecond)} | ${cell(result.sink.kafkaConnect.recordsPerSecond)} | ${result.sink.ratio.toFixed(2)} |`,
    `| ESM event, 10,000 × ${result.esmEvent.recordBytes} B JSON → 3 SMTs → file, first (cold) | ${cell(result.esmEvent.coldRecordsPerSecond)} | – | – |`,
    `| ESM event, same, second (warm) | ${cell(result.esmEvent.warmRecordsPerSecond)} | – | – |`,
    `| ESM event, peak RSS (MiB) | ${cell(result.esmEvent.peakRssMiB)} | – | – |`,
  ];
  console.log(table.join('\n'));
}

if (import.meta.main) {
  const mode = process.argv[2];
  const run = mode === '--copycat-worker' ? copycatWorker : mode === '--esm' ? esmEvent : main;
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
