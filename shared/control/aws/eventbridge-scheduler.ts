import { isDeepStrictEqual } from 'node:util';
import {
  CreateScheduleCommand,
  type CreateScheduleInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  type GetScheduleOutput,
  ListSchedulesCommand,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { ControlValidationError, TaskScheduleError } from '../errors.ts';
import { type SchedulerPort, type TaskSchedule, validateTaskSchedule } from '../ports/scheduler.ts';
import { awsFailure, isAwsError } from './aws-failure.ts';
import { MAX_SCHEDULED_TASK, scheduleName, scheduleNamePrefix } from './resource-names.ts';

/** Settings of {@link EventBridgeTaskScheduler}. */
export interface EventBridgeTaskSchedulerOptions {
  /** The Scheduler client; its region and credentials are the caller's choice. */
  readonly client: SchedulerClient;
  /**
   * The schedule group holding Copycat's schedules (1–64 characters of `[0-9a-zA-Z-_.]`). It must
   * exist; the platform stack creates it. Everything in it is taken to be Copycat's.
   */
  readonly groupName: string;
  /** ARN of the source task function the schedules invoke. */
  readonly sourceFunctionArn: string;
  /** ARN of the role EventBridge Scheduler assumes to invoke that function (`lambda:InvokeFunction`). */
  readonly schedulerRoleArn: string;
  /** Interval for schedules that do not set one. @default 1 */
  readonly defaultIntervalMinutes?: number;
  /** GetSchedule calls in flight while listing (ListSchedules does not return the target). @default 8 */
  readonly listConcurrency?: number;
}

/** The payload every schedule sends to the source function. */
interface ScheduleInput {
  readonly connector: string;
  readonly task: number;
  readonly generation: number;
}

const GROUP_NAME = /^[0-9a-zA-Z._-]{1,64}$/;
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9$_-]+)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const DESCRIPTION_MAX = 512;
// Scheduler's own defaults are a day and 185 retries: a failed delivery retried after the next tick
// only duplicates that tick's run, so deliveries expire after one interval. Both values are sent so
// the definition read back equals the one written.
const RETRY_ATTEMPTS = 185;
const MIN_EVENT_AGE_SECONDS = 60;
const MAX_EVENT_AGE_SECONDS = 86_400;

/**
 * The scheduler port on EventBridge Scheduler: one schedule per source task in a dedicated
 * schedule group, named `<connector>-<task>` (sanitized, with a hash when the connector name does
 * not fit Scheduler's rules), firing `rate(N minutes)` with no flexible window, invoking the source
 * function with `{"connector","task","generation"}`, DISABLED while the connector is not running.
 */
export class EventBridgeTaskScheduler implements SchedulerPort {
  readonly #client: SchedulerClient;
  readonly #group: string;
  readonly #functionArn: string;
  readonly #roleArn: string;
  readonly #defaultInterval: number;
  readonly #listConcurrency: number;

  constructor(options: EventBridgeTaskSchedulerOptions) {
    if (!GROUP_NAME.test(options.groupName))
      throw new ControlValidationError(
        'options.groupName',
        `Schedule group "${options.groupName}" must be 1–64 characters of [0-9a-zA-Z-_.].`,
      );
    if (!FUNCTION_ARN.test(options.sourceFunctionArn))
      throw new ControlValidationError('options.sourceFunctionArn', `"${options.sourceFunctionArn}" is not a Lambda function ARN.`);
    if (!ROLE_ARN.test(options.schedulerRoleArn))
      throw new ControlValidationError('options.schedulerRoleArn', `"${options.schedulerRoleArn}" is not an IAM role ARN.`);
    const interval = options.defaultIntervalMinutes ?? 1;
    if (!Number.isSafeInteger(interval) || interval < 1)
      throw new ControlValidationError(
        'options.defaultIntervalMinutes',
        `defaultIntervalMinutes must be a whole number ≥ 1, got ${interval}.`,
      );
    const concurrency = options.listConcurrency ?? 8;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      throw new ControlValidationError('options.listConcurrency', `listConcurrency must be a whole number ≥ 1, got ${concurrency}.`);
    this.#client = options.client;
    this.#group = options.groupName;
    this.#functionArn = options.sourceFunctionArn;
    this.#roleArn = options.schedulerRoleArn;
    this.#defaultInterval = interval;
    this.#listConcurrency = concurrency;
  }

  /**
   * The schedules of the group (or of one connector), read back from each schedule's input.
   * Schedules whose input or name is not Copycat's are left out: `remove` could not address them.
   */
  async list(connector?: string): Promise<TaskSchedule[]> {
    const names = await this.#listNames(connector);
    const schedules = await mapConcurrently(names, this.#listConcurrency, async (name) => {
      const target = { operation: 'GetSchedule', connector, resource: this.#resource(name) };
      const output = await this.#callUnlessMissing(target, () =>
        this.#client.send(new GetScheduleCommand({ Name: name, GroupName: this.#group })),
      );
      return output === undefined ? undefined : readSchedule(output);
    });
    return schedules.filter(
      (schedule): schedule is TaskSchedule => schedule !== undefined && (connector === undefined || schedule.connector === connector),
    );
  }

  async put(schedule: TaskSchedule): Promise<void> {
    validateTaskSchedule(schedule);
    if (schedule.task > MAX_SCHEDULED_TASK)
      throw new ControlValidationError(
        'task',
        `Schedule of source connector "${schedule.connector}" task ${schedule.task}: schedule names have room for task numbers up to ${MAX_SCHEDULED_TASK}; lower tasks.max.`,
      );
    const name = scheduleName(schedule.connector, schedule.task);
    const desired = this.#definition(schedule, name);
    const target = { connector: schedule.connector, task: schedule.task, resource: this.#resource(name) };
    const current = await this.#callUnlessMissing({ ...target, operation: 'GetSchedule' }, () =>
      this.#client.send(new GetScheduleCommand({ Name: name, GroupName: this.#group })),
    );
    if (current === undefined) {
      try {
        await this.#client.send(new CreateScheduleCommand(desired));
        return;
      } catch (error) {
        // Created by a concurrent reconciler run since GetSchedule: fall through and replace it.
        if (!isAwsError(error, 'ConflictException'))
          throw new TaskScheduleError({ ...target, operation: 'CreateSchedule' }, awsFailure(error));
      }
    } else if (sameDefinition(current, desired)) {
      return;
    }
    // UpdateSchedule replaces the whole schedule (a field left out is reset), so the full definition goes every time.
    await this.#call({ ...target, operation: 'UpdateSchedule' }, () => this.#client.send(new UpdateScheduleCommand(desired)));
  }

  async remove(connector: string, task: number): Promise<void> {
    const name = scheduleName(connector, task);
    await this.#callUnlessMissing({ operation: 'DeleteSchedule', connector, task, resource: this.#resource(name) }, () =>
      this.#client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.#group })),
    );
  }

  #definition(schedule: TaskSchedule, name: string): CreateScheduleInput {
    const interval = schedule.intervalMinutes ?? this.#defaultInterval;
    const input: ScheduleInput = { connector: schedule.connector, task: schedule.task, generation: schedule.generation };
    return {
      Name: name,
      GroupName: this.#group,
      Description: `Copycat source connector "${schedule.connector}" task ${schedule.task}`.slice(0, DESCRIPTION_MAX),
      ScheduleExpression: interval === 1 ? 'rate(1 minute)' : `rate(${interval} minutes)`,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: schedule.enabled ? 'ENABLED' : 'DISABLED',
      Target: {
        Arn: this.#functionArn,
        RoleArn: this.#roleArn,
        Input: JSON.stringify(input),
        RetryPolicy: {
          MaximumEventAgeInSeconds: Math.min(Math.max(interval * 60, MIN_EVENT_AGE_SECONDS), MAX_EVENT_AGE_SECONDS),
          MaximumRetryAttempts: RETRY_ATTEMPTS,
        },
      },
    };
  }

  async #listNames(connector: string | undefined): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const request = {
        GroupName: this.#group,
        ...(connector === undefined ? {} : { NamePrefix: scheduleNamePrefix(connector) }),
        ...(token === undefined ? {} : { NextToken: token }),
      };
      const page = await this.#call({ operation: 'ListSchedules', connector, resource: `group ${this.#group}` }, () =>
        this.#client.send(new ListSchedulesCommand(request)),
      );
      for (const summary of page.Schedules ?? []) if (summary.Name !== undefined) names.push(summary.Name);
      token = page.NextToken;
    } while (token !== undefined && token.length > 0);
    return names;
  }

  #resource(name: string): string {
    return `schedule ${this.#group}/${name}`;
  }

  async #call<T>(target: ScheduleCallTarget, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new TaskScheduleError(target, awsFailure(error));
    }
  }

  /** As `#call`, but a missing schedule is `undefined` rather than an error. */
  async #callUnlessMissing<T>(target: ScheduleCallTarget, send: () => Promise<T>): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
      throw new TaskScheduleError(target, awsFailure(error));
    }
  }
}

type ScheduleCallTarget = ConstructorParameters<typeof TaskScheduleError>[0];

/** The task schedule a Copycat schedule encodes, or undefined when the schedule is not one of ours. */
function readSchedule(output: GetScheduleOutput): TaskSchedule | undefined {
  const input = parseInput(output.Target?.Input);
  if (input === undefined || output.Name !== scheduleName(input.connector, input.task)) return undefined;
  const intervalMinutes = parseRate(output.ScheduleExpression);
  return {
    connector: input.connector,
    task: input.task,
    generation: input.generation,
    enabled: output.State !== 'DISABLED',
    ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
  };
}

function parseInput(text: string | undefined): ScheduleInput | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { connector, task, generation } = value as Record<string, unknown>;
  if (typeof connector !== 'string' || connector.length === 0) return undefined;
  if (!Number.isSafeInteger(task) || (task as number) < 0) return undefined;
  if (!Number.isSafeInteger(generation) || (generation as number) < 0) return undefined;
  return { connector, task: task as number, generation: generation as number };
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const MINUTES_PER_UNIT: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

function parseRate(expression: string | undefined): number | undefined {
  const match = RATE.exec(expression ?? '');
  if (!match) return undefined;
  return Number(match[1]) * (MINUTES_PER_UNIT[(match[2] ?? '').replace(/s$/, '')] ?? 1);
}

/** Whether the schedule read back is already what `desired` would write (then no update is sent). */
function sameDefinition(current: GetScheduleOutput, desired: CreateScheduleInput): boolean {
  const written = {
    Name: current.Name,
    GroupName: current.GroupName,
    Description: current.Description,
    ScheduleExpression: current.ScheduleExpression,
    ScheduleExpressionTimezone: current.ScheduleExpressionTimezone,
    StartDate: current.StartDate,
    EndDate: current.EndDate,
    FlexibleTimeWindow: current.FlexibleTimeWindow,
    State: current.State ?? 'ENABLED',
    Target: current.Target,
  };
  return isDeepStrictEqual(withoutUndefined(written), withoutUndefined(desired));
}

function withoutUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Maps `items` with at most `limit` calls in flight, keeping the order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
