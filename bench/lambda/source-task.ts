// Step 3 of bench/lambda.ts: one process imports the source bundle and invokes its handler with
// real {connector, task, generation} events for datagen connectors: a cold run (timed until the
// topic's end offset first moves, polled by this process), a warm run, and a warm run with nothing
// left to send (the fixed cost of a run).
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATAGEN_CONNECTOR, DATAGEN_TASK } from '../../shared/connectors/datagen/datagen-config.ts';
import type { BundledFunction } from './bundles.ts';
import { ACCOUNT_ARN, plannedInvocation, runFunction } from './function-process.ts';
import { MiB, summarize } from './summary.ts';
import { type TaskContext, type TaskRep, taskRep } from './task-run.ts';

/** `copycat.source.idle.ms` of the bench connectors: a run ends this long after its last record (default 10 s). */
export const SOURCE_IDLE_MS = 1000;

export type SourceRep = TaskRep<'cold' | 'warm' | 'empty'> & {
  /** Epoch ms this process first saw the cold connector's topic hold a record. */
  readonly firstRecordEpochMs: number;
};

/** One source process: a cold and a warm connector of `records` records each, then the warm one again with nothing left. */
export async function sourceRun(rep: number, fn: BundledFunction, records: number, context: TaskContext): Promise<SourceRep> {
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
      iterations: String(records),
      'random.seed': '42',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'copycat.source.idle.ms': String(SOURCE_IDLE_MS),
    };
    await context.stores.configs.create(name, config);
    const generation = await context.stores.configs.putTasks(name, [{ ...config, 'task.id': '0', 'task.class': DATAGEN_TASK }], 0);
    events[which] = join(context.workDir, `source-event-${which}-${stamp}.json`);
    writeFileSync(events[which], JSON.stringify({ connector: name, task: 0, generation }));
  }
  const endOffset = async (topic: string) =>
    (await context.admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
  const arn = `${ACCOUNT_ARN}:copycat-source-task`;
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
  const child = await runFunction(
    context,
    `source-${stamp}`,
    fn,
    [
      plannedInvocation(fn, 'cold', events.cold, arn),
      plannedInvocation(fn, 'warm', events.warm, arn),
      plannedInvocation(fn, 'empty', events.warm, arn),
    ],
    { sourceMaps: true },
    watch,
  );
  const runs = taskRep(child, ['cold', 'warm', 'empty'], context.recorder);
  for (const [label, expected] of [
    ['cold', records],
    ['warm', records],
    ['empty', 0],
  ] as const) {
    const output = runs[label].output as { outcome?: string; sent?: number } | undefined;
    if (output?.outcome !== 'completed' || output.sent !== expected)
      throw new Error(`source ${label} run: expected completed with ${expected} sent, got ${JSON.stringify(output)}`);
  }
  for (const name of Object.values(names)) {
    const end = await endOffset(name);
    if (end !== records) throw new Error(`${name} holds ${end} records, expected ${records}`);
  }
  if (firstRecordEpochMs === 0) throw new Error('the first record was not seen while the source child ran');
  await context.admin.deleteTopics({ topics: Object.values(names) }).catch(() => undefined);
  return { ...runs, firstRecordEpochMs };
}

/** Module load start (in the child) to the first record in the topic. */
export function firstRecordFromModuleLoadMs(run: SourceRep): number {
  return run.child.importMs + run.firstRecordEpochMs - run.cold.startEpochMs;
}

/** The `source` entry of bench/results/lambda.json. */
export function sourceResult(sources: readonly SourceRep[], records: number) {
  return {
    connector: `Datagen quickstart orders, max.interval 0, ${records} iterations, JsonConverter (schemas off), copycat.source.idle.ms ${SOURCE_IDLE_MS}`,
    records,
    firstRecord: {
      description: 'until the cold run’s topic end offset first moved (the first polled record acked by the broker)',
      fromModuleLoadStartMs: summarize(sources.map(firstRecordFromModuleLoadMs)),
      fromInvokeMs: summarize(sources.map((run) => run.firstRecordEpochMs - run.cold.startEpochMs)),
      fromProcessStartMs: summarize(sources.map((run) => run.child.readyMs + run.firstRecordEpochMs - run.cold.startEpochMs)),
    },
    coldRunMs: summarize(sources.map((run) => run.cold.handlerMs)),
    warmRunMs: summarize(sources.map((run) => run.warm.handlerMs)),
    emptyRunMs: summarize(sources.map((run) => run.empty.handlerMs)),
    emptyRunOverheadMs: summarize(sources.map((run) => run.empty.handlerMs - SOURCE_IDLE_MS)),
    warmMsPerRecord: summarize(sources.map((run) => (run.warm.handlerMs - run.empty.handlerMs) / records)),
    coldMsPerRecord: summarize(sources.map((run) => (run.cold.handlerMs - run.empty.handlerMs) / records)),
    peakRssMiB: summarize(sources.map((run) => run.child.maxRssBytes / MiB)),
    logBytesPerRun: summarize(sources.map((run) => run.warm.logBytes)),
    dynamodbRequests: sources[sources.length - 1]?.dynamodb,
    dynamodbLocalMs: {
      warm: summarize(sources.map((run) => run.dynamodbMs.warm)),
      empty: summarize(sources.map((run) => run.dynamodbMs.empty)),
    },
  };
}
