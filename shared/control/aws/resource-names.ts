import { createHash } from 'node:crypto';

// Kafka Connect allows nearly any character in a connector name; AWS resource names do not. A name
// that passes unchanged is used as is (readable in the console); any other is sanitized, cut to fit
// and suffixed with a hash of the original, so that two connectors never share a resource and the
// same connector always gets the same one. (A clean name could only collide with a suffixed one if
// it were chosen to end in exactly that hash.)

const HASH_LENGTH = 8;

function fitName(name: string, allowed: RegExp, maxLength: number): string {
  const sanitized = name.replace(allowed, '_');
  if (sanitized === name && name.length > 0 && name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, HASH_LENGTH);
  return `${sanitized.slice(0, maxLength - HASH_LENGTH - 1)}-${hash}`;
}

/** EventBridge Scheduler names: 1–64 characters of `[0-9a-zA-Z-_.]`. */
const SCHEDULE_NAME_MAX = 64;
const NOT_IN_SCHEDULE_NAME = /[^0-9a-zA-Z._-]/g;
/**
 * Room kept for `-<task>`: the connector part must not depend on the task number, so that every
 * schedule of a connector shares one name prefix (ListSchedules filters by prefix).
 */
const TASK_SUFFIX_MAX = 6;
/** The largest task number a schedule name has room for. */
export const MAX_SCHEDULED_TASK = 10 ** (TASK_SUFFIX_MAX - 1) - 1;

/** The prefix every schedule of the connector starts with (other connectors' schedules may share it). */
export function scheduleNamePrefix(connector: string): string {
  return `${fitName(connector, NOT_IN_SCHEDULE_NAME, SCHEDULE_NAME_MAX - TASK_SUFFIX_MAX)}-`;
}

/** The schedule name of a source task: `<connector>-<task>`, sanitized and hashed when needed. */
export function scheduleName(connector: string, task: number): string {
  return `${scheduleNamePrefix(connector)}${task}`;
}

/** Lambda alias names: 1–128 characters of `[a-zA-Z0-9-_]`, not all digits (the `sink-` prefix sees to that). */
const ALIAS_NAME_MAX = 128;
const NOT_IN_ALIAS_NAME = /[^a-zA-Z0-9_-]/g;
export const SINK_ALIAS_PREFIX = 'sink-';

/**
 * The alias of the sink function that a sink connector's event source mappings invoke:
 * `sink-<connector>`, sanitized and hashed when needed. The sink handler finds its connector by
 * comparing the alias in `context.invokedFunctionArn` with this name.
 */
export function sinkAliasName(connector: string): string {
  return `${SINK_ALIAS_PREFIX}${fitName(connector, NOT_IN_ALIAS_NAME, ALIAS_NAME_MAX - SINK_ALIAS_PREFIX.length)}`;
}
