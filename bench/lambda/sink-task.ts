// Step 4 of bench/lambda.ts: one process imports the sink bundle and invokes its handler through a
// `sink-<name>` alias ARN with ESM events of ~1 KB JSON values for a FileStreamSink (JsonConverter
// and 3 SMTs, as the in-process ESM figure of npm run bench) writing to the temp directory: cold,
// warm, and a one-record batch (the fixed cost of a batch).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfig, benchEvent } from '../transforms.ts';
import type { BundledFunction } from './bundles.ts';
import { ACCOUNT_ARN, plannedInvocation, runFunction } from './function-process.ts';
import { MiB, summarize } from './summary.ts';
import { type TaskContext, type TaskRep, taskRep } from './task-run.ts';

const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

type SinkEvent = 'cold' | 'warm' | 'one';
export type SinkRep = TaskRep<SinkEvent>;

/** Where the sink events are written in the work directory. */
function sinkEventFiles(workDir: string): Record<SinkEvent, string> {
  return {
    cold: join(workDir, 'sink-event-cold.json'),
    warm: join(workDir, 'sink-event-warm.json'),
    one: join(workDir, 'sink-event-one.json'),
  };
}

/** The three ESM events every sink run gets: two of `records` records, then one of a single record. */
export function writeSinkEvents(
  workDir: string,
  brokers: readonly string[],
  records: number,
): { files: Record<SinkEvent, string>; recordBytes: number } {
  const event = (base: number, count: number) => benchEvent(base, count, brokers.join(','));
  const files = sinkEventFiles(workDir);
  const first = event(0, records);
  writeFileSync(files.cold, JSON.stringify(first));
  writeFileSync(files.warm, JSON.stringify(event(records, records)));
  writeFileSync(files.one, JSON.stringify(event(2 * records, 1)));
  const values = Object.values(first.records)
    .flat()
    .map((record) => Buffer.from(record.value ?? '', 'base64').length);
  return { files, recordBytes: Math.round(values.reduce((sum, bytes) => sum + bytes, 0) / values.length) };
}

/** Removes the events: they are large (two 10,000-record events: ~28 MB). */
export function removeSinkEvents(workDir: string): void {
  for (const file of Object.values(sinkEventFiles(workDir))) rmSync(file, { force: true });
}

/** One sink process: the `events` of `records`, `records` and one record, into a file it then checks. */
export async function sinkRun(
  rep: number,
  fn: BundledFunction,
  events: Record<SinkEvent, string>,
  records: number,
  context: TaskContext,
): Promise<SinkRep> {
  const stamp = `${Date.now().toString(36)}-${rep}`;
  const name = `bench-sink-${stamp}`;
  const outDir = mkdtempSync(join(tmpdir(), 'copycat-bench-sink-'));
  const file = join(outDir, 'sink.txt');
  try {
    const config = { name, 'connector.class': FILE_SINK, 'tasks.max': '1', topics: 'orders', file, ...benchConfig };
    await context.stores.configs.create(name, config);
    await context.stores.configs.putTasks(name, [{ ...config, 'task.class': 'FileStreamSinkTask' }], 0);
    const planned = (label: SinkEvent) => plannedInvocation(fn, label, events[label], `${ACCOUNT_ARN}:copycat-sink-task:sink-${name}`);
    const child = await runFunction(context, `sink-${stamp}`, fn, [planned('cold'), planned('warm'), planned('one')], { sourceMaps: true });
    const runs = taskRep(child, ['cold', 'warm', 'one'], context.recorder);
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    if (lines !== 2 * records + 1) throw new Error(`the sink file has ${lines} lines, expected ${2 * records + 1}`);
    return runs;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The `sink` entry of bench/results/lambda.json. */
export function sinkResult(sinks: readonly SinkRep[], records: number, recordBytes: number) {
  return {
    connector: `FileStreamSink, ${benchConfig.transforms} (JsonConverter schemas off in and out, as the in-process ESM figure of npm run bench), file in the temp directory`,
    records,
    recordBytes,
    coldBatchMs: summarize(sinks.map((run) => run.cold.handlerMs)),
    warmBatchMs: summarize(sinks.map((run) => run.warm.handlerMs)),
    oneRecordBatchMs: summarize(sinks.map((run) => run.one.handlerMs)),
    coldMsPerRecord: summarize(sinks.map((run) => run.cold.handlerMs / records)),
    warmMsPerRecord: summarize(sinks.map((run) => run.warm.handlerMs / records)),
    warmMarginalMsPerRecord: summarize(sinks.map((run) => (run.warm.handlerMs - run.one.handlerMs) / (records - 1))),
    peakRssMiB: summarize(sinks.map((run) => run.child.maxRssBytes / MiB)),
    logBytesPerBatch: summarize(sinks.map((run) => run.warm.logBytes)),
    dynamodbRequests: sinks[sinks.length - 1]?.dynamodb,
    dynamodbLocalMs: {
      warm: summarize(sinks.map((run) => run.dynamodbMs.warm)),
      one: summarize(sinks.map((run) => run.dynamodbMs.one)),
    },
  };
}
