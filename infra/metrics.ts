// The CloudWatch metrics Copycat's alarms and dashboard are built on. The runtime's own names live
// with the code that publishes them (shared/runtime/metrics.ts, Embedded Metric Format, one
// dimension set: Connector); this module adds the platform's view of them and Lambda's metrics,
// and imports nothing else, so a runtime helper may import it too.
import { CONNECTOR_DIMENSION, METRIC_NAMES, METRICS_NAMESPACE } from '../shared/runtime/metrics.ts';

/** The namespace of every metric the runtime publishes. */
export const COPYCAT_NAMESPACE = METRICS_NAMESPACE;
export { CONNECTOR_DIMENSION };

/** A metric the runtime publishes (per connector), with its unit and what one unit is. */
export interface CopycatMetricDefinition {
  /** The metric name in the {@link COPYCAT_NAMESPACE} namespace. */
  readonly name: string;
  /** The EMF/CloudWatch unit. */
  readonly unit: 'Count';
  /** What one unit is, for dashboards and whoever emits it. */
  readonly description: string;
}

/** The runtime's metrics, each with the dimension {@link CONNECTOR_DIMENSION}. */
export const copycatMetrics = {
  recordsIn: {
    name: METRIC_NAMES.recordsIn,
    unit: 'Count',
    description: 'Records read (source: from the source system; sink: from Kafka)',
  },
  recordsOut: {
    name: METRIC_NAMES.recordsOut,
    unit: 'Count',
    description: 'Records written (source: to Kafka; sink: handed to the sink)',
  },
  errors: {
    name: METRIC_NAMES.errors,
    unit: 'Count',
    description: 'Records that failed and were skipped or dead-lettered, or runs that failed',
  },
  deadLettered: { name: METRIC_NAMES.deadLettered, unit: 'Count', description: 'Records written to the dead letter topic' },
  /**
   * A connector or task entering the FAILED state. Not published by the runtime yet: until it is,
   * the failed-task alarm stays OK and the function error alarms are what report failed runs.
   */
  taskFailures: { name: 'TaskFailures', unit: 'Count', description: 'Connector or task transitions to FAILED' },
} as const satisfies Record<string, CopycatMetricDefinition>;

/**
 * A CloudWatch Metrics Insights query summing a runtime metric over every connector: one series,
 * so an alarm can watch "any connector" without the runtime publishing an aggregate of its own.
 */
export function allConnectorsQuery(metricName: string): string {
  return `SELECT SUM(${metricName}) FROM SCHEMA("${COPYCAT_NAMESPACE}", ${CONNECTOR_DIMENSION})`;
}

/** Lambda's own metrics (namespace `AWS/Lambda`) the alarms and the dashboard use. */
export const LAMBDA_NAMESPACE = 'AWS/Lambda';
export const lambdaMetricNames = {
  errors: 'Errors',
  throttles: 'Throttles',
  duration: 'Duration',
  /**
   * Kafka event source mappings: how far the consumer group is behind the end of the topic, in
   * records. Published per function (`FunctionName`) and per alias (`FunctionName`, `Resource` =
   * `<function>:sink-<connector>`), which makes it per connector.
   */
  offsetLag: 'OffsetLag',
} as const;

/** Lambda's dimension names. */
export const lambdaDimensions = {
  functionName: 'FunctionName',
  /** `<function name>:<alias>`: for the sink function, one per connector. */
  resource: 'Resource',
} as const;
