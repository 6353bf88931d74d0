// `npm run bench:cost`: the monthly cost of one source and one sink connector on Copycat and on MSK
// Connect, for 1 M, 100 M and 10 G records a month, from the figures `npm run bench:lambda` measured
// (bench/results/lambda.json), the platform's settings and list prices. Writes bench/cost.md; the
// arithmetic is bench/cost-model.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceRunSettings } from '../shared/runtime/source/source-config.ts';
import {
  breakEvenRecords,
  type CopycatMonthlyCost,
  copycatMonthlyCost,
  cpuSlowdown,
  HOURS_PER_MONTH,
  MINUTES_PER_MONTH,
  type ModelParameters,
  mskConnectMonthlyCost,
  type Prices,
  SECONDS_PER_MONTH,
  SINK_BATCH_REQUEST_UNITS,
  sourceRunRequestUnits,
  US_EAST_1_PRICES,
} from './cost-model.ts';

interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The parts of bench/results/lambda.json the model reads. */
interface LambdaResults {
  readonly date: string;
  readonly command: string;
  readonly node: string;
  readonly machine: string;
  readonly settings: { readonly runReps: number; readonly coldReps: number; readonly sourceRecords: number; readonly sinkRecords: number };
  readonly functions: Record<
    'source-task' | 'sink-task' | 'reconciler' | 'rest-api',
    {
      readonly memoryMb: number;
      readonly timeoutSeconds: number;
      readonly architecture: string;
      readonly coldStart: { readonly withSourceMaps: { readonly processStartToReadyMs: Summary } };
    }
  >;
  readonly source: {
    readonly connector: string;
    readonly records: number;
    readonly warmMsPerRecord: Summary;
    readonly emptyRunOverheadMs: Summary;
    readonly logBytesPerRun: Summary;
    readonly dynamodbRequests?: Record<string, Record<string, number>>;
  };
  readonly sink: {
    readonly connector: string;
    readonly records: number;
    readonly recordBytes: number;
    readonly oneRecordBatchMs: Summary;
    readonly warmMarginalMsPerRecord: Summary;
    readonly logBytesPerBatch: Summary;
    readonly dynamodbLocalMs: { readonly one: Summary };
    readonly dynamodbRequests?: Record<string, Record<string, number>>;
  };
}

/** What the code sets, where the template does not say it (each with where it comes from). */
const RECONCILER_DEFAULTS = {
  /** shared/control/reconciler/reconciler.ts: `scheduleIntervalMinutes ?? 1`. */
  scheduleMinutes: 1,
  /** shared/control/reconciler/reconciler.ts: `batchSize ?? 500`, `batchingWindowSeconds ?? 1`. */
  batchSize: 500,
  batchingWindowSeconds: 1,
};
/** infra/copycat-platform.ts: `reconcileInterval ?? Duration.minutes(5)`. */
const RECONCILE_INTERVAL_MINUTES = 5;
/** shared/runtime/source/source-runner.ts: renewal every max(250, min(10 s, ttl / 3)) ms; a scheduled run's ttl is ≥ 30 s. */
const LEASE_RENEW_INTERVAL_MS = 10_000;
/** infra/monitoring.ts: 9 standard alarms (errors and throttles of 4 functions, sink lag) and 3 Metrics Insights alarms over every connector's series. */
const ALARM_METRICS = (connectors: number) => 9 + 3 * connectors;

const VOLUMES = [1e6, 1e8, 1e10];

export function modelParameters(results: LambdaResults): ModelParameters {
  const defaults = sourceRunSettings({});
  const source = results.functions['source-task'];
  const sink = results.functions['sink-task'];
  return {
    source: {
      memoryMb: source.memoryMb,
      timeoutSeconds: source.timeoutSeconds,
      scheduleMinutes: RECONCILER_DEFAULTS.scheduleMinutes,
      safetyMarginMs: defaults.safetyMarginMs,
      budgetMs: defaults.budgetMs,
      idleMs: defaults.idleMs,
      offsetFlushIntervalMs: defaults.offsetFlushIntervalMs,
      leaseRenewIntervalMs: LEASE_RENEW_INTERVAL_MS,
      sourcePartitions: 1,
      msPerRecord: results.source.warmMsPerRecord.median,
      runOverheadMs: results.source.emptyRunOverheadMs.median,
      initMs: source.coldStart.withSourceMaps.processStartToReadyMs.median,
      logBytesPerRun: results.source.logBytesPerRun.median,
    },
    sink: {
      memoryMb: sink.memoryMb,
      batchSize: RECONCILER_DEFAULTS.batchSize,
      batchingWindowSeconds: RECONCILER_DEFAULTS.batchingWindowSeconds,
      partitions: 1,
      fixedCpuMsPerBatch: Math.max(0, results.sink.oneRecordBatchMs.median - results.sink.dynamodbLocalMs.one.median),
      dynamoDbWaitMsPerBatch: results.sink.dynamodbLocalMs.one.median,
      msPerRecord: results.sink.warmMarginalMsPerRecord.median,
      initMs: sink.coldStart.withSourceMaps.processStartToReadyMs.median,
      logBytesPerBatch: results.sink.logBytesPerBatch.median,
    },
    platform: {
      reconcilerMemoryMb: results.functions.reconciler.memoryMb,
      reconcileIntervalMinutes: RECONCILE_INTERVAL_MINUTES,
      reconcileMs: 1000,
      reconcileReadUnits: 7,
      connectors: 2,
      customMetricsPerConnector: 4,
      alarmMetrics: ALARM_METRICS(2),
      dashboards: 1,
      lambdaLogBytesPerInvocation: 300,
      coldStartsPerFunction: HOURS_PER_MONTH,
    },
  };
}

// ---------------------------------------------------------------- formatting

const usd = (dollars: number) =>
  dollars >= 0.01
    ? `$${dollars.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : `$${dollars.toFixed(4)}`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const volume = (records: number) =>
  records >= 1e9 ? `${records / 1e9} G` : records >= 1e6 ? `${records / 1e6} M` : records >= 1e3 ? `${records / 1e3} k` : String(records);
const fixed = (value: number, digits: number) => value.toFixed(digits);
const cell = (s: Summary, digits: number, unit = '') =>
  `${fixed(s.median, digits)}${unit} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;
const ops = (counts: Record<string, number> | undefined) =>
  counts === undefined
    ? '–'
    : Object.entries(counts)
        .map(([operation, n]) => `${operation} ${n}`)
        .join(', ');

function costTable(rows: readonly CopycatMonthlyCost[], msk: number): string[] {
  return [
    '| records / month | source Lambda | sink Lambda | EventBridge Scheduler | DynamoDB | CloudWatch | reconciler | **Copycat total** | **MSK Connect** | Copycat / MSK Connect |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${volume(row.records)} | ${usd(row.sourceLambda.dollars)} | ${usd(row.sinkLambda.dollars)} | ${usd(row.scheduler.dollars)} | ${usd(row.dynamoDb.dollars)} | ${usd(row.cloudWatch.dollars)} | ${usd(row.reconcilerLambda.dollars)} | **${usd(row.total)}** | **${usd(msk)}** | ${(row.total / msk).toFixed(2)} |`,
    ),
  ];
}

function quantitiesTable(rows: readonly CopycatMonthlyCost[]): string[] {
  return [
    '| records / month | records/s | source tasks × runs | source run (polling) | sink invocations | records per batch | sink batch | sink busy | Lambda GB-s (source + sink) | DynamoDB read / write units | log ingestion |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${volume(row.records)} | ${fixed(row.records / SECONDS_PER_MONTH, 1)} | ${row.sourceTasks} × ${count(row.sourceRuns / row.sourceTasks)} | ${fixed(row.sourceRunMs / 1000, 2)} s (${fixed(row.sourcePollMs / 1000, 0)} s) | ${count(row.sinkInvocations)} | ${fixed(row.recordsPerBatch, 1)} | ${fixed(row.sinkBatchMs, 1)} ms | ${fixed(row.sinkBusyShare * 100, 1)} % | ${count((row.sourceLambda.gbSeconds ?? 0) + (row.sinkLambda.gbSeconds ?? 0))} | ${count(row.dynamoDb.readUnits)} / ${count(row.dynamoDb.writeUnits)} | ${fixed(row.cloudWatch.logGb, 2)} GB |`,
    ),
  ];
}

export function renderCostDocument(results: LambdaResults, prices: Prices): string {
  const parameters = modelParameters(results);
  const { source, sink, platform } = parameters;
  const msk = mskConnectMonthlyCost(prices, platform.connectors);
  const rows = VOLUMES.map((records) => copycatMonthlyCost(parameters, prices, records));
  const breakEven = breakEvenRecords(parameters, prices, msk);
  const shortBudget: ModelParameters = { ...parameters, source: { ...source, budgetMs: 10_000 } };
  const shortRows = VOLUMES.map((records) => copycatMonthlyCost(shortBudget, prices, records));
  const shortBreakEven = breakEvenRecords(shortBudget, prices, msk);
  const atBreakEven = breakEven === undefined ? undefined : copycatMonthlyCost(parameters, prices, breakEven);
  const budgetMs = Math.min(source.timeoutSeconds * 1000 - source.safetyMarginMs, source.budgetMs ?? Number.POSITIVE_INFINITY);
  const steadyRun = sourceRunRequestUnits(source, budgetMs, true);
  const benchRun = sourceRunRequestUnits(source, 0, true);
  const benchEmptyRun = sourceRunRequestUnits(source, 0, false);
  const sourceRequests = results.source.dynamodbRequests;
  const sinkRequests = results.sink.dynamodbRequests;
  const breakEvenText = (records: number | undefined) =>
    records === undefined
      ? 'Copycat stays cheaper than that up to 10 T records a month'
      : `about **${volume(Number(records.toPrecision(2)))} records a month** (${count(records / SECONDS_PER_MONTH)} records/s on average)`;
  const first = rows[0] as CopycatMonthlyCost;
  const last = rows[rows.length - 1] as CopycatMonthlyCost;

  return `# What Copycat costs a month, beside MSK Connect

Generated by \`npm run bench:cost\` (\`node bench/cost.ts\`) from \`bench/results/lambda.json\`, which
\`${results.command}\` measured on ${results.date.slice(0, 10)} (Node ${results.node}, ${results.machine}; medians of
${results.settings.runReps} runs). The arithmetic is \`bench/cost-model.ts\`, checked by
\`test/unit/bench/cost-model.test.ts\`. Regenerate both rather than editing this file.

## What is compared

- **One source and one sink connector** moving the same records a month, arriving evenly around the
  clock: a datagen-like source into Kafka, and a file-like sink with a JsonConverter and 3 SMTs
  out of it (the per-record figures below are those connectors'; a JDBC source or sink adds the
  database's round trips).
- **Copycat**, as \`cdk deploy\` sets it up: the source task function (${source.memoryMb} MB, timeout ${source.timeoutSeconds} s) invoked by
  one EventBridge Scheduler schedule per task every ${source.scheduleMinutes === 1 ? 'minute' : `${source.scheduleMinutes} minutes`}; the sink task function (${sink.memoryMb} MB) fed by
  one Kafka event source mapping (batches of up to ${sink.batchSize} records, ${sink.batchingWindowSeconds} s batching window, ${sink.partitions} partition);
  the state table on DynamoDB on-demand; the reconciler (${platform.reconcilerMemoryMb} MB) every ${platform.reconcileIntervalMinutes} minutes; CloudWatch
  metrics, alarms, the dashboard and logs. Functions on ${prices.lambdaArchitecture}, as the stack configures them.
- **MSK Connect** at its minimum: every connector runs at least 1 worker of 1 MCU (1 vCPU, 4 GiB) around
  the clock, so 2 connectors × 1 MCU × ${HOURS_PER_MONTH} h × $${prices.mskConnectPerMcuHour} = **${usd(msk)} a month** whatever flows.
  One MCU per connector is assumed to keep up at every volume here (it favours MSK Connect at 10 G).
- **Left out on both sides**: Kafka itself (MSK or self-managed brokers and their storage), data
  transfer, the VPC's NAT gateway or endpoints, DynamoDB storage (a few kB) and log storage, and
  MSK Connect's own worker logs. No free tier is applied anywhere (Lambda's 1 M requests and
  400,000 GB-s, Scheduler's 14 M invocations, CloudWatch's 10 metrics, 10 alarms, 3 dashboards and
  5 GB of logs a month would all lower Copycat's figures further, most at low volume).
- A month is ${HOURS_PER_MONTH} hours (${count(MINUTES_PER_MONTH)} minutes), as AWS bills it.

## Prices (${prices.region})

${prices.asOf}.

| what | price |
|---|---:|
| Lambda requests | $${prices.lambdaPerMillionRequests.toFixed(2)} per million |
| Lambda duration, ${prices.lambdaArchitecture} | $${prices.lambdaPerGbSecond} per GB-second (billed per ms; the INIT phase too, since August 2025) |
| EventBridge Scheduler invocations | $${prices.schedulerPerMillionInvocations.toFixed(2)} per million (14 M a month free, not applied) |
| DynamoDB on-demand writes | $${prices.dynamoDbPerMillionWriteUnits} per million write request units |
| DynamoDB on-demand reads | $${prices.dynamoDbPerMillionReadUnits} per million read request units |
| MSK Connect | $${prices.mskConnectPerMcuHour} per MCU-hour |
| CloudWatch custom metrics | $${prices.cloudWatchPerCustomMetricMonth.toFixed(2)} per metric-month |
| CloudWatch alarms | $${prices.cloudWatchPerAlarmMetricMonth.toFixed(2)} per alarm metric-month |
| CloudWatch dashboard | $${prices.cloudWatchPerDashboardMonth.toFixed(2)} per month |
| CloudWatch Logs ingestion | $${prices.cloudWatchLogsPerGbIngested.toFixed(2)} per GB |

Check them against the AWS pricing pages before quoting the result; \`US_EAST_1_PRICES\` in
\`bench/cost-model.ts\` holds them.

## Figures used, as measured

From \`bench/results/lambda.json\` (\`${results.command}\`): the bundled functions run in fresh Node
processes against DynamoDB Local and the local broker. Medians (min–max).

| figure | value | used as |
|---|---:|---|
| source: handler ms per record, warm (${count(results.source.records)} records per run; ${results.source.connector}) | ${cell(results.source.warmMsPerRecord, 4)} | CPU per record, × ${fixed(cpuSlowdown(source.memoryMb), 2)} for ${source.memoryMb} MB |
| source: a run's own work (empty run less its idle wait) | ${cell(results.source.emptyRunOverheadMs, 0, ' ms')} | added to every run |
| sink: one-record batch, warm | ${cell(results.sink.oneRecordBatchMs, 1, ' ms')} | fixed cost of a batch: ${fixed(sink.dynamoDbWaitMsPerBatch, 1)} ms waiting for DynamoDB Local as is, the rest × ${fixed(cpuSlowdown(sink.memoryMb), 2)} |
| sink: handler ms per additional record, warm (${count(results.sink.records)}-record events of ${results.sink.recordBytes} B JSON; ${results.sink.connector}) | ${cell(results.sink.warmMarginalMsPerRecord, 4)} | CPU per record, × ${fixed(cpuSlowdown(sink.memoryMb), 2)} |
| cold start, process start → handler ready (source / sink) | ${fixed(source.initMs, 0)} / ${fixed(sink.initMs, 0)} ms | billed INIT, ${count(platform.coldStartsPerFunction)} cold starts per function a month (assumed) |
| bytes logged per source run / sink batch | ${count(source.logBytesPerRun)} / ${count(sink.logBytesPerBatch)} B | plus ${platform.lambdaLogBytesPerInvocation} B of Lambda's START/END/REPORT lines (assumed) |

**CPU share.** Lambda gives a function 1 vCPU at 1,769 MB and a proportional share below, so the
handler's CPU time measured on one core is multiplied by ${fixed(cpuSlowdown(source.memoryMb), 2)} at ${source.memoryMb} MB. The benchmark ran on
${results.machine}, not on Graviton; treat the per-record figures as ±50 %.

## DynamoDB requests

Counted from the code paths (\`shared/runtime/source/source-runner.ts\`, \`task-loop.ts\`,
\`lease-keeper.ts\`, \`shared/runtime/sink/sink-worker.ts\`, \`shared/stores/dynamodb/*\`) and checked
against the requests the benchmark's recording proxy saw. Every read is strongly consistent (1 read
unit per 4 KB), every item here is under 1 KB (1 write unit), and a transaction bills 2 units per item.

| invocation | reads | writes | read units | write units | requests seen by the benchmark |
|---|---|---|---:|---:|---|
| source run polling ${fixed(budgetMs / 1000, 0)} s with records (a steady source; what the model uses) | config, tasks, statuses (Query), offsets (BatchGetItem), tasks again before each of ${Math.ceil(budgetMs / source.offsetFlushIntervalMs)} commits | lease, ${Math.ceil(budgetMs / source.leaseRenewIntervalMs) - 1} renewals, ${Math.ceil(budgetMs / source.offsetFlushIntervalMs)} commit transactions (lease check + 1 offset), release | ${steadyRun.read} | ${steadyRun.write} | – |
| source run of a few seconds with records (the benchmark's warm run) | as above, 1 commit | lease, 1 commit, release | ${benchRun.read} | ${benchRun.write} | ${ops(sourceRequests?.warm)} (a first run also writes the task's RUNNING status) |
| source run with nothing to send | as above | lease, release | ${benchEmptyRun.read} | ${benchEmptyRun.write} | ${ops(sourceRequests?.empty)} |
| sink batch | config, tasks, statuses (Query) | – | ${SINK_BATCH_REQUEST_UNITS.read} | ${SINK_BATCH_REQUEST_UNITS.write} | ${ops(sinkRequests?.warm)} (the first batch of a process also reads the config to resolve its alias: ${ops(sinkRequests?.cold)}) |
| reconcile of 2 connectors every ${platform.reconcileIntervalMinutes} min (assumed) | a Scan of the table, then each connector's items | – | ${platform.reconcileReadUnits} | 0 | – |

## Monthly cost

${costTable(rows, msk).join('\n')}

What drives each line:

${quantitiesTable(rows).join('\n')}

- **Source**: a task that receives records more often than \`copycat.source.idle.ms\` (10 s) apart
  polls until its budget, the ${source.timeoutSeconds} s timeout less the ${fixed(source.safetyMarginMs / 1000, 0)} s safety margin, on every run: its duration, and
  so its cost, is ${fixed(first.sourceRunMs / 1000, 1)} s × ${count(first.sourceRuns)} runs a month at any volume, about ${usd(first.sourceLambda.dollars)} per task.
  Records only add CPU within that time; a task is split (\`tasks.max\`) when one run's records need
  more CPU than its budget.
- **Sink**: below ${count(sink.batchSize / sink.batchingWindowSeconds)} records/s a batch closes with its ${sink.batchingWindowSeconds} s window, so the sink runs up to once a
  second (at 1 M a month, once per record); above it, batches are full (${sink.batchSize} records). Each batch costs
  a fixed ~${fixed(first.sinkBatchMs, 0)} ms plus its records' CPU. The busy column is the share of the month the one partition's
  batches keep the handler busy (above 100 %, add partitions).
- **CloudWatch**: ${platform.connectors * platform.customMetricsPerConnector} custom metrics, ${platform.alarmMetrics} alarm metrics and the dashboard, about ${usd(first.cloudWatch.dollars - first.cloudWatch.logGb * prices.cloudWatchLogsPerGbIngested)} a month, plus log ingestion.

## Break-even

With the defaults, Copycat's cost reaches MSK Connect's minimum (${usd(msk)} a month) at
${breakEvenText(breakEven)}. At 10 G records a month it costs ${usd(last.total)}, ${(last.total / msk).toFixed(2)} × MSK Connect's minimum.${
    atBreakEven === undefined
      ? ''
      : `
At the break-even the source needs ${atBreakEven.sourceTasks} task${atBreakEven.sourceTasks === 1 ? '' : 's'} and the sink's batches keep ${fixed(atBreakEven.sinkBusyShare * 100, 0)} % of one
partition's time busy${atBreakEven.sinkBusyShare > 1 ? `, so the topic needs at least ${Math.ceil(atBreakEven.sinkBusyShare)} partitions (the cost stays the same: the batches are full either way)` : ''};
MSK Connect would likely need more than one MCU per connector there, which moves the break-even further out.`
  }

Most of the fixed cost is the source task polling for its whole budget. A source that can wait
for its records can say so per connector: with \`copycat.source.budget.ms=10000\` each run polls 10 s
of every minute (records arrive up to a minute late, at most):

${costTable(shortRows, msk).join('\n')}

and the break-even is at ${breakEvenText(shortBreakEven)}: at high volume the source is busy for most of
its budget anyway, so a shorter budget saves at low volume only.

## Caveats

- The handler figures come from one development machine (x86, shared with other work while
  measuring), not from Lambda on Graviton; Kafka and DynamoDB were local, so network round trips in
  AWS add wall time (billed) that the figures do not have. The fixed sink batch cost uses DynamoDB
  Local's answer times (${fixed(sink.dynamoDbWaitMsPerBatch, 1)} ms for the three reads in parallel); DynamoDB in AWS answers in a few ms.
- The reconciler's duration (${platform.reconcileMs} ms a run) and read units are assumptions, not measurements: it calls the
  Scheduler and Lambda APIs, which cannot run locally. At ${usd(first.reconcilerLambda.dollars)} a month it does not move the result.
- Records arriving in bursts rather than evenly make fewer, fuller sink batches (cheaper) and can let
  source runs end early after \`copycat.source.idle.ms\` (cheaper still).
- MSK Connect's minimum is the floor: a connector that needs more than 1 MCU (a busy JDBC sink, many
  tasks) costs $${fixed(prices.mskConnectPerMcuHour * HOURS_PER_MONTH, 2)} more a month per MCU, while Copycat's cost follows the records.
`;
}

if (import.meta.main) {
  const results = JSON.parse(readFileSync(join(import.meta.dirname, 'results', 'lambda.json'), 'utf8')) as LambdaResults;
  const document = renderCostDocument(results, US_EAST_1_PRICES);
  writeFileSync(join(import.meta.dirname, 'cost.md'), document);
  const parameters = modelParameters(results);
  const msk = mskConnectMonthlyCost(US_EAST_1_PRICES, parameters.platform.connectors);
  console.log(
    costTable(
      VOLUMES.map((records) => copycatMonthlyCost(parameters, US_EAST_1_PRICES, records)),
      msk,
    ).join('\n'),
  );
  const breakEven = breakEvenRecords(parameters, US_EAST_1_PRICES, msk);
  console.log(
    `\nbreak-even: ${breakEven === undefined ? 'none up to 10 T records a month' : `${volume(Number(breakEven.toPrecision(2)))} records a month`}`,
  );
  console.log(`wrote ${join(import.meta.dirname, 'cost.md')}`);
}
