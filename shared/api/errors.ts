import { CopycatError } from '../errors.ts';

/**
 * The base of the errors a connector, converter or transform raises, as Kafka Connect's
 * `ConnectException`. `kafkaClassName` is what Kafka Connect would report for the same failure
 * (dead letter headers, status traces), so tools that match on it keep working.
 */
export class ConnectException extends CopycatError {
  get kafkaClassName(): string {
    return 'org.apache.kafka.connect.errors.ConnectException';
  }

  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'ConnectException';
  }
}

/** Data does not match its schema, or cannot be converted (Kafka Connect's `DataException`). */
export class DataException extends ConnectException {
  override get kafkaClassName(): string {
    return 'org.apache.kafka.connect.errors.DataException';
  }

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'DataException';
  }
}

/** A schema was built wrongly (Kafka Connect's `SchemaBuilderException`). */
export class SchemaBuilderException extends DataException {
  override get kafkaClassName(): string {
    return 'org.apache.kafka.connect.errors.SchemaBuilderException';
  }

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SchemaBuilderException';
  }
}

/** A failure that may pass if the same operation is tried again (Kafka Connect's `RetriableException`). */
export class RetriableException extends ConnectException {
  override get kafkaClassName(): string {
    return 'org.apache.kafka.connect.errors.RetriableException';
  }

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retriable: true });
    this.name = 'RetriableException';
  }
}

/** The Kafka Connect class name of any error: ours say theirs; others are reported by their own name. */
export function kafkaClassNameOf(error: unknown): string {
  if (error instanceof ConnectException) return error.kafkaClassName;
  if (error instanceof Error && 'kafkaClassName' in error && typeof error.kafkaClassName === 'string') return error.kafkaClassName;
  return error instanceof Error ? error.name : typeof error;
}
