import { CopycatError } from '../errors.ts';

/**
 * Bytes could not be turned into a value or back by a Kafka serializer (Kafka's
 * `org.apache.kafka.common.errors.SerializationException`); converters wrap it in a DataException,
 * except where Kafka lets it through (an unknown `converter.encoding`).
 */
export class SerializationException extends CopycatError {
  get kafkaClassName(): string {
    return 'org.apache.kafka.common.errors.SerializationException';
  }

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'SerializationException';
  }
}
