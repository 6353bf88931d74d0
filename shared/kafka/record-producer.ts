import type { KafkaHeader } from '../api/record/kafka-header.ts';

/** A record ready for Kafka: converted bytes plus where it goes. */
export interface ProducerRecord {
  readonly topic: string;
  /** null: the producer's partitioner chooses (murmur2 of the key, as Kafka's Java client). */
  readonly partition: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
  /** Milliseconds since the epoch, or null for the producer's time. */
  readonly timestamp: number | null;
}

/** Where the broker stored a record. */
export interface ProducedRecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | null;
}

/**
 * The producer side of the Kafka adapter, as the runtimes see it: idempotent, `acks=-1`.
 * `send` resolves once the broker acknowledged every record of the batch, with one metadata
 * entry per record in input order; it rejects if any record was not acknowledged.
 */
export interface RecordProducer {
  send(records: readonly ProducerRecord[]): Promise<ProducedRecordMetadata[]>;
  close(): Promise<void>;
}
