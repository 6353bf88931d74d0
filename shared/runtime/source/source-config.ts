import { AbstractConfig, ConfigDef, ConfigException, Importance, LambdaValidator, Range, Type } from '../../api/config/index.ts';

/** How long one run of a source task may take and how often it commits: parsed from the connector config. */
export interface SourceRunSettings {
  /** Upper bound of one run in ms; null: the invocation's remaining time less the safety margin. */
  readonly budgetMs: number | null;
  /** Kept free before the Lambda times out, for the final commit, `stop` and the lease release. */
  readonly safetyMarginMs: number;
  /** A run ends after the task gave no records for this long (scheduled runs only). */
  readonly idleMs: number;
  /** Offsets of acknowledged records are committed at least this often, and at the end of the run. */
  readonly offsetFlushIntervalMs: number;
  /** Poll batches whose records may wait for their acknowledgement at once. */
  readonly maxInFlightBatches: number;
}

export const SOURCE_BUDGET_MS = 'copycat.source.budget.ms';
export const SOURCE_SAFETY_MARGIN_MS = 'copycat.source.safety.margin.ms';
export const SOURCE_IDLE_MS = 'copycat.source.idle.ms';
export const OFFSET_FLUSH_INTERVAL_MS = 'offset.flush.interval.ms';
export const SOURCE_MAX_IN_FLIGHT_BATCHES = 'copycat.source.max.in.flight.batches';

const positiveOrNull = LambdaValidator.with(
  (name, value) => {
    if (value !== null && (typeof value !== 'number' || value < 1))
      throw ConfigException.invalidValue(name, value, 'Value must be at least 1');
  },
  () => '[1,...] or null',
);

/**
 * The keys Copycat adds for source connectors (how a scheduled run spends its time), declared
 * once so that validation and `config/validate` report them like any other key.
 */
export function sourceRunConfigDef(): ConfigDef {
  const group = 'Copycat source runs';
  return new ConfigDef()
    .define({
      name: SOURCE_BUDGET_MS,
      type: Type.LONG,
      defaultValue: null,
      validator: positiveOrNull,
      importance: Importance.LOW,
      group,
      orderInGroup: 1,
      displayName: 'Run time budget (ms)',
      documentation:
        "The longest one scheduled run of a source task may poll, in milliseconds. Unset: the Lambda invocation's remaining time less copycat.source.safety.margin.ms. Standalone polls in runs of a few seconds (the worker's source run time, within this budget), each starting as the previous one ends while records keep coming.",
    })
    .define({
      name: SOURCE_SAFETY_MARGIN_MS,
      type: Type.LONG,
      defaultValue: 10_000,
      validator: Range.atLeast(0),
      importance: Importance.LOW,
      group,
      orderInGroup: 2,
      displayName: 'Safety margin (ms)',
      documentation: 'Time kept free before the Lambda timeout for the final offset commit, stop() and the lease release, in milliseconds.',
    })
    .define({
      name: SOURCE_IDLE_MS,
      type: Type.LONG,
      defaultValue: 10_000,
      validator: Range.atLeast(0),
      importance: Importance.LOW,
      group,
      orderInGroup: 3,
      displayName: 'Idle time before a run ends (ms)',
      documentation:
        'A scheduled run ends early once the task returned no records for this long, in milliseconds; the next schedule resumes it (a second later in standalone).',
    })
    .define({
      name: OFFSET_FLUSH_INTERVAL_MS,
      type: Type.LONG,
      defaultValue: 10_000,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      group,
      orderInGroup: 4,
      displayName: 'Offset commit interval (ms)',
      documentation:
        "Interval at which the offsets of acknowledged records are committed during a run; they are also committed at its end. Kafka Connect's worker setting of the same name (default 60000 there), per connector here.",
    })
    .define({
      name: SOURCE_MAX_IN_FLIGHT_BATCHES,
      type: Type.INT,
      defaultValue: 3,
      validator: Range.between(1, 100),
      importance: Importance.LOW,
      group,
      orderInGroup: 5,
      displayName: 'Poll batches in flight',
      documentation: 'How many polled batches may be awaiting their acknowledgement from Kafka while the task polls the next one.',
    });
}

/** Parses the run settings of a connector config that passed validation. */
export function sourceRunSettings(props: Readonly<Record<string, string>>): SourceRunSettings {
  const config = new AbstractConfig(sourceRunConfigDef(), pick(props, sourceRunConfigDef().names()));
  const long = (key: string) => {
    const value = config.getLong(key);
    return value === null ? null : Number(value);
  };
  return {
    budgetMs: long(SOURCE_BUDGET_MS),
    safetyMarginMs: long(SOURCE_SAFETY_MARGIN_MS) ?? 10_000,
    idleMs: long(SOURCE_IDLE_MS) ?? 10_000,
    offsetFlushIntervalMs: long(OFFSET_FLUSH_INTERVAL_MS) ?? 10_000,
    maxInFlightBatches: config.getInt(SOURCE_MAX_IN_FLIGHT_BATCHES) ?? 3,
  };
}

function pick(props: Readonly<Record<string, string>>, names: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).filter(([key]) => names.has(key)));
}
