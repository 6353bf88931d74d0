import { ControlPlaneError } from '../errors.ts';
import type { ReconcileOutcome } from './outcome.ts';

/** One connector `reconcileAll` could not converge. */
export interface ReconcileFailure {
  readonly connector: string;
  readonly error: unknown;
}

/**
 * `reconcileAll` converged every connector it could, but some threw (a store or port that was
 * unavailable, a lost race). Retriable when any failure is, so a stream or timer trigger runs it again.
 */
export class ReconcileAllError extends ControlPlaneError {
  readonly failures: readonly ReconcileFailure[];
  readonly outcomes: readonly ReconcileOutcome[];

  constructor(failures: readonly ReconcileFailure[], outcomes: readonly ReconcileOutcome[]) {
    const retriable = failures.some(({ error }) => error instanceof Error && 'retriable' in error && error.retriable === true);
    const list = failures.map(({ connector, error }) => `${connector} (${error instanceof Error ? error.message : String(error)})`);
    super(`The reconciler could not converge ${failures.length} connector(s): ${list.join('; ')}. The others were reconciled.`, {
      cause: failures[0]?.error,
      retriable,
    });
    this.name = 'ReconcileAllError';
    this.failures = failures;
    this.outcomes = outcomes;
  }
}

/** A restart named a task the connector does not have (Kafka Connect answers 404). */
export class TaskNotFoundError extends ControlPlaneError {
  readonly connector: string;
  readonly task: number;

  constructor(connector: string, task: number, taskCount: number) {
    super(`Connector ${connector} has no task ${task}; it has ${taskCount} task(s), numbered from 0.`);
    this.name = 'TaskNotFoundError';
    this.connector = connector;
    this.task = task;
  }
}
