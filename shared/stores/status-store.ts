/** Connector states, as Kafka Connect's `AbstractStatus.State`. */
export type ConnectorState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'RESTARTING';

/** Task states: the connector's but STOPPED (a stopped connector has no tasks). */
export type TaskState = Exclude<ConnectorState, 'STOPPED'>;

/** A status as written. */
export interface StatusUpdate<State extends ConnectorState = ConnectorState> {
  readonly state: State;
  /** Who reported it: a worker id locally, the function and request in AWS. */
  readonly workerId: string;
  /** The stack trace of the error that made it FAILED. */
  readonly trace?: string | undefined;
  /** The task-config generation the reporter worked for. */
  readonly generation: number;
}

/** A status as stored; `updatedAt` is ISO-8601, stamped by the store. */
export interface ConnectorStatus extends StatusUpdate<ConnectorState> {
  readonly updatedAt: string;
}

export interface TaskStatus extends StatusUpdate<TaskState> {
  readonly id: number;
  readonly updatedAt: string;
}

export interface ConnectorStatuses {
  readonly connector: ConnectorStatus | undefined;
  /** Sorted by task id. */
  readonly tasks: readonly TaskStatus[];
}

/**
 * Connector and task status (Kafka Connect's `StatusBackingStore`). As in Kafka Connect, a status
 * from an older generation than the stored one is stale and refused (StaleVersionError): a run of
 * superseded tasks must not overwrite what the current generation reported.
 */
export interface StatusStore {
  putConnector(connector: string, status: StatusUpdate<ConnectorState>): Promise<void>;
  putTask(connector: string, taskId: number, status: StatusUpdate<TaskState>): Promise<void>;
  get(connector: string): Promise<ConnectorStatuses>;
  /** Removes the statuses of tasks with an id of `count` or more (after the task count shrank). */
  deleteTasksAbove(connector: string, count: number): Promise<void>;
}
