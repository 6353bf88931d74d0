import { CopycatError } from '../errors.ts';

/** Where in the record path a failure happened, as Kafka Connect's `Stage` (used in DLQ headers and errors). */
export type Stage =
  | 'TASK_POLL'
  | 'TASK_PUT'
  | 'TRANSFORMATION'
  | 'KEY_CONVERTER'
  | 'VALUE_CONVERTER'
  | 'HEADER_CONVERTER'
  | 'KAFKA_PRODUCE'
  | 'KAFKA_CONSUME';

/** A failure at one stage of one record's processing; `cause` is the plugin's own error. */
export class StageError extends CopycatError {
  readonly stage: Stage;
  /** The class of the plugin that failed (converter or transform), as configured. */
  readonly pluginClass: string;

  constructor(stage: Stage, pluginClass: string, cause: unknown) {
    super(`${stage} failed in ${pluginClass}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      retriable: cause instanceof CopycatError && cause.retriable,
    });
    this.name = 'StageError';
    this.stage = stage;
    this.pluginClass = pluginClass;
  }
}

/** Runs one stage, wrapping any failure in a StageError that says where it happened. */
export function atStage<T>(stage: Stage, pluginClass: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw error instanceof StageError ? error : new StageError(stage, pluginClass, error);
  }
}
