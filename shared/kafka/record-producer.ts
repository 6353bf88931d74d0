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

/**
 * Gives a producer for a connector's `producer.override.*` settings (without the prefix);
 * connectors with the same settings share one producer, which warm invocations reuse.
 */
export interface RecordProducerFactory {
  /** @throws ProducerConfigError naming an override that cannot be honoured. */
  producer(overrides: Readonly<Record<string, string>>): Promise<RecordProducer>;
}

/** A topic to create (KIP-158): -1 partitions or replication factor means the broker's default. */
export interface NewTopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Topic-level configs such as `cleanup.policy`. */
  readonly configs: Readonly<Record<string, string>>;
}

/** The admin operations source tasks need: find out whether a topic exists, create it. */
export interface TopicAdmin {
  /** The subset of `topics` that exist in the cluster. */
  existingTopics(topics: readonly string[]): Promise<Set<string>>;
  /** Creates the topic; false when it already existed (another task was first). */
  createTopic(spec: NewTopicSpec): Promise<boolean>;
}
