import { CopycatError } from '../../errors.ts';
import { formatValue } from './java-format.ts';

/**
 * A config is missing, has the wrong type or an invalid value, or a config definition is wrong
 * (Kafka's `ConfigException`). The message is worded exactly as Kafka words it, so that users and
 * tools comparing messages see no difference; `key` names the config when there is one. Never
 * retriable: the same config fails the same way until someone changes it.
 */
export class ConfigException extends CopycatError {
  /** The config key the problem is about, when the problem is about one key. */
  readonly key: string | undefined;

  /** The Java class name Kafka Connect reports for this error (dead letter headers, status traces). */
  get kafkaClassName(): string {
    return 'org.apache.kafka.common.config.ConfigException';
  }

  constructor(message: string, options: { key?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause, retriable: false });
    this.name = 'ConfigException';
    this.key = options.key;
  }

  /**
   * `Invalid value <value> for configuration <name>[: <reason>]`, Kafka's wording for a bad value.
   * The value is printed as Java would print it (lists as `[a, b]`, passwords as `[hidden]`); the
   * value itself is not kept on the error, so a secret cannot travel further than its message.
   */
  static invalidValue(name: string, value: unknown, reason?: string): ConfigException {
    const suffix = reason === undefined ? '' : `: ${reason}`;
    return new ConfigException(`Invalid value ${formatValue(value)} for configuration ${name}${suffix}`, { key: name });
  }
}
