import type { ConfigDef } from './config-def.ts';
import { ConfigException } from './config-exception.ts';
import type { Password } from './password.ts';
import type { ConfigProps, ParsedValue, Type } from './types.ts';

/**
 * A config map parsed against its definition, with typed getters (Kafka's `AbstractConfig`).
 * Parsing happens once, in the constructor, and throws on the first problem; the original map is
 * kept whole, unknown keys included, for the parts that read prefixed settings
 * ({@link originalsWithPrefix}). Getters return `null` when the key's value is null (a null default).
 *
 * @example
 * const config = new AbstractConfig(CONFIG_DEF, props);
 * const batchSize = config.getInt('batch.size');
 */
export class AbstractConfig {
  readonly #definition: ConfigDef;
  readonly #originals: Readonly<Record<string, unknown>>;
  readonly #values: Map<string, ParsedValue>;

  /** @throws ConfigException on the first missing or invalid value. */
  constructor(definition: ConfigDef, originals: ConfigProps) {
    this.#definition = definition;
    this.#originals = Object.freeze({ ...originals });
    this.#values = definition.parse(this.#originals);
  }

  /** The definition the values were parsed against. */
  definition(): ConfigDef {
    return this.#definition;
  }

  /**
   * The parsed value of a defined key.
   * @throws ConfigException `Unknown configuration 'x'` for a key the definition does not have.
   */
  get(key: string): ParsedValue {
    if (!this.#values.has(key)) throw new ConfigException(`Unknown configuration '${key}'`, { key });
    return this.#values.get(key) ?? null;
  }

  /** A STRING key's value. */
  getString(key: string): string | null {
    return this.#typed(key, 'STRING');
  }

  /** An INT key's value. */
  getInt(key: string): number | null {
    return this.#typed(key, 'INT');
  }

  /** A SHORT key's value. */
  getShort(key: string): number | null {
    return this.#typed(key, 'SHORT');
  }

  /** A LONG key's value: a `number`, or a `bigint` only outside the safe integer range (±2^53−1). */
  getLong(key: string): number | bigint | null {
    return this.#typed(key, 'LONG');
  }

  /** A DOUBLE key's value. */
  getDouble(key: string): number | null {
    return this.#typed(key, 'DOUBLE');
  }

  /** A BOOLEAN key's value. */
  getBoolean(key: string): boolean | null {
    return this.#typed(key, 'BOOLEAN');
  }

  /** A LIST key's value. */
  getList(key: string): readonly string[] | null {
    return this.#typed(key, 'LIST');
  }

  /** A PASSWORD key's value; call `.value()` on it only where the secret is really needed. */
  getPassword(key: string): Password | null {
    return this.#typed(key, 'PASSWORD');
  }

  /** A CLASS key's value: the class name (Copycat resolves names through its plugin registry). */
  getClass(key: string): string | null {
    return this.#typed(key, 'CLASS');
  }

  /** Every defined key's parsed value. */
  values(): Map<string, ParsedValue> {
    return new Map(this.#values);
  }

  /** The map as given, unknown keys included. */
  originals(): Record<string, unknown> {
    return { ...this.#originals };
  }

  /**
   * The given keys that start with `prefix` (and are longer than it), with the prefix removed
   * unless `strip` is false: `originalsWithPrefix('value.converter.')` gives the value converter's
   * own settings.
   */
  originalsWithPrefix(prefix: string, strip = true): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.#originals)) {
      if (key.startsWith(prefix) && key.length > prefix.length) result[strip ? key.slice(prefix.length) : key] = value;
    }
    return result;
  }

  /**
   * Every defined key's parsed value, where a given `<prefix><key>` overrides `<key>` (parsed and
   * validated like it). Prefixed keys the definition does not know are left out.
   * @throws ConfigException when an override is invalid.
   */
  valuesWithPrefixOverride(prefix: string): Map<string, ParsedValue> {
    const result = new Map(this.#values);
    const keys = this.#definition.configKeys();
    for (const [key, value] of Object.entries(this.originalsWithPrefix(prefix))) {
      const configKey = keys.get(key);
      if (configKey !== undefined) result.set(key, this.#definition.parseValue(configKey, value, true));
    }
    return result;
  }

  // Parsing guarantees each type's representation, so checking the declared type is enough.
  #typed<T extends ParsedValue>(key: string, expected: Type): T | null {
    const value = this.get(key);
    const type = this.#definition.configKeys().get(key)?.type;
    // Kafka would fail with a ClassCastException; here the message says which getter fits.
    if (type !== expected)
      throw new ConfigException(`Configuration '${key}' is of type ${type}, not ${expected}; use its own getter.`, { key });
    return value as T | null;
  }
}
