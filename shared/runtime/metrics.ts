/**
 * What the runtimes report per connector and task after each batch or run, so the dashboard, the
 * alarms and the standalone live view all read the same numbers.
 */
export interface TaskMetrics {
  /** Records read from the source system (sources) or from Kafka (sinks). */
  readonly recordsIn: number;
  /** Records written to Kafka (sources) or handed to the sink (sinks). */
  readonly recordsOut: number;
  /** Records that failed and were skipped or dead-lettered, or runs that failed. */
  readonly errors: number;
  readonly deadLettered: number;
}

/** Where the runtimes send their figures. */
export interface MetricsSink {
  record(connector: string, task: number, metrics: TaskMetrics): void;
}

/** The CloudWatch namespace and metric names, shared by the runtime and the platform's dashboard and alarms. */
export const METRICS_NAMESPACE = 'Copycat';
export const METRIC_NAMES = { recordsIn: 'RecordsIn', recordsOut: 'RecordsOut', errors: 'Errors', deadLettered: 'DeadLettered' } as const;
export const CONNECTOR_DIMENSION = 'Connector';

/**
 * CloudWatch Embedded Metric Format: one JSON line on stdout per report, which Lambda's log
 * pipeline turns into metrics with no API call on the hot path.
 */
export function embeddedMetricsSink(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): MetricsSink {
  return {
    record(connector, task, metrics) {
      write(
        JSON.stringify({
          _aws: {
            Timestamp: Date.now(),
            CloudWatchMetrics: [
              {
                Namespace: METRICS_NAMESPACE,
                Dimensions: [[CONNECTOR_DIMENSION]],
                Metrics: Object.values(METRIC_NAMES).map((Name) => ({ Name, Unit: 'Count' })),
              },
            ],
          },
          [CONNECTOR_DIMENSION]: connector,
          task,
          [METRIC_NAMES.recordsIn]: metrics.recordsIn,
          [METRIC_NAMES.recordsOut]: metrics.recordsOut,
          [METRIC_NAMES.errors]: metrics.errors,
          [METRIC_NAMES.deadLettered]: metrics.deadLettered,
        }),
      );
    },
  };
}

/** Running totals per connector and task, for the standalone worker's live view. */
export class MetricsTotals implements MetricsSink {
  readonly #totals = new Map<string, TaskMetrics & { readonly connector: string; readonly task: number }>();

  record(connector: string, task: number, metrics: TaskMetrics): void {
    const key = `${connector}\u0000${task}`;
    const current = this.#totals.get(key) ?? { connector, task, recordsIn: 0, recordsOut: 0, errors: 0, deadLettered: 0 };
    this.#totals.set(key, {
      connector,
      task,
      recordsIn: current.recordsIn + metrics.recordsIn,
      recordsOut: current.recordsOut + metrics.recordsOut,
      errors: current.errors + metrics.errors,
      deadLettered: current.deadLettered + metrics.deadLettered,
    });
  }

  /** Every connector's and task's totals so far. */
  snapshot(): (TaskMetrics & { readonly connector: string; readonly task: number })[] {
    return [...this.#totals.values()];
  }
}
