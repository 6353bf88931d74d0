import { CopycatError } from '../errors.ts';

/** The base of the errors the Kafka adapter raises. */
export class KafkaAdapterError extends CopycatError {
  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'KafkaAdapterError';
  }
}

/**
 * A `producer.override.*` setting Copycat cannot honour (an unknown key, a value kafkajs has no
 * equivalent for, or a combination Kafka itself refuses). Names the key so the config can be fixed.
 */
export class ProducerConfigError extends KafkaAdapterError {
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`Invalid producer setting ${key}: ${problem}`);
    this.name = 'ProducerConfigError';
    this.key = key;
  }
}

/** The Kafka connection settings (environment or worker config) are missing or invalid. */
export class KafkaConnectionConfigError extends KafkaAdapterError {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`Invalid Kafka connection setting ${variable}: ${problem}`);
    this.name = 'KafkaConnectionConfigError';
    this.variable = variable;
  }
}

/**
 * The broker did not acknowledge a batch of records (after the client's own retries). `retriable`
 * follows the client's verdict: true for leader changes, timeouts and the like.
 */
export class ProduceError extends KafkaAdapterError {
  get kafkaClassName(): string {
    return 'org.apache.kafka.common.KafkaException';
  }

  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'ProduceError';
  }
}

/** A topic could not be created or described for KIP-158 topic creation. */
export class TopicCreationError extends KafkaAdapterError {
  readonly topic: string;

  constructor(topic: string, problem: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(`Topic ${topic} could not be created: ${problem}`, options);
    this.name = 'TopicCreationError';
    this.topic = topic;
  }
}

/** Whether a kafkajs error says the same call may pass later. */
export function isRetriableKafkaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && (error as { retriable: unknown }).retriable === true;
}

/** A kafkajs error's message with its cause chain, never its request payloads. */
export function describeKafkaError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [`${error.name}: ${error.message}`];
  let cause: unknown = (error as { originalError?: unknown }).originalError ?? error.cause;
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    parts.push(`${cause.name}: ${cause.message}`);
    cause = (cause as { originalError?: unknown }).originalError ?? cause.cause;
  }
  return parts.join(' <- ');
}
