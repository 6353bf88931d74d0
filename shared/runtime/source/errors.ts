import { ConnectException, kafkaClassNameOf } from '../../api/errors.ts';
import type { SecretMask } from './secret-mask.ts';

/** A source task's `poll` threw something other than a RetriableException (stage TASK_POLL). */
export class TaskPollError extends ConnectException {
  constructor(connector: string, task: number, cause: unknown) {
    super(`Connector ${connector} task ${task}: poll failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TaskPollError';
  }
}

/** The connector config names a class the runtime cannot run as a source. */
export class NotASourceConnectorError extends ConnectException {
  constructor(connector: string, className: string) {
    super(
      `Connector ${connector}: ${className || '(no connector.class)'} is not a source connector Copycat can run; check connector.class against GET /connector-plugins.`,
    );
    this.name = 'NotASourceConnectorError';
  }
}

/**
 * The failure as Kafka Connect puts it in a FAILED status: the exception class and message,
 * its stack, then each cause; every secret of the connector hidden.
 */
export function traceOf(error: unknown, mask: SecretMask): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    const head = current instanceof Error ? `${kafkaClassNameOf(current)}: ${current.message}` : String(current);
    lines.push(depth === 0 ? head : `Caused by: ${head}`);
    if (current instanceof Error && current.stack !== undefined)
      lines.push(
        ...current.stack
          .split('\n')
          .filter((line) => /^\s+at /.test(line))
          .map((line) => `\t${line.trim()}`),
      );
    current = current instanceof Error ? current.cause : undefined;
  }
  return mask.apply(lines.join('\n'));
}
