// `npm run bench`: Copycat against Apache Kafka Connect 4.3.1 (standalone, Maven Central jars) on the
// local stack, alternating, BENCH_REPS runs each:
//   1. file source → topic, BENCH_LINES lines of ~200 B (records/s);
//   2. topic → file sink, the same data (records/s);
//   3. both again with JsonConverter (schemas on) and a 3-SMT chain on each side (records/s);
//   4. end-to-end latency p50/p99 at a steady BENCH_LATENCY_RATE lines/s for BENCH_LATENCY_SECONDS;
//   5. each worker's peak RSS per scenario;
//   plus Copycat's in-process figure for one event source mapping event ("esm").
// Writes bench/results.json and bench/results.md, prints the table, then runs bench/lambda.ts and
// bench/cost.ts when they exist (BENCH_SKIP_LAMBDA=1 skips them). BENCH_SCENARIOS picks scenarios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { stackAddresses, stackDown, stackUp } from '../shared/standalone/stack/local-stack.ts';
import { type Encoding, fileSource, writeInputFile } from './harness/connectors.ts';
import { type RunContext, runDir, timeUntil, withWorker } from './harness/context.ts';
import { type EsmResult, esmScenario } from './harness/esm.ts';
import { KAFKA_CONNECT_VERSION, kafkaConnectJava } from './harness/kafka-connect.ts';
import { type LatencyResult, latencyScenario } from './harness/latency.ts';
import { fingerprint } from './harness/measure.ts';
import { type BenchResults, peakMemory, writeResults } from './harness/report.ts';
import { type BenchSettings, benchDir, benchSettings, projectRoot, workDir } from './harness/settings.ts';
import { benchSetup } from './harness/setup.ts';
import { sinkScenario, sourceScenario, type ThroughputResult } from './harness/throughput.ts';
import { BenchTopics } from './harness/topics.ts';

/** Runs the selected scenarios and writes the results; answers the process exit code. */
export async function runBench(settings: BenchSettings): Promise<number> {
  const log = (line: string) => console.error(line);
  const services = await stackUp();
  for (const service of services.slice(0, 2)) log(`${service.title.padEnd(22)} ${service.address} (${service.outcome})`);
  const started = services.filter((service) => service.outcome === 'started').map((service) => service.name);
  try {
    return await runScenarios(settings, log);
  } finally {
    // As `npm test` does: what was running before keeps running.
    if (started.length > 0) await stackDown(started);
  }
}

async function runScenarios(settings: BenchSettings, log: (line: string) => void): Promise<number> {
  const began = performance.now();
  const addresses = stackAddresses();
  const java = kafkaConnectJava();
  // Only the last run's configs and logs are kept.
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const topics = await BenchTopics.connect(addresses.kafkaBrokers);
  const ctx: RunContext = {
    settings,
    workers: {
      brokers: addresses.kafkaBrokers,
      dynamoDbEndpoint: addresses.dynamoDbEndpoint,
      copycatSourceRunMs: settings.copycatSourceRunMs,
    },
    topics,
    stamp: Date.now().toString(36),
    log,
  };
  const has = (id: string) => (settings.scenarios as readonly string[]).includes(id);
  const throughput: ThroughputResult[] = [];
  let latency: LatencyResult | undefined;
  let esm: EsmResult | undefined;
  const input = join(workDir, `${ctx.stamp}-input.txt`);
  try {
    if (has('1') || has('2') || has('3')) {
      writeInputFile(input, settings.lines);
      const inputPrint = fingerprint(input);
      const label = `${settings.lines.toLocaleString('en-US')} lines of ~200 B`;
      if (has('1') || has('2')) {
        let topic: string | undefined;
        if (has('1')) {
          const source = await sourceScenario(ctx, '1', `File source → topic, ${label}`, 'string', input);
          throughput.push(source.result);
          topic = source.topic;
        }
        if (has('2')) {
          topic ??= await seedTopic(ctx, 'string', input);
          const expected = { sha256: inputPrint.sha256, detail: 'byte for byte the input file' };
          throughput.push(await sinkScenario(ctx, '2', `Topic → file sink, ${label}`, 'string', topic, expected));
        }
      }
      if (has('3')) {
        const chain = 'JsonConverter (schemas on), HoistField → InsertField → SetSchemaMetadata';
        const source = await sourceScenario(ctx, '3a', `File source → topic, ${chain}`, 'json', input);
        throughput.push(source.result);
        const sinkChain = 'JsonConverter (schemas on), ReplaceField → InsertField → MaskField';
        throughput.push(await sinkScenario(ctx, '3b', `Topic → file sink, ${sinkChain}`, 'json', source.topic));
      }
    }
    if (has('4'))
      latency = await latencyScenario(
        ctx,
        `End-to-end latency, file → topic → file at ${settings.latencyRate.toLocaleString('en-US')} lines/s`,
      );
    if (has('esm')) esm = esmScenario(ctx, 'One ESM event through the sink worker, in-process');
  } finally {
    rmSync(input, { force: true });
    await topics.deleteCreated();
    await topics.close();
  }

  const checks: BenchResults['checks'][number][] = throughput.map((scenario) => ({ scenario: scenario.id, ...scenario.check }));
  if (latency !== undefined) {
    const runs = [...latency.copycat.runs, ...latency.kafkaConnect.runs];
    const lost = runs.reduce((sum, run) => sum + run.lost, 0);
    checks.push({
      scenario: '4',
      ok: lost === 0,
      detail: `${lost} of ${runs.reduce((sum, run) => sum + run.measured, 0)} measured lines never reached the sink file; ${runs.reduce((sum, run) => sum + run.duplicated, 0)} arrived twice`,
    });
  }
  const allChecksPassed = checks.every((check) => check.ok);
  const { setup, notes } = benchSetup(settings);
  const results: BenchResults = {
    benchmark: 'copycat-vs-kafka-connect',
    date: new Date().toISOString(),
    durationSeconds: Math.round((performance.now() - began) / 1000),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: process.platform,
    },
    node: process.version,
    java: java.version,
    kafkaConnect: `${KAFKA_CONNECT_VERSION} (ConnectStandalone)`,
    settings: { ...settings, resultsJson: undefined, resultsMarkdown: undefined },
    setup,
    notes,
    throughput,
    latency,
    esm,
    peakMemoryMiB: peakMemory(throughput, latency),
    checks,
    allChecksPassed,
  };
  console.log(writeResults(settings.resultsJson, settings.resultsMarkdown, results));
  for (const check of checks) log(`check ${check.scenario}: ${check.ok ? 'ok' : 'FAILED'}: ${check.detail}`);
  let exitCode = allChecksPassed ? 0 : 1;

  if (settings.runLambdaAndCost)
    for (const script of ['lambda.ts', 'cost.ts']) {
      const file = join(benchDir, script);
      if (!existsSync(file)) continue;
      log(`running bench/${script} …`);
      const child = spawnSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', file], { cwd: projectRoot, stdio: 'inherit' });
      if (child.status !== 0) {
        log(`bench/${script} failed (exit ${child.status ?? child.signal})`);
        exitCode = 1;
      }
    }
  return exitCode;
}

/** A topic holding the input file's lines, when the scenario that would have filled it was not selected. */
async function seedTopic(ctx: RunContext, encoding: Encoding, input: string): Promise<string> {
  const topic = `bench-${ctx.stamp}-seed-${encoding}`;
  await ctx.topics.create(topic);
  ctx.log(`filling ${topic} with Copycat's file source (not timed) …`);
  await withWorker(
    ctx,
    'copycat',
    runDir(ctx, `seed-${encoding}`),
    [fileSource(`bench-seed-${encoding}`, input, topic, encoding)],
    (worker, start) => timeUntil(ctx, worker, start, `seeding ${topic}`, ctx.settings.lines, () => ctx.topics.endOffset(topic)),
  );
  return topic;
}

if (import.meta.main) {
  runBench(benchSettings()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
