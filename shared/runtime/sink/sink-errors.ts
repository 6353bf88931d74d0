import { ConnectException } from '../../api/errors.ts';
import type { KafkaMessage } from '../kafka-message.ts';
import type { Stage } from '../stage.ts';
import type { ConnectorTaskId } from './dead-letter-queue.ts';

/** `<topic>-<partition>@<offset> (topic t, partition p, offset o)`: how sink errors name a record. */
export function describeRecord(record: Pick<KafkaMessage, 'topic' | 'partition' | 'offset'>): string {
  return `${record.topic}-${record.partition}@${record.offset} (topic ${record.topic}, partition ${record.partition}, offset ${record.offset})`;
}

/**
 * A record failed with `errors.tolerance=none` (Kafka Connect's "Tolerance exceeded in error
 * handler"): the batch is not committed and the task is FAILED. The message names the record.
 */
export class ToleranceExceededError extends ConnectException {
  readonly stage: Stage;
  readonly record: Pick<KafkaMessage, 'topic' | 'partition' | 'offset'>;

  constructor(
    id: ConnectorTaskId,
    record: Pick<KafkaMessage, 'topic' | 'partition' | 'offset'>,
    stage: Stage,
    executingClass: string,
    cause: unknown,
  ) {
    super(
      `Tolerance exceeded in error handler: connector ${id.connector} task ${id.task} failed in stage ${stage} (${executingClass}) on record ${describeRecord(record)}: ${cause instanceof Error ? cause.message : String(cause)}. The batch was not committed. Fix the record or the connector config (or set errors.tolerance=all with errors.deadletterqueue.topic.name to divert failing records), then restart the task.`,
      { cause },
    );
    this.name = 'ToleranceExceededError';
    this.stage = stage;
    this.record = { topic: record.topic, partition: record.partition, offset: record.offset };
  }
}

/** `put`, `flush` or `preCommit` failed for the whole batch; nothing of it is committed. */
export class SinkBatchError extends ConnectException {
  readonly operation: 'put' | 'flush' | 'preCommit' | 'open' | 'dead letter queue';

  constructor(id: ConnectorTaskId, operation: SinkBatchError['operation'], count: number, cause: unknown, retriable: boolean) {
    super(
      `Connector ${id.connector} task ${id.task}: ${operation} failed for a batch of ${count} record(s): ${cause instanceof Error ? cause.message : String(cause)}. The batch was not committed${retriable ? ' and will be delivered again' : ''}.`,
      { cause, retriable },
    );
    this.name = 'SinkBatchError';
    this.operation = operation;
  }
}

/** The task did not commit some partitions (its `preCommit` returned lower offsets): they will be delivered again. */
export class UncommittedOffsetsError extends ConnectException {
  constructor(id: ConnectorTaskId, partitions: readonly string[]) {
    super(
      `Connector ${id.connector} task ${id.task} did not commit every record of the batch (partitions ${partitions.join(', ')}); the rest will be delivered again.`,
      { retriable: true },
    );
    this.name = 'UncommittedOffsetsError';
  }
}
