// The CloudWatch metrics Copycat's alarms and dashboard are built on, named once. The runtime
// publishes its own with the Embedded Metric Format (a later helper imports this module, so it
// imports nothing, least of all aws-cdk-lib); the others are Lambda's.

/** The namespace of every metric the runtime publishes. */
export const COPYCAT_NAMESPACE = 'Copycat';

/** The dimension that names the connector a data point belongs to. */
export const CONNECTOR_DIMENSION = 'Connector';

/**
 * The dimension sets every runtime metric is published with, in one EMF document: per connector
 * (dashboard) and with no dimension at all (the platform-wide series that alarms watch, since an
 * alarm cannot watch "any connector"). An empty dimension set is allowed by the EMF specification.
 */
export const COPYCAT_DIMENSION_SETS: readonly (readonly string[])[] = [[CONNECTOR_DIMENSION], []];

/** A metric the runtime publishes, with the unit it is published in and what it counts. */
export interface CopycatMetricDefinition {
  /** The metric name in the {@link COPYCAT_NAMESPACE} namespace. */
  readonly name: string;
  /** The EMF/CloudWatch unit. */
  readonly unit: 'Count';
  /** What one unit is, for dashboards and whoever emits it. */
  readonly description: string;
}

/** The runtime's metrics, each published once per connector and once platform-wide (see {@link COPYCAT_DIMENSION_SETS}). */
export const copycatMetrics = {
  /** Source: records polled from the source system; sink: records delivered by the event source mapping. */
  recordsIn: { name: 'RecordsIn', unit: 'Count', description: 'Records read (source: polled from the source system; sink: received from Kafka)' },
  /** Source: records acknowledged by the broker; sink: records written to the sink system (after `put`/`flush`). */
  recordsOut: {
    name: 'RecordsOut',
    unit: 'Count',
    description: 'Records written (source: acknowledged by Kafka; sink: flushed to the sink system)',
  },
  /** Record-level failures after retries, whether tolerated (`errors.tolerance=all`) or not. */
  errors: { name: 'Errors', unit: 'Count', description: 'Records that failed in a converter, transform or the connector after retries' },
  /** Records written to the dead letter topic (`errors.deadletterqueue.topic.name`). */
  deadLettered: { name: 'DeadLettered', unit: 'Count', description: 'Records written to the dead letter topic' },
  /** A connector or task entering the FAILED state. */
  taskFailures: { name: 'TaskFailures', unit: 'Count', description: 'Connector or task transitions to FAILED' },
} as const satisfies Record<string, CopycatMetricDefinition>;

/** Lambda's own metrics (namespace `AWS/Lambda`) the alarms and the dashboard use. */
export const LAMBDA_NAMESPACE = 'AWS/Lambda';
export const lambdaMetricNames = {
  errors: 'Errors',
  throttles: 'Throttles',
  duration: 'Duration',
  invocations: 'Invocations',
  concurrentExecutions: 'ConcurrentExecutions',
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
