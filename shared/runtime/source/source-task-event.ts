import { CopycatError } from '../../errors.ts';

/** What a task's schedule sends the source task function (EventBridge Scheduler's `Input`). */
export interface SourceTaskEvent {
  readonly connector: string;
  readonly task: number;
  readonly generation: number;
}

/** The invocation's payload is not a source task event. */
export class InvalidSourceTaskEventError extends CopycatError {
  constructor(problem: string) {
    super(`Invalid source task event: ${problem}. Expected {"connector": "<name>", "task": <id>, "generation": <n>}.`);
    this.name = 'InvalidSourceTaskEventError';
  }
}

/** Checks and returns the event; numbers given as strings are accepted (hand-written schedules). */
export function parseSourceTaskEvent(event: unknown): SourceTaskEvent {
  if (typeof event !== 'object' || event === null) throw new InvalidSourceTaskEventError('it is not an object');
  const { connector, task, generation } = event as Record<string, unknown>;
  if (typeof connector !== 'string' || connector.trim() === '') throw new InvalidSourceTaskEventError('"connector" is missing');
  const whole = (name: string, value: unknown): number => {
    const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0)
      throw new InvalidSourceTaskEventError(`"${name}" must be a whole number of 0 or more, got ${JSON.stringify(value)}`);
    return number;
  };
  return { connector, task: whole('task', task), generation: whole('generation', generation) };
}
