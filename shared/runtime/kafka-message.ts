import type { KafkaHeader } from '../api/record/kafka-header.ts';

/** A record as Kafka holds it: bytes and metadata, before converters or after them. */
export interface KafkaMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** Milliseconds since the epoch, or null. */
  readonly timestamp: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly KafkaHeader[];
}
