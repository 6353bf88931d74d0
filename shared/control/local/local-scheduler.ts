import { ControlPlaneError } from '../errors.ts';
import { type SchedulerPort, type TaskSchedule, validateTaskSchedule } from '../ports/scheduler.ts';

/** What a schedule fires with: the same input the EventBridge schedule gives the source function. */
export interface TaskInvocation {
  readonly connector: string;
  readonly task: number;
  readonly generation: number;
}

/** Settings of {@link LocalScheduler}. */
export interface LocalSchedulerOptions {
  /**
   * Runs one source task; what the source function does in AWS. Answering true asks for the next
   * run at once rather than at the next tick (a run that stopped at its time budget with records
   * still coming: a standalone worker then polls on without a gap, as Kafka Connect's does).
   */
  readonly invoke: (invocation: TaskInvocation) => unknown;
  /** Milliseconds in one of the schedule's minutes; tests shorten it. @default 60_000 */
  readonly msPerMinute?: number;
  /** Told when an invocation throws (the schedule keeps firing). @default writes to the console */
  readonly onError?: (error: unknown, invocation: TaskInvocation) => void;
}

interface Armed {
  readonly schedule: Required<TaskSchedule>;
  timer: NodeJS.Timeout | undefined;
  /** The invocation in flight; a tick that finds one skips rather than pile runs up. */
  running: Promise<void> | undefined;
}

/**
 * The scheduler port with in-process timers, for the standalone worker and tests. An enabled
 * schedule invokes its task at once (when it is created, enabled or changed) and then every
 * `intervalMinutes`; a disabled one fires nothing. Unlike EventBridge, a tick that comes while the
 * task's previous invocation still runs is skipped, so a continuous source loop never overlaps itself.
 */
export class LocalScheduler implements SchedulerPort {
  readonly #options: LocalSchedulerOptions;
  readonly #msPerMinute: number;
  readonly #armed = new Map<string, Armed>();
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;

  constructor(options: LocalSchedulerOptions) {
    this.#options = options;
    this.#msPerMinute = options.msPerMinute ?? 60_000;
  }

  async list(connector?: string): Promise<TaskSchedule[]> {
    return [...this.#armed.values()]
      .map(({ schedule }) => ({ ...schedule }))
      .filter((schedule) => connector === undefined || schedule.connector === connector)
      .sort((a, b) => (a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : a.task - b.task));
  }

  async put(schedule: TaskSchedule): Promise<void> {
    if (this.#closed)
      throw new ControlPlaneError(`The local scheduler is closed; cannot schedule ${schedule.connector} task ${schedule.task}.`);
    validateTaskSchedule(schedule);
    const desired: Required<TaskSchedule> = {
      connector: schedule.connector,
      task: schedule.task,
      generation: schedule.generation,
      enabled: schedule.enabled,
      intervalMinutes: schedule.intervalMinutes ?? 1,
    };
    const key = keyOf(desired.connector, desired.task);
    const current = this.#armed.get(key);
    if (current !== undefined && sameSchedule(current.schedule, desired)) return;
    if (current?.timer !== undefined) clearInterval(current.timer);
    // A run of the replaced definition may still be going; the new one does not wait for it (the
    // task's lease keeps the two apart, and a new generation tells the old run to stop).
    const armed: Armed = { schedule: desired, timer: undefined, running: undefined };
    this.#armed.set(key, armed);
    if (!desired.enabled) return;
    armed.timer = setInterval(() => this.#fire(armed), desired.intervalMinutes * this.#msPerMinute);
    setImmediate(() => this.#fire(armed));
  }

  async remove(connector: string, task: number): Promise<void> {
    const key = keyOf(connector, task);
    const current = this.#armed.get(key);
    if (current?.timer !== undefined) clearInterval(current.timer);
    this.#armed.delete(key);
  }

  /** Stops every timer and waits for the invocations in flight; `put` fails afterwards. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const armed of this.#armed.values()) if (armed.timer !== undefined) clearInterval(armed.timer);
    this.#armed.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  #fire(armed: Armed): void {
    // Replaced or removed since this tick was queued: the new definition fires on its own.
    if (this.#closed || this.#armed.get(keyOf(armed.schedule.connector, armed.schedule.task)) !== armed) return;
    if (armed.running !== undefined) return;
    const { connector, task, generation } = armed.schedule;
    const invocation = { connector, task, generation };
    const running = Promise.resolve()
      .then(() => this.#options.invoke(invocation))
      .catch((error: unknown) => {
        (this.#options.onError ?? reportError)(error, invocation);
        return false;
      })
      .then((again) => {
        armed.running = undefined;
        this.#inFlight.delete(running);
        if (again === true) setImmediate(() => this.#fire(armed));
      });
    armed.running = running;
    this.#inFlight.add(running);
  }
}

function keyOf(connector: string, task: number): string {
  return JSON.stringify([connector, task]);
}

function sameSchedule(a: Required<TaskSchedule>, b: Required<TaskSchedule>): boolean {
  return a.generation === b.generation && a.enabled === b.enabled && a.intervalMinutes === b.intervalMinutes;
}

function reportError(error: unknown, invocation: TaskInvocation): void {
  console.error(
    `Source connector ${invocation.connector} task ${invocation.task} (generation ${invocation.generation}) failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}
