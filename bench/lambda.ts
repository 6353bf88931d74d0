// `npm run bench:lambda`: the Lambda functions as deployed, measured locally on the pinned Node 24.
//   1. Bundles: the platform is synthesized with real bundling (infra/bundle-sizes.ts), which also
//      gives each function's memory, timeout and architecture from the template.
//   2. Cold start: a fresh process (bench/lambda/child.mjs) imports each bundled `index.mjs`, with
//      and without NODE_OPTIONS=--enable-source-maps (the stack sets it), BENCH_REPS times.
//   3. Source task: one process imports the source bundle and invokes its handler with real
//      {connector, task, generation} events against DynamoDB Local and the local broker, for
//      datagen connectors of BENCH_SOURCE_RECORDS records each: a cold run (timed until the
//      topic's end offset first moves, polled by this process), a warm run, and a warm run with
//      nothing left to send (the fixed cost of a run). BENCH_RUN_REPS processes.
//   4. Sink task: one process imports the sink bundle and invokes its handler through a
//      `sink-<name>` alias ARN with a 10,000-record ESM event of ~1 KB JSON values for a
//      FileStreamSink (JsonConverter and 3 SMTs, as the in-process ESM figure of npm run bench) writing to the temp directory:
//      cold, warm, and a one-record batch (the fixed cost of a batch). BENCH_RUN_REPS processes.
// DynamoDB requests are counted per invocation by a recording proxy (bench/lambda/dynamodb-recorder.ts)
// the functions reach DynamoDB Local through. Results: bench/results/lambda.json (read by bench/cost.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { bundleSizes, synthesizeBundles } from '../infra/bundle-sizes.ts';
import { DATAGEN_CONNECTOR, DATAGEN_TASK } from '../shared/connectors/datagen/datagen-config.ts';
import { createDynamoDbClient, createDynamoDbStores, ensureTable } from '../shared/stores/index.ts';
import { countOperations, type DynamoDbRecorder, dynamoDbBusyMs, startDynamoDbRecorder } from './lambda/dynamodb-recorder.ts';
import type { ChildFigures, ChildPlan, InvocationFigures, PlannedInvocation } from './lambda/protocol.ts';
import { benchConfig, benchEvent } from './transforms.ts';

const brokers = [process.env.BENCH_BROKER ?? '127.0.0.1:9092'];
const dynamoDbEndpoint = process.env.BENCH_DYNAMODB ?? 'http://127.0.0.1:8000';
const coldReps = Number(process.env.BENCH_REPS ?? 5);
const runReps = Number(process.env.BENCH_RUN_REPS ?? 3);
const sourceRecords = Number(process.env.BENCH_SOURCE_RECORDS ?? 50_000);
const sinkRecords = Number(process.env.BENCH_SINK_RECORDS ?? 10_000);
const childTimeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);
/** `copycat.source.idle.ms` of the bench connectors: a run ends this long after its last record (default 10 s). */
const SOURCE_IDLE_MS = 1000;
const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const ACCOUNT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

const workDir = join(import.meta.dirname, 'work', 'lambda');
const childScript = join(import.meta.dirname, 'lambda', 'child.mjs');

/** The four functions, by the construct id the platform gives them. */
const FUNCTIONS = [
  { key: 'source-task', construct: 'SourceTask' },
  { key: 'sink-task', construct: 'SinkTask' },
  { key: 'reconciler', construct: 'Reconciler' },
  { key: 'rest-api', construct: 'RestApiHandler' },
] as const;
type FunctionKey = (typeof FUNCTIONS)[number]['key'];

interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

interface BundledFunction {
  readonly key: FunctionKey;
  readonly module: string;
  readonly moduleBytes: number;
  readonly gzippedBytes: number;
  readonly sourceMapBytes: number;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: string;
}

function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted[sorted.length - 1] ?? 0) };
}

function round(value: number): number {
  return Math.abs(value) >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 10_000) / 10_000;
}

const MiB = 2 ** 20;

// ---------------------------------------------------------------- bundles

/** Synthesizes the platform into `dir` and returns each function's bundle and settings from the template. */
async function bundles(dir: string): Promise<Map<FunctionKey, BundledFunction>> {
  const stackId = await synthesizeBundles(dir);
  const template = JSON.parse(readFileSync(join(dir, `${stackId}.template.json`), 'utf8')) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties?: Record<string, unknown> }>;
  };
  const settings = new Map<string, { memoryMb: number; timeoutSeconds: number; architecture: string }>();
  for (const resource of Object.values(template.Resources)) {
    const path = resource.Metadata?.['aws:cdk:path'];
    if (resource.Type !== 'AWS::Lambda::Function' || typeof path !== 'string') continue;
    const properties = resource.Properties ?? {};
    settings.set(path.replace(/\/Resource$/, ''), {
      memoryMb: Number(properties.MemorySize),
      timeoutSeconds: Number(properties.Timeout),
      architecture: String((properties.Architectures as string[] | undefined)?.[0] ?? 'x86_64'),
    });
  }
  const found = new Map<FunctionKey, BundledFunction>();
  for (const size of bundleSizes(dir, stackId)) {
    const fn = FUNCTIONS.find(({ construct }) => size.function.endsWith(`/${construct}/Function`));
    const configured = settings.get(size.function);
    if (fn === undefined || configured === undefined) continue;
    found.set(fn.key, {
      key: fn.key,
      module: join(size.directory, 'index.mjs'),
      moduleBytes: size.moduleBytes,
      gzippedBytes: size.gzippedBytes,
      sourceMapBytes: size.sourceMapBytes,
      ...configured,
    });
  }
  const missing = FUNCTIONS.filter(({ key }) => !found.has(key)).map(({ key }) => key);
  if (missing.length > 0) throw new Error(`no bundle found for ${missing.join(', ')}`);
  return found;
}

// ---------------------------------------------------------------- child processes

/**
 * The environment Lambda and the stack would give the function (fake ARNs: nothing calls AWS here).
 * Connector secrets are sealed with a KMS key when deployed; a process that only loads the module
 * gets a key ARN as deployed (the KMS client is made, never called), one that invokes the handler
 * a local key file (the bench connectors have no secrets, so nothing is sealed either way).
 */
function functionEnvironment(
  fn: BundledFunction,
  tableName: string,
  recorder: DynamoDbRecorder,
  options: { sourceMaps: boolean; invokes: boolean },
): NodeJS.ProcessEnv {
  const controlPlane = {
    COPYCAT_SCHEDULE_GROUP: 'copycat-bench',
    COPYCAT_SOURCE_FUNCTION_ARN: `${ACCOUNT_ARN}:copycat-source-task`,
    COPYCAT_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/copycat-scheduler',
    COPYCAT_SINK_FUNCTION_ARN: `${ACCOUNT_ARN}:copycat-sink-task`,
  };
  return {
    PATH: process.env.PATH,
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `copycat-${fn.key}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    ...(options.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
    COPYCAT_TABLE_NAME: tableName,
    ...(options.invokes
      ? { COPYCAT_SECRETS_KEY_FILE: join(workDir, 'secrets.key') }
      : { COPYCAT_SECRETS_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000' }),
    COPYCAT_DYNAMODB_ENDPOINT: recorder.endpoint,
    KAFKA_BOOTSTRAP_SERVERS: brokers.join(','),
    ...(fn.key === 'reconciler' || fn.key === 'rest-api' ? controlPlane : {}),
  };
}

/** Runs one child with `plan`; its output goes to `<name>.log` in the work directory. */
async function runChild(
  name: string,
  plan: Omit<ChildPlan, 'result'>,
  env: NodeJS.ProcessEnv,
  whileRunning?: (child: ChildProcess) => Promise<void>,
): Promise<ChildFigures> {
  const planFile = join(workDir, `${name}.plan.json`);
  const result = join(workDir, `${name}.result.json`);
  writeFileSync(planFile, JSON.stringify({ ...plan, result } satisfies ChildPlan));
  const log = createWriteStream(join(workDir, `${name}.log`));
  const child = spawn(process.execPath, [childScript, planFile], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill('SIGKILL'), childTimeoutMs);
  try {
    await Promise.all([exited, whileRunning?.(child)]);
  } finally {
    clearTimeout(timer);
  }
  const [code, signal] = await exited;
  if (code !== 0) throw new Error(`${name}: the child exited with ${code ?? signal} (see ${join(workDir, `${name}.log`)})`);
  return JSON.parse(readFileSync(result, 'utf8')) as ChildFigures;
}

function invocation(figures: ChildFigures, label: string): InvocationFigures {
  const found = figures.invocations.find((entry) => entry.label === label);
  if (found === undefined) throw new Error(`no invocation ${label}`);
  if (found.error !== undefined) throw new Error(`invocation ${label} failed: ${found.error}`);
  return found;
}

// ---------------------------------------------------------------- 2. cold start

interface ColdStart {
  readyMs: number[];
  importMs: number[];
  bootMs: number[];
  maxRssBytes: number[];
}

async function coldStarts(
  functions: Map<FunctionKey, BundledFunction>,
  tableName: string,
  recorder: DynamoDbRecorder,
): Promise<Record<FunctionKey, { withSourceMaps: ColdStart; withoutSourceMaps: ColdStart }>> {
  const empty = (): ColdStart => ({ readyMs: [], importMs: [], bootMs: [], maxRssBytes: [] });
  const figures = Object.fromEntries(FUNCTIONS.map(({ key }) => [key, { withSourceMaps: empty(), withoutSourceMaps: empty() }])) as Record<
    FunctionKey,
    { withSourceMaps: ColdStart; withoutSourceMaps: ColdStart }
  >;
  // Interleaved, so that noise from other work on the machine spreads over every function alike.
  for (let rep = 1; rep <= coldReps; rep++)
    for (const fn of functions.values())
      for (const sourceMaps of [true, false]) {
        const child = await runChild(
          `cold-${fn.key}-${sourceMaps ? 'maps' : 'nomaps'}-${rep}`,
          { module: fn.module, invocations: [] },
          functionEnvironment(fn, tableName, recorder, { sourceMaps, invokes: false }),
        );
        const into = figures[fn.key][sourceMaps ? 'withSourceMaps' : 'withoutSourceMaps'];
        into.readyMs.push(child.readyMs);
        into.importMs.push(child.importMs);
        into.bootMs.push(child.bootMs);
        into.maxRssBytes.push(child.maxRssBytes);
      }
  return figures;
}

// ---------------------------------------------------------------- 3. source task

interface SourceRep {
  readonly child: ChildFigures;
  readonly firstRecordEpochMs: number;
  readonly cold: InvocationFigures;
  readonly warm: InvocationFigures;
  readonly empty: InvocationFigures;
  readonly dynamodb: Record<'cold' | 'warm' | 'empty', Record<string, number>>;
  readonly dynamodbMs: Record<'cold' | 'warm' | 'empty', number>;
}

async function sourceRun(
  rep: number,
  fn: BundledFunction,
  context: {
    stores: ReturnType<typeof createDynamoDbStores>;
    tableName: string;
    recorder: DynamoDbRecorder;
    admin: ReturnType<Kafka['admin']>;
  },
): Promise<SourceRep> {
  const stamp = `${Date.now().toString(36)}-${rep}`;
  const names = { cold: `bench-source-cold-${stamp}`, warm: `bench-source-warm-${stamp}` };
  const events: Record<'cold' | 'warm', string> = { cold: '', warm: '' };
  for (const [which, name] of Object.entries(names) as ['cold' | 'warm', string][]) {
    const topic = name;
    await context.admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const config = {
      name,
      'connector.class': DATAGEN_CONNECTOR,
      'tasks.max': '1',
      'kafka.topic': topic,
      quickstart: 'orders',
      'max.interval': '0',
      iterations: String(sourceRecords),
      'random.seed': '42',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'copycat.source.idle.ms': String(SOURCE_IDLE_MS),
    };
    await context.stores.configs.create(name, config);
    const generation = await context.stores.configs.putTasks(name, [{ ...config, 'task.id': '0', 'task.class': DATAGEN_TASK }], 0);
    events[which] = join(workDir, `source-event-${which}-${stamp}.json`);
    writeFileSync(events[which], JSON.stringify({ connector: name, task: 0, generation }));
  }
  const endOffset = async (topic: string) =>
    (await context.admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
  const arn = `${ACCOUNT_ARN}:copycat-source-task`;
  const planned = (label: string, eventFile: string): PlannedInvocation => ({
    label,
    eventFile,
    invokedFunctionArn: arn,
    timeoutMs: fn.timeoutSeconds * 1000,
    memoryMb: fn.memoryMb,
  });
  let firstRecordEpochMs = 0;
  // The least invasive signal of the first poll: the cold connector's topic gets its first record.
  const watch = async (child: ChildProcess) => {
    while (child.exitCode === null && child.signalCode === null) {
      if ((await endOffset(names.cold)) > 0) {
        firstRecordEpochMs = Date.now();
        return;
      }
    }
  };
  const child = await runChild(
    `source-${stamp}`,
    { module: fn.module, invocations: [planned('cold', events.cold), planned('warm', events.warm), planned('empty', events.warm)] },
    functionEnvironment(fn, context.tableName, context.recorder, { sourceMaps: true, invokes: true }),
    watch,
  );
  const cold = invocation(child, 'cold');
  const warm = invocation(child, 'warm');
  const empty = invocation(child, 'empty');
  for (const [label, run, expected] of [
    ['cold', cold, sourceRecords],
    ['warm', warm, sourceRecords],
    ['empty', empty, 0],
  ] as const) {
    const output = run.output as { outcome?: string; sent?: number } | undefined;
    if (output?.outcome !== 'completed' || output.sent !== expected)
      throw new Error(`source ${label} run: expected completed with ${expected} sent, got ${JSON.stringify(output)}`);
  }
  for (const name of Object.values(names)) {
    const end = await endOffset(name);
    if (end !== sourceRecords) throw new Error(`${name} holds ${end} records, expected ${sourceRecords}`);
  }
  if (firstRecordEpochMs === 0) throw new Error('the first record was not seen while the source child ran');
  const ops = (run: InvocationFigures) => countOperations(context.recorder.requests, run.startEpochMs - 5, run.endEpochMs + 5);
  const busy = (run: InvocationFigures) => dynamoDbBusyMs(context.recorder.requests, run.startEpochMs - 5, run.endEpochMs + 5);
  await context.admin.deleteTopics({ topics: Object.values(names) }).catch(() => undefined);
  return {
    child,
    firstRecordEpochMs,
    cold,
    warm,
    empty,
    dynamodb: { cold: ops(cold), warm: ops(warm), empty: ops(empty) },
    dynamodbMs: { cold: busy(cold), warm: busy(warm), empty: busy(empty) },
  };
}

// ---------------------------------------------------------------- 4. sink task

interface SinkRep {
  readonly child: ChildFigures;
  readonly cold: InvocationFigures;
  readonly warm: InvocationFigures;
  readonly one: InvocationFigures;
  readonly dynamodb: Record<'cold' | 'warm' | 'one', Record<string, number>>;
  readonly dynamodbMs: Record<'cold' | 'warm' | 'one', number>;
}

/** The three ESM events every sink run gets: two of `sinkRecords` records, then one of a single record. */
function writeSinkEvents(): { files: Record<'cold' | 'warm' | 'one', string>; recordBytes: number } {
  const event = (base: number, count: number) => benchEvent(base, count, brokers.join(','));
  const files = {
    cold: join(workDir, 'sink-event-cold.json'),
    warm: join(workDir, 'sink-event-warm.json'),
    one: join(workDir, 'sink-event-one.json'),
  };
  const first = event(0, sinkRecords);
  writeFileSync(files.cold, JSON.stringify(first));
  writeFileSync(files.warm, JSON.stringify(event(sinkRecords, sinkRecords)));
  writeFileSync(files.one, JSON.stringify(event(2 * sinkRecords, 1)));
  const values = Object.values(first.records)
    .flat()
    .map((record) => Buffer.from(record.value ?? '', 'base64').length);
  return { files, recordBytes: Math.round(values.reduce((sum, bytes) => sum + bytes, 0) / values.length) };
}

async function sinkRun(
  rep: number,
  fn: BundledFunction,
  events: Record<'cold' | 'warm' | 'one', string>,
  context: { stores: ReturnType<typeof createDynamoDbStores>; tableName: string; recorder: DynamoDbRecorder },
): Promise<SinkRep> {
  const stamp = `${Date.now().toString(36)}-${rep}`;
  const name = `bench-sink-${stamp}`;
  const outDir = mkdtempSync(join(tmpdir(), 'copycat-bench-sink-'));
  const file = join(outDir, 'sink.txt');
  try {
    const config = { name, 'connector.class': FILE_SINK, 'tasks.max': '1', topics: 'orders', file, ...benchConfig };
    await context.stores.configs.create(name, config);
    await context.stores.configs.putTasks(name, [{ ...config, 'task.class': 'FileStreamSinkTask' }], 0);
    const planned = (label: string): PlannedInvocation => ({
      label,
      eventFile: events[label as keyof typeof events],
      invokedFunctionArn: `${ACCOUNT_ARN}:copycat-sink-task:sink-${name}`,
      timeoutMs: fn.timeoutSeconds * 1000,
      memoryMb: fn.memoryMb,
    });
    const child = await runChild(
      `sink-${stamp}`,
      { module: fn.module, invocations: [planned('cold'), planned('warm'), planned('one')] },
      functionEnvironment(fn, context.tableName, context.recorder, { sourceMaps: true, invokes: true }),
    );
    const cold = invocation(child, 'cold');
    const warm = invocation(child, 'warm');
    const one = invocation(child, 'one');
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines !== 2 * sinkRecords + 1) throw new Error(`the sink file has ${lines} lines, expected ${2 * sinkRecords + 1}`);
    const ops = (run: InvocationFigures) => countOperations(context.recorder.requests, run.startEpochMs - 5, run.endEpochMs + 5);
    const busy = (run: InvocationFigures) => dynamoDbBusyMs(context.recorder.requests, run.startEpochMs - 5, run.endEpochMs + 5);
    return {
      child,
      cold,
      warm,
      one,
      dynamodb: { cold: ops(cold), warm: ops(warm), one: ops(one) },
      dynamodbMs: { cold: busy(cold), warm: busy(warm), one: busy(one) },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const assembly = join(workDir, 'assembly');
  console.error('synthesizing the bundles …');
  const functions = await bundles(assembly);
  const get = (key: FunctionKey) => functions.get(key) as BundledFunction;

  const client = createDynamoDbClient(dynamoDbEndpoint);
  const tableName = `copycat-bench-lambda-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const stores = createDynamoDbStores({ client, tableName });
  const recorder = await startDynamoDbRecorder(dynamoDbEndpoint);
  const admin = new Kafka({ clientId: 'bench-lambda', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    console.error(`cold starts: ${functions.size} functions × 2 × ${coldReps} …`);
    const cold = await coldStarts(functions, tableName, recorder);

    console.error(`source task: ${runReps} processes, ${sourceRecords.toLocaleString('en-US')} records per run …`);
    const sources: SourceRep[] = [];
    for (let rep = 1; rep <= runReps; rep++) {
      const run = await sourceRun(rep, get('source-task'), { stores, tableName, recorder, admin });
      sources.push(run);
      console.error(
        `  #${rep}: first record ${Math.round(run.child.importMs + run.firstRecordEpochMs - run.cold.startEpochMs)} ms after module load start, warm run ${Math.round(run.warm.handlerMs)} ms, empty run ${Math.round(run.empty.handlerMs)} ms`,
      );
    }

    console.error(`sink task: ${runReps} processes, ${sinkRecords.toLocaleString('en-US')}-record events …`);
    const { files, recordBytes } = writeSinkEvents();
    const sinks: SinkRep[] = [];
    for (let rep = 1; rep <= runReps; rep++) {
      const run = await sinkRun(rep, get('sink-task'), files, { stores, tableName, recorder });
      sinks.push(run);
      console.error(
        `  #${rep}: cold ${Math.round(run.cold.handlerMs)} ms, warm ${Math.round(run.warm.handlerMs)} ms, one record ${Math.round(run.one.handlerMs)} ms`,
      );
    }

    const result = {
      benchmark: 'lambda',
      date: new Date().toISOString(),
      command: 'npm run bench:lambda',
      node: process.version,
      machine: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${process.arch}`,
      settings: { coldReps, runReps, sourceRecords, sinkRecords, sourceIdleMs: SOURCE_IDLE_MS },
      functions: Object.fromEntries(
        FUNCTIONS.map(({ key }) => {
          const fn = get(key);
          const figures = cold[key];
          const coldFigures = (values: ColdStart) => ({
            processStartToReadyMs: summarize(values.readyMs),
            moduleLoadMs: summarize(values.importMs),
            nodeBootMs: summarize(values.bootMs),
            peakRssMiB: summarize(values.maxRssBytes.map((bytes) => bytes / MiB)),
          });
          return [
            key,
            {
              memoryMb: fn.memoryMb,
              timeoutSeconds: fn.timeoutSeconds,
              architecture: fn.architecture,
              bundle: { moduleBytes: fn.moduleBytes, gzippedBytes: fn.gzippedBytes, sourceMapBytes: fn.sourceMapBytes },
              coldStart: { withSourceMaps: coldFigures(figures.withSourceMaps), withoutSourceMaps: coldFigures(figures.withoutSourceMaps) },
            },
          ];
        }),
      ),
      source: {
        connector: `Datagen quickstart orders, max.interval 0, ${sourceRecords} iterations, JsonConverter (schemas off), copycat.source.idle.ms ${SOURCE_IDLE_MS}`,
        records: sourceRecords,
        firstRecord: {
          description: 'until the cold run’s topic end offset first moved (the first polled record acked by the broker)',
          fromModuleLoadStartMs: summarize(sources.map((run) => run.child.importMs + run.firstRecordEpochMs - run.cold.startEpochMs)),
          fromInvokeMs: summarize(sources.map((run) => run.firstRecordEpochMs - run.cold.startEpochMs)),
          fromProcessStartMs: summarize(sources.map((run) => run.child.readyMs + run.firstRecordEpochMs - run.cold.startEpochMs)),
        },
        coldRunMs: summarize(sources.map((run) => run.cold.handlerMs)),
        warmRunMs: summarize(sources.map((run) => run.warm.handlerMs)),
        emptyRunMs: summarize(sources.map((run) => run.empty.handlerMs)),
        emptyRunOverheadMs: summarize(sources.map((run) => run.empty.handlerMs - SOURCE_IDLE_MS)),
        warmMsPerRecord: summarize(sources.map((run) => (run.warm.handlerMs - run.empty.handlerMs) / sourceRecords)),
        coldMsPerRecord: summarize(sources.map((run) => (run.cold.handlerMs - run.empty.handlerMs) / sourceRecords)),
        peakRssMiB: summarize(sources.map((run) => run.child.maxRssBytes / MiB)),
        logBytesPerRun: summarize(sources.map((run) => run.warm.logBytes)),
        dynamodbRequests: sources[sources.length - 1]?.dynamodb,
        dynamodbLocalMs: {
          warm: summarize(sources.map((run) => run.dynamodbMs.warm)),
          empty: summarize(sources.map((run) => run.dynamodbMs.empty)),
        },
      },
      sink: {
        connector: `FileStreamSink, ${benchConfig.transforms} (JsonConverter schemas off in and out, as the in-process ESM figure of npm run bench), file in the temp directory`,
        records: sinkRecords,
        recordBytes,
        coldBatchMs: summarize(sinks.map((run) => run.cold.handlerMs)),
        warmBatchMs: summarize(sinks.map((run) => run.warm.handlerMs)),
        oneRecordBatchMs: summarize(sinks.map((run) => run.one.handlerMs)),
        coldMsPerRecord: summarize(sinks.map((run) => run.cold.handlerMs / sinkRecords)),
        warmMsPerRecord: summarize(sinks.map((run) => run.warm.handlerMs / sinkRecords)),
        warmMarginalMsPerRecord: summarize(sinks.map((run) => (run.warm.handlerMs - run.one.handlerMs) / (sinkRecords - 1))),
        peakRssMiB: summarize(sinks.map((run) => run.child.maxRssBytes / MiB)),
        logBytesPerBatch: summarize(sinks.map((run) => run.warm.logBytes)),
        dynamodbRequests: sinks[sinks.length - 1]?.dynamodb,
        dynamodbLocalMs: {
          warm: summarize(sinks.map((run) => run.dynamodbMs.warm)),
          one: summarize(sinks.map((run) => run.dynamodbMs.one)),
        },
      },
      seconds: Math.round((performance.now() - started) / 1000),
    };
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results', 'lambda.json'), `${JSON.stringify(result, null, 2)}\n`);
    printSummary(result);
  } finally {
    await admin.disconnect();
    await recorder.close();
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
    rmSync(assembly, { recursive: true, force: true });
    // The events are large (two 10,000-record events: ~28 MB); the plans, results and logs stay for a look.
    for (const which of ['cold', 'warm', 'one']) rmSync(join(workDir, `sink-event-${which}.json`), { force: true });
  }
}

function printSummary(result: {
  date: string;
  node: string;
  machine: string;
  functions: Record<
    string,
    {
      memoryMb: number;
      architecture: string;
      bundle: { moduleBytes: number; gzippedBytes: number };
      coldStart: Record<
        'withSourceMaps' | 'withoutSourceMaps',
        { processStartToReadyMs: Summary; moduleLoadMs: Summary; peakRssMiB: Summary }
      >;
    }
  >;
  source: {
    records: number;
    firstRecord: { fromModuleLoadStartMs: Summary; fromInvokeMs: Summary };
    warmRunMs: Summary;
    emptyRunOverheadMs: Summary;
    warmMsPerRecord: Summary;
    coldMsPerRecord: Summary;
    peakRssMiB: Summary;
    dynamodbRequests?: Record<string, Record<string, number>>;
    dynamodbLocalMs: Record<string, Summary>;
  };
  sink: {
    records: number;
    recordBytes: number;
    coldBatchMs: Summary;
    warmBatchMs: Summary;
    oneRecordBatchMs: Summary;
    warmMsPerRecord: Summary;
    warmMarginalMsPerRecord: Summary;
    peakRssMiB: Summary;
    dynamodbRequests?: Record<string, Record<string, number>>;
    dynamodbLocalMs: Record<string, Summary>;
  };
  seconds: number;
}): void {
  const cell = (s: Summary, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
  const lines = [
    `Lambda functions, ${result.node} on ${result.machine}, ${result.date} (${result.seconds} s); median (min–max)`,
    '',
    '| function | memory | bundle (gzipped) | cold start: process start → handler ready, ms | of which module load, ms | without source maps, ms | peak RSS after load |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(result.functions).map(
      ([key, fn]) =>
        `| ${key} | ${fn.memoryMb} MB ${fn.architecture} | ${mb(fn.bundle.moduleBytes)} (${mb(fn.bundle.gzippedBytes)}) | ${cell(fn.coldStart.withSourceMaps.processStartToReadyMs)} | ${cell(fn.coldStart.withSourceMaps.moduleLoadMs)} | ${cell(fn.coldStart.withoutSourceMaps.processStartToReadyMs)} | ${cell(fn.coldStart.withSourceMaps.peakRssMiB)} MiB |`,
    ),
    '',
    `Source task (datagen, ${result.source.records.toLocaleString('en-US')} records per run):`,
    `  module load start → first record in the topic: ${cell(result.source.firstRecord.fromModuleLoadStartMs)} ms (invoke → first record ${cell(result.source.firstRecord.fromInvokeMs)} ms)`,
    `  warm run: ${cell(result.source.warmRunMs)} ms; ${cell(result.source.warmMsPerRecord, 4)} ms per record (cold run ${cell(result.source.coldMsPerRecord, 4)})`,
    `  fixed cost of a run (empty run less the idle wait): ${cell(result.source.emptyRunOverheadMs)} ms (DynamoDB Local ${cell(result.source.dynamodbLocalMs.empty ?? { median: 0, min: 0, max: 0 })} ms); peak RSS ${cell(result.source.peakRssMiB)} MiB`,
    `  DynamoDB requests, warm run: ${JSON.stringify(result.source.dynamodbRequests?.warm ?? {})}; empty run: ${JSON.stringify(result.source.dynamodbRequests?.empty ?? {})}`,
    '',
    `Sink task (FileStreamSink, ${result.sink.records.toLocaleString('en-US')} records of ${result.sink.recordBytes} B JSON per event):`,
    `  cold event: ${cell(result.sink.coldBatchMs)} ms; warm event: ${cell(result.sink.warmBatchMs)} ms = ${cell(result.sink.warmMsPerRecord, 4)} ms per record`,
    `  one-record event (fixed cost of a batch): ${cell(result.sink.oneRecordBatchMs, 1)} ms, of which waiting for DynamoDB Local ${cell(result.sink.dynamodbLocalMs.one ?? { median: 0, min: 0, max: 0 }, 1)} ms; marginal ${cell(result.sink.warmMarginalMsPerRecord, 4)} ms per record; peak RSS ${cell(result.sink.peakRssMiB)} MiB`,
    `  DynamoDB requests, warm event: ${JSON.stringify(result.sink.dynamodbRequests?.warm ?? {})}; cold: ${JSON.stringify(result.sink.dynamodbRequests?.cold ?? {})}`,
  ];
  console.log(lines.join('\n'));
}

if (import.meta.main)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
