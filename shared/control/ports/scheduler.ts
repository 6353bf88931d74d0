import { ControlValidationError } from '../errors.ts';

/**
 * One source task's schedule: every `intervalMinutes` the source function is invoked with
 * `{connector, task, generation}`. `generation` is the task configs' generation, so a run
 * started by a schedule from before a rebalance can tell it is stale.
 */
export interface TaskSchedule {
  readonly connector: string;
  /** Task number, 0-based as in Kafka Connect (`<connector>-<task>`). */
  readonly task: number;
  /** The generation of the task configs this schedule runs. Integer ≥ 0. */
  readonly generation: number;
  /** False while the connector is PAUSED or STOPPED: the schedule stays but fires nothing. */
  readonly enabled: boolean;
  /**
   * Minutes between invocations; EventBridge Scheduler fires at most once a minute, so a task
   * that should poll more often keeps polling inside one invocation.
   * @default the adapter's default (1 minute)
   */
  readonly intervalMinutes?: number;
}

/**
 * The "scheduler" port: one schedule per source task. The reconciler makes the schedules match
 * the task configs with `list`, `put` and `remove`; an AWS adapter (EventBridge Scheduler) and a
 * local one (in-process timers) implement it.
 */
export interface SchedulerPort {
  /** The schedules of one connector, or of every connector; `intervalMinutes` is always set. */
  list(connector?: string): Promise<TaskSchedule[]>;
  /** Creates the task's schedule or replaces its whole definition; a no-op when nothing changed. */
  put(schedule: TaskSchedule): Promise<void>;
  /** Deletes the task's schedule; a schedule that does not exist is not an error. */
  remove(connector: string, task: number): Promise<void>;
}

/** Throws a {@link ControlValidationError} naming the field when a schedule breaks the port's rules. */
export function validateTaskSchedule(schedule: TaskSchedule): void {
  const where = `Schedule of source connector "${schedule.connector}" task ${schedule.task}`;
  if (typeof schedule.connector !== 'string' || schedule.connector.length === 0)
    throw new ControlValidationError('connector', 'A task schedule needs a non-empty connector name.');
  if (!Number.isSafeInteger(schedule.task) || schedule.task < 0)
    throw new ControlValidationError('task', `${where}: task must be an integer ≥ 0, got ${schedule.task}.`);
  if (!Number.isSafeInteger(schedule.generation) || schedule.generation < 0)
    throw new ControlValidationError('generation', `${where}: generation must be an integer ≥ 0, got ${schedule.generation}.`);
  if (schedule.intervalMinutes !== undefined && (!Number.isSafeInteger(schedule.intervalMinutes) || schedule.intervalMinutes < 1))
    throw new ControlValidationError(
      'intervalMinutes',
      `${where}: intervalMinutes must be a whole number of minutes ≥ 1 (schedules fire at most once a minute), got ${schedule.intervalMinutes}.`,
    );
}
