/** A Kafka record header as bytes, before a header converter turns it into Connect data. */
export interface KafkaHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}
