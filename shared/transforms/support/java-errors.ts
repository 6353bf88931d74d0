import { CopycatError } from '../../errors.ts';

/**
 * A failure Kafka Connect's transforms raise as a plain Java runtime exception rather than a
 * ConnectException (ExtractField's `IllegalArgumentException: Unknown field: x`, say). It carries
 * Java's class name, so dead letter headers and status traces read as Kafka's do.
 */
export class JavaRuntimeException extends CopycatError {
  readonly kafkaClassName: string;

  constructor(kafkaClassName: string, message: string) {
    super(message);
    this.name = kafkaClassName.slice(kafkaClassName.lastIndexOf('.') + 1);
    this.kafkaClassName = kafkaClassName;
  }
}

/** `java.lang.IllegalArgumentException`. */
export function illegalArgument(message: string): JavaRuntimeException {
  return new JavaRuntimeException('java.lang.IllegalArgumentException', message);
}
