import type { Password } from './password.ts';

/**
 * The outcome of validating one config key (Kafka's `ConfigValue`): its parsed value (null when
 * unset without default, or when parsing failed), the values a recommender suggests, every error
 * found, and whether a UI should show it. Connectors' own `validate` add errors to these.
 */
export class ConfigValue {
  /** The key. */
  readonly name: string;
  /** The parsed value; a PASSWORD's is a {@link Password}, so it prints as `[hidden]`. */
  value: unknown;
  /** Values a recommender suggests, each of the key's type. */
  recommendedValues: unknown[];
  /** Every problem found, worded for users. */
  readonly errorMessages: string[];
  /** Whether the key is relevant given the other values. */
  visible: boolean;

  constructor(name: string, value: unknown = null, recommendedValues: unknown[] = [], errorMessages: string[] = []) {
    this.name = name;
    this.value = value;
    this.recommendedValues = recommendedValues;
    this.errorMessages = errorMessages;
    this.visible = true;
  }

  /** Records one more problem with this key. */
  addErrorMessage(message: string): void {
    this.errorMessages.push(message);
  }
}
