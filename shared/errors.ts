/**
 * The base of every error Copycat raises on purpose. `retriable` tells the runtime whether the
 * same call may succeed later (Kafka Connect's RetriableException); the message names the
 * connector, config key, record or file involved and what to do about it.
 */
export class CopycatError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CopycatError';
    this.retriable = options.retriable ?? false;
  }
}

/** The process environment (variables, tools, ports) is not what Copycat needs to run. */
export class EnvironmentError extends CopycatError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}
