import { kafkaClassNameOf } from '../../api/errors.ts';

/**
 * An error as Java's `Throwable.printStackTrace` prints it: `<class>: <message>`, one `\tat` line
 * per frame, then `Caused by: ...` for each cause. Class names are the Kafka Connect ones where
 * Copycat has an equivalent (`kafkaClassNameOf`), so tools that parse Kafka Connect's traces (the
 * `__connect.errors.exception.stacktrace` header, task status traces) keep working.
 */
export function javaStackTrace(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  let prefix = '';
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    lines.push(`${prefix}${headline(current)}`);
    if (current instanceof Error) for (const frame of frames(current)) lines.push(`\tat ${frame}`);
    current = current instanceof Error ? current.cause : undefined;
    prefix = 'Caused by: ';
  }
  return `${lines.join('\n')}\n`;
}

/** `Throwable.toString()`: the class name, then `: message` unless the message is null. */
export function headline(error: unknown): string {
  const message = javaMessage(error);
  return message === null ? kafkaClassNameOf(error) : `${kafkaClassNameOf(error)}: ${message}`;
}

/** `Throwable.getMessage()`: null for an error without one (Java prints just the class then). */
export function javaMessage(error: unknown): string | null {
  if (error instanceof Error) return error.message === '' ? null : error.message;
  return error === undefined || error === null ? null : String(error);
}

function frames(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .map((line) => line.slice(3));
}
