import { kafkaClassNameOf } from '../../api/errors.ts';
import type { KafkaHeader } from '../../api/record/kafka-header.ts';
import { CopycatError } from '../../errors.ts';
import type { ProducerRecord, RecordProducer } from '../../kafka/record-producer.ts';
import type { KafkaMessage } from '../kafka-message.ts';
import type { Stage } from '../stage.ts';
import { javaMessage, javaStackTrace } from './error-trace.ts';

/** Kafka Connect's `DeadLetterQueueReporter` header names. */
export const ERROR_HEADER_PREFIX = '__connect.errors.';
export const ERROR_HEADER_ORIG_TOPIC = `${ERROR_HEADER_PREFIX}topic`;
export const ERROR_HEADER_ORIG_PARTITION = `${ERROR_HEADER_PREFIX}partition`;
export const ERROR_HEADER_ORIG_OFFSET = `${ERROR_HEADER_PREFIX}offset`;
export const ERROR_HEADER_CONNECTOR_NAME = `${ERROR_HEADER_PREFIX}connector.name`;
export const ERROR_HEADER_TASK_ID = `${ERROR_HEADER_PREFIX}task.id`;
export const ERROR_HEADER_STAGE = `${ERROR_HEADER_PREFIX}stage`;
export const ERROR_HEADER_EXECUTING_CLASS = `${ERROR_HEADER_PREFIX}class.name`;
export const ERROR_HEADER_EXCEPTION = `${ERROR_HEADER_PREFIX}exception.class.name`;
export const ERROR_HEADER_EXCEPTION_MESSAGE = `${ERROR_HEADER_PREFIX}exception.message`;
export const ERROR_HEADER_EXCEPTION_STACK_TRACE = `${ERROR_HEADER_PREFIX}exception.stacktrace`;

/** Which task reports (Kafka Connect's `ConnectorTaskId`). */
export interface ConnectorTaskId {
  readonly connector: string;
  readonly task: number;
}

/** One failed record and where it failed (Kafka Connect's `ProcessingContext`). */
export interface ErrantRecord {
  /** The record as it was read from Kafka: what goes to the dead letter queue. */
  readonly original: KafkaMessage;
  readonly stage: Stage;
  /** The fully qualified class that failed: the converter, the transform, or `org.apache.kafka.connect.sink.SinkTask`. */
  readonly executingClass: string;
  /** The plugin's own error. */
  readonly error: unknown;
}

const utf8 = new TextEncoder();
const text = (value: string | null): Uint8Array | null => (value === null ? null : utf8.encode(value));

/**
 * The `__connect.errors.*` headers of a failed record, exactly as Kafka Connect's
 * `DeadLetterQueueReporter.populateContextHeaders` writes them: UTF-8 strings, numbers in decimal,
 * the stage name, the Java-style class names, a null message header for an error without message.
 */
export function errorContextHeaders(record: ErrantRecord, id: ConnectorTaskId): KafkaHeader[] {
  const { original } = record;
  return [
    { key: ERROR_HEADER_ORIG_TOPIC, value: text(original.topic) },
    { key: ERROR_HEADER_ORIG_PARTITION, value: text(String(original.partition)) },
    { key: ERROR_HEADER_ORIG_OFFSET, value: text(String(original.offset)) },
    { key: ERROR_HEADER_CONNECTOR_NAME, value: text(id.connector) },
    { key: ERROR_HEADER_TASK_ID, value: text(String(id.task)) },
    { key: ERROR_HEADER_STAGE, value: text(record.stage) },
    { key: ERROR_HEADER_EXECUTING_CLASS, value: text(record.executingClass) },
    { key: ERROR_HEADER_EXCEPTION, value: text(kafkaClassNameOf(record.error)) },
    { key: ERROR_HEADER_EXCEPTION_MESSAGE, value: text(javaMessage(record.error)) },
    { key: ERROR_HEADER_EXCEPTION_STACK_TRACE, value: text(javaStackTrace(record.error)) },
  ];
}

/**
 * The dead letter record of a failed one: the original key, value, headers and timestamp (when the
 * original had one), partition left to the producer, plus the context headers when enabled.
 */
export function deadLetterRecord(topic: string, record: ErrantRecord, id: ConnectorTaskId, contextHeaders: boolean): ProducerRecord {
  const { original } = record;
  return {
    topic,
    partition: null,
    key: original.key,
    value: original.value,
    headers: contextHeaders ? [...original.headers, ...errorContextHeaders(record, id)] : [...original.headers],
    timestamp: original.timestamp !== null && original.timestamp >= 0 ? original.timestamp : null,
  };
}

/** Writing to the dead letter topic failed: the batch must not be committed. Retriable. */
export class DeadLetterQueueError extends CopycatError {
  constructor(topic: string, id: ConnectorTaskId, count: number, cause: unknown) {
    super(
      `Connector ${id.connector} task ${id.task} could not write ${count} record(s) to the dead letter queue topic ${topic}: ${cause instanceof Error ? cause.message : String(cause)}. The batch is not committed and will be delivered again; check that the topic exists and the function may write to it.`,
      { cause, retriable: true },
    );
    this.name = 'DeadLetterQueueError';
  }
}

/** Where a sink's failed records go (Kafka Connect's `DeadLetterQueueReporter`), through the producer port. */
export class DeadLetterQueue {
  readonly #producer: RecordProducer;
  readonly #topic: string;
  readonly #id: ConnectorTaskId;
  readonly #contextHeaders: boolean;

  constructor(options: {
    readonly producer: RecordProducer;
    readonly topic: string;
    readonly id: ConnectorTaskId;
    readonly contextHeaders: boolean;
  }) {
    this.#producer = options.producer;
    this.#topic = options.topic;
    this.#id = options.id;
    this.#contextHeaders = options.contextHeaders;
  }

  get topic(): string {
    return this.#topic;
  }

  /** Writes the records and resolves once the broker acknowledged all of them; DeadLetterQueueError otherwise. */
  async send(records: readonly ErrantRecord[]): Promise<void> {
    if (records.length === 0) return;
    const letters = records.map((record) => deadLetterRecord(this.#topic, record, this.#id, this.#contextHeaders));
    try {
      await this.#producer.send(letters);
    } catch (error) {
      throw new DeadLetterQueueError(this.#topic, this.#id, records.length, error);
    }
  }
}
