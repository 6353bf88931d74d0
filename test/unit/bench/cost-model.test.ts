import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  breakEvenRecords,
  copycatMonthlyCost,
  cpuSlowdown,
  type ModelParameters,
  mskConnectMonthlyCost,
  type Prices,
  sinkBatchMs,
  sinkInvocations,
  sourceRunRequestUnits,
} from '../../../bench/cost-model.ts';

const prices: Prices = {
  region: 'us-east-1',
  asOf: 'test',
  lambdaArchitecture: 'arm64',
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000133334,
  schedulerPerMillionInvocations: 1,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  mskConnectPerMcuHour: 0.11,
  cloudWatchPerCustomMetricMonth: 0.3,
  cloudWatchPerAlarmMetricMonth: 0.1,
  cloudWatchPerDashboardMonth: 3,
  cloudWatchLogsPerGbIngested: 0.5,
};

// Round figures, so that every expected value below can be worked out by hand. The sink gets
// 1,769 MB (one full vCPU: its CPU figures are taken as measured); the source 1,024 MB.
const parameters: ModelParameters = {
  source: {
    memoryMb: 1024,
    timeoutSeconds: 60,
    scheduleMinutes: 1,
    safetyMarginMs: 10_000,
    budgetMs: null,
    idleMs: 10_000,
    offsetFlushIntervalMs: 10_000,
    leaseRenewIntervalMs: 10_000,
    sourcePartitions: 1,
    msPerRecord: 0.05,
    runOverheadMs: 100,
    initMs: 200,
    logBytesPerRun: 700,
  },
  sink: {
    memoryMb: 1769,
    batchSize: 500,
    batchingWindowSeconds: 1,
    partitions: 1,
    fixedCpuMsPerBatch: 10,
    dynamoDbWaitMsPerBatch: 5,
    msPerRecord: 0.1,
    initMs: 200,
    logBytesPerBatch: 300,
  },
  platform: {
    reconcilerMemoryMb: 512,
    reconcileIntervalMinutes: 5,
    reconcileMs: 1000,
    reconcileReadUnits: 7,
    connectors: 2,
    customMetricsPerConnector: 4,
    alarmMetrics: 15,
    dashboards: 1,
    lambdaLogBytesPerInvocation: 300,
    coldStartsPerFunction: 0,
  },
};

function near(actual: number | undefined, expected: number, what: string): void {
  assert.ok(actual !== undefined, `${what} is missing`);
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-9 + 1e-12, `${what}: expected ${expected}, got ${actual}`);
}

describe('the cost model', () => {
  it('when the sink gets fewer records than batching windows, each window with a record is one invocation; above a full batch per window, batches are full', () => {
    // A 730-hour month has 2,628,000 one-second windows.
    assert.equal(sinkInvocations(parameters.sink, 0), 0);
    assert.equal(sinkInvocations(parameters.sink, 1e6), 1e6);
    assert.equal(sinkInvocations(parameters.sink, 1e8), 2_628_000);
    assert.equal(sinkInvocations(parameters.sink, 1e10), 20_000_000);
    // Two partitions have twice the windows.
    assert.equal(sinkInvocations({ ...parameters.sink, partitions: 2 }, 1e8), 5_256_000);
  });

  it('when a source run polls for 50 s with records, it reads 9 units and writes 26; a short run and an empty run match what the benchmark counted', () => {
    // Reads: config, tasks, statuses, 1 offset, tasks before each of 5 commits (10, 20, 30, 40 s and the end).
    // Writes: lease 1, renewals 4, 5 transactions × (lease check + 1 offset) × 2 units, release 1.
    assert.deepEqual(sourceRunRequestUnits(parameters.source, 50_000, true), { read: 9, write: 26 });
    // A 2.5 s run: GetItem ×3, Query, BatchGetItem; PutItem (lease), 1 transaction of 2 items, DeleteItem.
    assert.deepEqual(sourceRunRequestUnits(parameters.source, 2_500, true), { read: 5, write: 6 });
    assert.deepEqual(sourceRunRequestUnits(parameters.source, 2_500, false), { read: 5, write: 2 });
    // Two source partitions: one more offset read, one more item per transaction.
    assert.deepEqual(sourceRunRequestUnits({ ...parameters.source, sourcePartitions: 2 }, 50_000, true), { read: 10, write: 36 });
  });

  it('when a function has less than 1,769 MB, its CPU work takes proportionally longer', () => {
    assert.equal(cpuSlowdown(1769), 1);
    assert.equal(cpuSlowdown(3538), 1);
    assert.equal(cpuSlowdown(1024), 1769 / 1024);
    // 5 ms waiting for DynamoDB + (10 ms fixed + 500 × 0.1 ms) of CPU at a full vCPU.
    assert.equal(sinkBatchMs(parameters.sink, 500), 65);
    assert.equal(sinkBatchMs({ ...parameters.sink, memoryMb: 884.5 }, 500), 5 + 60 * 2);
  });

  it('when 1 M records flow a month, each line is the hand-computed figure', () => {
    // Act
    const cost = copycatMonthlyCost(parameters, prices, 1e6);
    // Assess
    // Source: 43,800 runs, one every minute; a record every 2.6 s keeps each run polling its 50 s
    // budget, plus 100 ms of its own work: 43,800 × 50.1 s × 1 GB = 2,194,380 GB-s.
    assert.equal(cost.sourceTasks, 1);
    assert.equal(cost.sourceRuns, 43_800);
    assert.equal(cost.sourceRunMs, 50_100);
    near(cost.sourceLambda.gbSeconds, 2_194_380, 'source GB-s');
    near(cost.sourceLambda.dollars, 2_194_380 * 0.0000133334 + 0.0438 * 0.2, 'source $');
    // Sink: 1,000,000 one-record batches of 5 + 10 + 0.1 = 15.1 ms, billed 16 ms, at 1,769 MB.
    assert.equal(cost.sinkInvocations, 1e6);
    near(cost.sinkBatchMs, 15.1, 'sink batch ms');
    near(cost.sinkLambda.gbSeconds, 16_000 * (1769 / 1024), 'sink GB-s');
    near(cost.sinkLambda.dollars, 27_640.625 * 0.0000133334 + 0.2, 'sink $');
    near(cost.sinkBusyShare, 15.1e6 / 2.628e9, 'sink busy share');
    // Reconciler: every 5 minutes, 8,760 runs of 1 s at 0.5 GB.
    near(cost.reconcilerLambda.gbSeconds, 4380, 'reconciler GB-s');
    near(cost.scheduler.dollars, 0.0438, 'scheduler $');
    // DynamoDB: 43,800 × 9 + 1,000,000 × 3 + 8,760 × 7 reads; 43,800 × 26 writes.
    assert.equal(cost.dynamoDb.readUnits, 3_455_520);
    assert.equal(cost.dynamoDb.writeUnits, 1_138_800);
    near(cost.dynamoDb.dollars, 3.45552 * 0.125 + 1.1388 * 0.625, 'DynamoDB $');
    // CloudWatch: 8 metrics, 15 alarm metrics, 1 dashboard, and 43,800 × 1,000 + 1,000,000 × 600 + 8,760 × 300 bytes of logs.
    near(cost.cloudWatch.logGb, 646_428_000 / 2 ** 30, 'log GB');
    near(cost.cloudWatch.dollars, 8 * 0.3 + 15 * 0.1 + 3 + (646_428_000 / 2 ** 30) * 0.5, 'CloudWatch $');
    near(
      cost.total,
      cost.sourceLambda.dollars +
        cost.sinkLambda.dollars +
        cost.reconcilerLambda.dollars +
        cost.scheduler.dollars +
        cost.dynamoDb.dollars +
        cost.cloudWatch.dollars,
      'total',
    );
  });

  it('when one run’s records need more CPU than its budget, the source is split into more tasks, each on its schedule', () => {
    // 10 G records: 228,310.5 records per run × 0.3 ms × 1769/1024 = 118,325 ms of CPU > 50,000 ms: 3 tasks.
    const cost = copycatMonthlyCost({ ...parameters, source: { ...parameters.source, msPerRecord: 0.3 } }, prices, 1e10);
    assert.equal(cost.sourceTasks, 3);
    assert.equal(cost.sourceRuns, 131_400);
    near(cost.scheduler.dollars, 0.1314, 'scheduler $');
  });

  it('when records are sparser than the idle time, a run stops after idling; with a budget set, it polls no longer than that', () => {
    // 100,000 records a month: one every 26.28 s, more than the 10 s idle time.
    const sparse = copycatMonthlyCost(parameters, prices, 1e5);
    near(sparse.sourcePollMs, 10_000 + (1e5 / 43_800) * 0.05 * (1769 / 1024), 'sparse poll ms');
    const budgeted = copycatMonthlyCost({ ...parameters, source: { ...parameters.source, budgetMs: 10_000 } }, prices, 1e6);
    assert.equal(budgeted.sourcePollMs, 10_000);
    assert.equal(budgeted.sourceRunMs, 10_100);
  });

  it('when a cold start a month is assumed per function, its INIT time is billed', () => {
    const cold = copycatMonthlyCost({ ...parameters, platform: { ...parameters.platform, coldStartsPerFunction: 730 } }, prices, 1e6);
    const warm = copycatMonthlyCost(parameters, prices, 1e6);
    // 730 × 0.2 s at 1 GB (source) and at 1769/1024 GB (sink); and the sink's alias lookup, 1 read each.
    near((cold.sourceLambda.gbSeconds ?? 0) - (warm.sourceLambda.gbSeconds ?? 0), 146, 'source INIT GB-s');
    near((cold.sinkLambda.gbSeconds ?? 0) - (warm.sinkLambda.gbSeconds ?? 0), 146 * (1769 / 1024), 'sink INIT GB-s');
    assert.equal(cold.dynamoDb.readUnits - warm.dynamoDb.readUnits, 730);
  });

  it('when MSK Connect runs two connectors at its minimum, it costs 2 × 1 MCU × 730 h × $0.11', () => {
    near(mskConnectMonthlyCost(prices, 2), 160.6, 'MSK Connect $');
    near(mskConnectMonthlyCost(prices, 2, 2, 2), 642.4, 'MSK Connect, 2 workers of 2 MCUs');
  });

  it('when Copycat’s cost reaches MSK Connect’s, the break-even is the least volume where it does', () => {
    const msk = mskConnectMonthlyCost(prices, 2);
    const breakEven = breakEvenRecords(parameters, prices, msk);
    assert.ok(breakEven !== undefined && breakEven > 1e10, `break-even ${breakEven}`);
    // The cost steps up where the source needs one more task, so it may jump past MSK Connect's.
    assert.ok(copycatMonthlyCost(parameters, prices, breakEven).total >= msk);
    assert.ok(copycatMonthlyCost(parameters, prices, breakEven * (1 - 1e-5)).total < msk);
    assert.equal(breakEvenRecords(parameters, prices, 1e9), undefined);
    assert.equal(breakEvenRecords(parameters, prices, 1), 0);
  });
});
