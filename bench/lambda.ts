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
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { createDynamoDbClient, createDynamoDbStores, ensureTable } from '../shared/stores/index.ts';
import { type BundledFunction, bundledFunctions, FUNCTIONS, type FunctionKey } from './lambda/bundles.ts';
import { coldStarts, functionResult } from './lambda/cold-start.ts';
import { startDynamoDbRecorder } from './lambda/dynamodb-recorder.ts';
import { printSummary } from './lambda/report.ts';
import { removeSinkEvents, type SinkRep, sinkResult, sinkRun, writeSinkEvents } from './lambda/sink-task.ts';
import { firstRecordFromModuleLoadMs, SOURCE_IDLE_MS, type SourceRep, sourceResult, sourceRun } from './lambda/source-task.ts';
import type { TaskContext } from './lambda/task-run.ts';

const brokers = [process.env.BENCH_BROKER ?? '127.0.0.1:9092'];
const dynamoDbEndpoint = process.env.BENCH_DYNAMODB ?? 'http://127.0.0.1:8000';
const coldReps = Number(process.env.BENCH_REPS ?? 5);
const runReps = Number(process.env.BENCH_RUN_REPS ?? 3);
const sourceRecords = Number(process.env.BENCH_SOURCE_RECORDS ?? 50_000);
const sinkRecords = Number(process.env.BENCH_SINK_RECORDS ?? 10_000);
const childTimeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 120_000);

const workDir = join(import.meta.dirname, 'work', 'lambda');

async function main(): Promise<void> {
  const started = performance.now();
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const assembly = join(workDir, 'assembly');
  console.error('synthesizing the bundles …');
  const functions = await bundledFunctions(assembly);
  const get = (key: FunctionKey) => functions.get(key) as BundledFunction;

  const client = createDynamoDbClient(dynamoDbEndpoint);
  const tableName = `copycat-bench-lambda-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const stores = createDynamoDbStores({ client, tableName });
  const recorder = await startDynamoDbRecorder(dynamoDbEndpoint);
  const admin = new Kafka({ clientId: 'bench-lambda', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const context: TaskContext = { workDir, brokers, childTimeoutMs, tableName, recorder, stores, admin };
  try {
    console.error(`cold starts: ${functions.size} functions × 2 × ${coldReps} …`);
    const cold = await coldStarts(functions, coldReps, context);

    console.error(`source task: ${runReps} processes, ${sourceRecords.toLocaleString('en-US')} records per run …`);
    const sources: SourceRep[] = [];
    for (let rep = 1; rep <= runReps; rep++) {
      const run = await sourceRun(rep, get('source-task'), sourceRecords, context);
      sources.push(run);
      console.error(
        `  #${rep}: first record ${Math.round(firstRecordFromModuleLoadMs(run))} ms after module load start, warm run ${Math.round(run.warm.handlerMs)} ms, empty run ${Math.round(run.empty.handlerMs)} ms`,
      );
    }

    console.error(`sink task: ${runReps} processes, ${sinkRecords.toLocaleString('en-US')}-record events …`);
    const { files, recordBytes } = writeSinkEvents(workDir, brokers, sinkRecords);
    const sinks: SinkRep[] = [];
    for (let rep = 1; rep <= runReps; rep++) {
      const run = await sinkRun(rep, get('sink-task'), files, sinkRecords, context);
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
      functions: Object.fromEntries(FUNCTIONS.map(({ key }) => [key, functionResult(get(key), cold[key])])),
      source: sourceResult(sources, sourceRecords),
      sink: sinkResult(sinks, sinkRecords, recordBytes),
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
    // The events are large; the plans, results and logs stay for a look.
    removeSinkEvents(workDir);
  }
}

if (import.meta.main)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
