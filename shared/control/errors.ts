import { CopycatError } from '../errors.ts';

/** The base of the errors the control plane (reconciler, ports and their adapters) raises. */
export class ControlPlaneError extends CopycatError {
  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'ControlPlaneError';
  }
}

/**
 * A task schedule or sink mapping (or an adapter's settings) breaks a rule of the port or of the
 * AWS service behind it. Never retriable: the same input fails the same way until it is fixed.
 */
export class ControlValidationError extends ControlPlaneError {
  /** The offending field, e.g. `batchSize` or `options.sinkFunctionArn`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'ControlValidationError';
    this.field = field;
  }
}

/** Where a failed AWS call was aimed, to name it in the message. */
export interface AwsCallTarget {
  /** The AWS operation, e.g. `CreateSchedule`. */
  readonly operation: string;
  /** Absent when the call covered every connector (a listing). */
  readonly connector?: string;
  /** The resource the call touched: schedule, alias or event source mapping. */
  readonly resource?: string;
}

/** What the adapter learnt from the AWS error: a one-line summary and whether a retry may pass. */
export interface AwsFailure {
  readonly detail: string;
  readonly retriable: boolean;
  readonly cause: unknown;
}

/** An EventBridge Scheduler call for a source task failed. `retriable` for throttling and 5xx. */
export class TaskScheduleError extends ControlPlaneError {
  readonly operation: string;
  readonly connector: string | undefined;
  readonly task: number | undefined;

  constructor(target: AwsCallTarget & { readonly task?: number }, failure: AwsFailure) {
    const subject =
      target.connector === undefined
        ? 'the source task schedules'
        : `source connector "${target.connector}"${target.task === undefined ? '' : ` task ${target.task}`}`;
    super(
      `EventBridge Scheduler ${target.operation} failed for ${subject}${target.resource ? ` (${target.resource})` : ''}: ${failure.detail}. ${advice(failure.retriable, 'the schedule group, the scheduler role')}`,
      { cause: failure.cause, retriable: failure.retriable },
    );
    this.name = 'TaskScheduleError';
    this.operation = target.operation;
    this.connector = target.connector;
    this.task = target.task;
  }
}

/** A Lambda alias or event source mapping call for a sink connector failed. `retriable` for throttling, 5xx and busy resources. */
export class SinkMappingError extends ControlPlaneError {
  readonly operation: string;
  readonly connector: string | undefined;
  readonly topic: string | undefined;

  constructor(target: AwsCallTarget & { readonly topic?: string }, failure: AwsFailure) {
    const subject =
      target.connector === undefined
        ? 'the sink mappings'
        : `sink connector "${target.connector}"${target.topic === undefined ? '' : ` topic "${target.topic}"`}`;
    super(
      `Lambda ${target.operation} failed for ${subject}${target.resource ? ` (${target.resource})` : ''}: ${failure.detail}. ${advice(failure.retriable, 'the sink function, the Kafka cluster settings')}`,
      { cause: failure.cause, retriable: failure.retriable },
    );
    this.name = 'SinkMappingError';
    this.operation = target.operation;
    this.connector = target.connector;
    this.topic = target.topic;
  }
}

function advice(retriable: boolean, settings: string): string {
  return retriable
    ? 'This is transient (throttling, a busy resource or a service error); the reconciler retries it.'
    : `Check ${settings} and the reconciler's IAM permissions.`;
}
