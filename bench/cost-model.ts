// The arithmetic of the cost model (bench/cost.ts renders it into bench/cost.md): what one source
// and one sink connector cost a month on Copycat (Lambda, EventBridge Scheduler, DynamoDB
// on-demand, CloudWatch) and on MSK Connect, for a given number of records. Pure functions of
// their inputs, so test/unit/bench/cost-model.test.ts checks them with numbers worked by hand.
// Kafka itself (MSK or self-managed) is left out on both sides.

/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const MINUTES_PER_MONTH = HOURS_PER_MONTH * 60;

/** List prices in USD (no free tier is applied anywhere). */
export interface Prices {
  readonly region: string;
  /** When the prices were read, and from where. */
  readonly asOf: string;
  readonly lambdaArchitecture: 'arm64' | 'x86_64';
  readonly lambdaPerMillionRequests: number;
  /** First pricing tier (the first 7.5 billion GB-s a month on arm64). */
  readonly lambdaPerGbSecond: number;
  readonly schedulerPerMillionInvocations: number;
  readonly dynamoDbPerMillionWriteUnits: number;
  readonly dynamoDbPerMillionReadUnits: number;
  readonly mskConnectPerMcuHour: number;
  readonly cloudWatchPerCustomMetricMonth: number;
  readonly cloudWatchPerAlarmMetricMonth: number;
  readonly cloudWatchPerDashboardMonth: number;
  readonly cloudWatchLogsPerGbIngested: number;
}

/** us-east-1 list prices; the functions run on arm64 (infra/copycat-function.ts). */
export const US_EAST_1_PRICES: Prices = {
  region: 'us-east-1',
  asOf: 'March 2026 list prices: Lambda, EventBridge Scheduler, CloudWatch and DynamoDB pricing pages (DynamoDB on-demand as reduced on 1 November 2024); MSK Connect $0.11 per MCU-hour',
  lambdaArchitecture: 'arm64',
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000133334,
  schedulerPerMillionInvocations: 1.0,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  mskConnectPerMcuHour: 0.11,
  cloudWatchPerCustomMetricMonth: 0.3,
  cloudWatchPerAlarmMetricMonth: 0.1,
  cloudWatchPerDashboardMonth: 3.0,
  cloudWatchLogsPerGbIngested: 0.5,
};

/** Lambda gives a function one full vCPU at 1,769 MB, and a proportional share below. */
export const LAMBDA_MB_PER_VCPU = 1769;

/** How much slower CPU-bound work runs at `memoryMb` than on one full core (what the benchmark measured on). */
export function cpuSlowdown(memoryMb: number): number {
  return Math.max(1, LAMBDA_MB_PER_VCPU / memoryMb);
}

/** What the source task function does per scheduled run (settings of the platform and the runtime, and measured figures). */
export interface SourceParameters {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Schedules fire every this many minutes (the reconciler's default: 1). */
  readonly scheduleMinutes: number;
  /** `copycat.source.safety.margin.ms` (10,000): a run polls until the timeout less this. */
  readonly safetyMarginMs: number;
  /** `copycat.source.budget.ms` (unset: null): the most one run polls. */
  readonly budgetMs: number | null;
  /** `copycat.source.idle.ms` (10,000): a run ends once the task gave nothing for this long. */
  readonly idleMs: number;
  /** `offset.flush.interval.ms` (10,000). */
  readonly offsetFlushIntervalMs: number;
  /** The lease is renewed every min(10 s, ttl / 3) of a scheduled run. */
  readonly leaseRenewIntervalMs: number;
  /** Source partitions a task commits offsets for (one item each; datagen and a file source have one). */
  readonly sourcePartitions: number;
  /** Measured: handler ms per record, warm, on one core. */
  readonly msPerRecord: number;
  /** Measured: a run's own work besides polling (reads, lease, final commit, release), ms. */
  readonly runOverheadMs: number;
  /** Measured: process start until the handler is ready (billed as INIT), ms. */
  readonly initMs: number;
  /** Measured: bytes the function logs per run (its log line and the metrics line). */
  readonly logBytesPerRun: number;
}

/** What the sink task function does per batch. */
export interface SinkParameters {
  readonly memoryMb: number;
  /** Records per batch at most (the reconciler's default mapping: 500, or `consumer.override.max.poll.records`). */
  readonly batchSize: number;
  /** The mapping's MaximumBatchingWindowInSeconds (the reconciler's default: 1). */
  readonly batchingWindowSeconds: number;
  /** Topic partitions: the mapping runs one batch per partition at a time. */
  readonly partitions: number;
  /** Measured: a one-record batch, warm, ms, less the time spent waiting for DynamoDB. */
  readonly fixedCpuMsPerBatch: number;
  /** Measured: time spent waiting for DynamoDB per batch, ms (not slowed by a smaller CPU share). */
  readonly dynamoDbWaitMsPerBatch: number;
  /** Measured: handler ms per additional record, warm, on one core. */
  readonly msPerRecord: number;
  readonly initMs: number;
  readonly logBytesPerBatch: number;
}

/** What the platform costs whatever flows: the reconciler's periodic run and CloudWatch. */
export interface PlatformParameters {
  readonly reconcilerMemoryMb: number;
  /** The periodic reconcile of every connector (the platform's default: every 5 minutes). */
  readonly reconcileIntervalMinutes: number;
  /** Assumed duration of one reconcile of two connectors (AWS API calls; not measured locally), ms. */
  readonly reconcileMs: number;
  /** Assumed DynamoDB read units of one reconcile (a Scan of the table, then each connector's items). */
  readonly reconcileReadUnits: number;
  readonly connectors: number;
  /** EMF metrics per connector (RecordsIn, RecordsOut, Errors, DeadLettered, dimension Connector). */
  readonly customMetricsPerConnector: number;
  /** Alarm metrics: standard alarms plus the metrics the Metrics Insights alarms query. */
  readonly alarmMetrics: number;
  readonly dashboards: number;
  /** Assumed bytes of Lambda's own START, END and REPORT lines per invocation. */
  readonly lambdaLogBytesPerInvocation: number;
  /** Assumed execution environment starts per function a month (billed INIT). */
  readonly coldStartsPerFunction: number;
}

export interface ModelParameters {
  readonly source: SourceParameters;
  readonly sink: SinkParameters;
  readonly platform: PlatformParameters;
}

/** DynamoDB on-demand request units. */
export interface RequestUnits {
  readonly read: number;
  readonly write: number;
}

/**
 * The request units of one source run that polls for `pollMs`, as the code does it (shared/runtime/source):
 * reads: the config and task items (GetItem, strongly consistent: 1 unit each up to 4 KB), the
 * statuses (one Query, 1 unit), the offsets (BatchGetItem, 1 per source partition), and the task
 * item again before every commit; writes: the lease (PutItem, 1 unit up to 1 KB), its renewals
 * (UpdateItem) and release (DeleteItem), and each commit that stores offsets, a transaction of the
 * lease check and one Put per partition (2 units per item).
 */
export function sourceRunRequestUnits(
  source: Pick<SourceParameters, 'offsetFlushIntervalMs' | 'leaseRenewIntervalMs' | 'sourcePartitions'>,
  pollMs: number,
  offsetsStored: boolean,
): RequestUnits {
  // Commits every flush interval while polling (not at its very end: the final commit is that one), and once at the end.
  const commits = Math.max(0, Math.ceil(pollMs / source.offsetFlushIntervalMs) - 1) + 1;
  const renewals = Math.max(0, Math.ceil(pollMs / source.leaseRenewIntervalMs) - 1);
  const storingCommits = offsetsStored ? commits : 0;
  return {
    read: 2 + 1 + source.sourcePartitions + commits,
    write: 1 + renewals + 1 + storingCommits * 2 * (1 + source.sourcePartitions),
  };
}

/** The sink reads its connector's config and task items and statuses per batch (shared/runtime/sink/sink-worker.ts). */
export const SINK_BATCH_REQUEST_UNITS: RequestUnits = { read: 3, write: 0 };

/**
 * Sink invocations a month: full batches when records come faster than a batch per window,
 * otherwise one batch per batching window that has a record (records arriving evenly).
 */
export function sinkInvocations(sink: Pick<SinkParameters, 'batchSize' | 'batchingWindowSeconds' | 'partitions'>, records: number): number {
  if (records <= 0) return 0;
  const windows = (SECONDS_PER_MONTH / sink.batchingWindowSeconds) * sink.partitions;
  return Math.max(Math.ceil(records / sink.batchSize), Math.min(records, windows));
}

/** Ms of one sink batch of `recordsPerBatch` records at the sink's memory size. */
export function sinkBatchMs(sink: SinkParameters, recordsPerBatch: number): number {
  return sink.dynamoDbWaitMsPerBatch + (sink.fixedCpuMsPerBatch + recordsPerBatch * sink.msPerRecord) * cpuSlowdown(sink.memoryMb);
}

/** One priced line: what was counted and what it costs. */
export interface CostLine {
  readonly dollars: number;
  readonly requests?: number;
  readonly gbSeconds?: number;
}

export interface CopycatMonthlyCost {
  readonly records: number;
  readonly sourceTasks: number;
  /** How long each run polls, and its whole duration (polling plus the run's own work), ms. */
  readonly sourcePollMs: number;
  readonly sourceRunMs: number;
  readonly sourceRuns: number;
  readonly sinkInvocations: number;
  readonly recordsPerBatch: number;
  readonly sinkBatchMs: number;
  /** Share of the month the sink spends in its handler, per partition (above 1: it cannot keep up). */
  readonly sinkBusyShare: number;
  readonly sourceLambda: CostLine;
  readonly sinkLambda: CostLine;
  readonly reconcilerLambda: CostLine;
  readonly scheduler: CostLine;
  readonly dynamoDb: CostLine & { readonly readUnits: number; readonly writeUnits: number };
  readonly cloudWatch: CostLine & { readonly logGb: number };
  readonly total: number;
}

function lambdaLine(prices: Prices, invocations: number, billedMsEach: number, memoryMb: number, initSeconds = 0): CostLine {
  const gbSeconds = ((invocations * Math.ceil(billedMsEach)) / 1000) * (memoryMb / 1024) + initSeconds * (memoryMb / 1024);
  return {
    requests: invocations,
    gbSeconds,
    dollars: (invocations / 1e6) * prices.lambdaPerMillionRequests + gbSeconds * prices.lambdaPerGbSecond,
  };
}

/**
 * One source and one sink connector moving `records` a month, arriving evenly. A source task
 * that gets records more often than `idleMs` apart polls until its budget (timeout less the safety
 * margin) every run, however few records it has: its duration is fixed, not per record. A task
 * whose records need more CPU than one run's budget is split (`tasks.max`), each with its schedule.
 */
export function copycatMonthlyCost(parameters: ModelParameters, prices: Prices, records: number): CopycatMonthlyCost {
  const { source, sink, platform } = parameters;
  const runsPerTask = MINUTES_PER_MONTH / source.scheduleMinutes;
  const budgetMs = Math.min(source.timeoutSeconds * 1000 - source.safetyMarginMs, source.budgetMs ?? Number.POSITIVE_INFINITY);
  const cpuMsPerRun = (records / runsPerTask) * source.msPerRecord * cpuSlowdown(source.memoryMb);
  const sourceTasks = Math.max(1, Math.ceil(cpuMsPerRun / budgetMs));
  const gapMs = (SECONDS_PER_MONTH * 1000 * sourceTasks) / Math.max(records, 1);
  // Steady records keep every run polling to its budget; sparse ones let it stop after idleMs.
  const sourcePollMs = gapMs < source.idleMs ? budgetMs : Math.min(budgetMs, source.idleMs + cpuMsPerRun / sourceTasks);
  const sourceRunMs = sourcePollMs + source.runOverheadMs;
  const sourceRuns = runsPerTask * sourceTasks;
  const coldStartSeconds = (ms: number) => (platform.coldStartsPerFunction * ms) / 1000;
  const sourceLambda = lambdaLine(prices, sourceRuns, sourceRunMs, source.memoryMb, coldStartSeconds(source.initMs));

  const invocations = sinkInvocations(sink, records);
  const recordsPerBatch = invocations === 0 ? 0 : records / invocations;
  const batchMs = sinkBatchMs(sink, recordsPerBatch);
  const sinkLambda = lambdaLine(prices, invocations, batchMs, sink.memoryMb, coldStartSeconds(sink.initMs));
  const sinkBusyShare = (invocations * batchMs) / (SECONDS_PER_MONTH * 1000 * sink.partitions);

  const reconciles = MINUTES_PER_MONTH / platform.reconcileIntervalMinutes;
  const reconcilerLambda = lambdaLine(prices, reconciles, platform.reconcileMs, platform.reconcilerMemoryMb);

  const scheduler: CostLine = { requests: sourceRuns, dollars: (sourceRuns / 1e6) * prices.schedulerPerMillionInvocations };

  const perRun = sourceRunRequestUnits(source, sourcePollMs, records > 0);
  // A sink cold start also reads the config item once, to find the connector of its alias.
  const readUnits =
    sourceRuns * perRun.read +
    invocations * SINK_BATCH_REQUEST_UNITS.read +
    reconciles * platform.reconcileReadUnits +
    platform.coldStartsPerFunction * 1;
  const writeUnits = sourceRuns * perRun.write + invocations * SINK_BATCH_REQUEST_UNITS.write;
  const dynamoDb = {
    readUnits,
    writeUnits,
    dollars: (readUnits / 1e6) * prices.dynamoDbPerMillionReadUnits + (writeUnits / 1e6) * prices.dynamoDbPerMillionWriteUnits,
  };

  const logBytes =
    sourceRuns * (source.logBytesPerRun + platform.lambdaLogBytesPerInvocation) +
    invocations * (sink.logBytesPerBatch + platform.lambdaLogBytesPerInvocation) +
    reconciles * platform.lambdaLogBytesPerInvocation;
  const logGb = logBytes / 2 ** 30;
  const cloudWatch = {
    logGb,
    dollars:
      platform.connectors * platform.customMetricsPerConnector * prices.cloudWatchPerCustomMetricMonth +
      platform.alarmMetrics * prices.cloudWatchPerAlarmMetricMonth +
      platform.dashboards * prices.cloudWatchPerDashboardMonth +
      logGb * prices.cloudWatchLogsPerGbIngested,
  };

  const total =
    sourceLambda.dollars + sinkLambda.dollars + reconcilerLambda.dollars + scheduler.dollars + dynamoDb.dollars + cloudWatch.dollars;
  return {
    records,
    sourceTasks,
    sourcePollMs,
    sourceRunMs,
    sourceRuns,
    sinkInvocations: invocations,
    recordsPerBatch,
    sinkBatchMs: batchMs,
    sinkBusyShare,
    sourceLambda,
    sinkLambda,
    reconcilerLambda,
    scheduler,
    dynamoDb,
    cloudWatch,
    total,
  };
}

/** MSK Connect bills every connector's workers by the MCU-hour, around the clock (its minimum: 1 worker of 1 MCU). */
export function mskConnectMonthlyCost(prices: Prices, connectors: number, workersPerConnector = 1, mcusPerWorker = 1): number {
  return connectors * workersPerConnector * mcusPerWorker * prices.mskConnectPerMcuHour * HOURS_PER_MONTH;
}

/**
 * The least records a month at which Copycat costs at least `mskDollars` (bisection: Copycat's
 * cost only grows with volume, in steps where the source needs another task), or undefined when
 * it stays cheaper up to `upTo`.
 */
export function breakEvenRecords(parameters: ModelParameters, prices: Prices, mskDollars: number, upTo = 1e13): number | undefined {
  const cost = (records: number) => copycatMonthlyCost(parameters, prices, records).total;
  if (cost(0) >= mskDollars) return 0;
  if (cost(upTo) < mskDollars) return undefined;
  let low = 0;
  let high = upTo;
  while (high - low > Math.max(1, low * 1e-6)) {
    const middle = (low + high) / 2;
    if (cost(middle) < mskDollars) low = middle;
    else high = middle;
  }
  return high;
}
