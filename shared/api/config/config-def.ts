import { ConfigException } from './config-exception.ts';
import { ConfigKey, type ConfigKeyOptions } from './config-key.ts';
import { ConfigValue } from './config-value.ts';
import { parseType } from './parse-type.ts';
import { type ConfigProps, NO_DEFAULT_VALUE, type ParsedValue, type Recommender, type Validator } from './types.ts';
import { ValidList } from './validators.ts';

const IMPORTANCE_ORDER = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;

/**
 * The config keys a connector, converter, transform or predicate accepts, declared once (Kafka's
 * `ConfigDef`). From that one declaration come typed parsing ({@link parse}), validation that
 * reports every problem ({@link validate}), and the REST `config/validate` answer
 * (`validationResult`). Keys keep the order they were defined in, as in Kafka 4.
 *
 * Keys the definition does not know are ignored here, not rejected: connectors receive the
 * original map and may read other keys (converter and client settings ride along the same way).
 *
 * @example
 * const CONFIG_DEF = new ConfigDef()
 *   .define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: 'Source filename.' })
 *   .define({ name: 'batch.size', type: Type.INT, defaultValue: 2000, validator: Range.atLeast(1),
 *     importance: Importance.LOW, documentation: 'Max lines per poll.' });
 */
export class ConfigDef {
  readonly #keys: Map<string, ConfigKey>;
  readonly #groups: string[];

  /** An empty definition, or a copy of `base` that can be extended without changing it. */
  constructor(base?: ConfigDef) {
    this.#keys = new Map(base === undefined ? [] : base.#keys);
    this.#groups = base === undefined ? [] : [...base.#groups];
  }

  /**
   * Adds one key; its group joins {@link groups} if new.
   * @throws ConfigException `Configuration x is defined twice.`, or when the default is invalid.
   */
  define(key: ConfigKeyOptions | ConfigKey): this {
    const configKey = key instanceof ConfigKey ? key : new ConfigKey(key);
    if (this.#keys.has(configKey.name))
      throw new ConfigException(`Configuration ${configKey.name} is defined twice.`, { key: configKey.name });
    if (configKey.group !== null && !this.#groups.includes(configKey.group)) this.#groups.push(configKey.group);
    this.#keys.set(configKey.name, configKey);
    return this;
  }

  /** The defined keys' names, in definition order. */
  names(): ReadonlySet<string> {
    return new Set(this.#keys.keys());
  }

  /** The defined keys by name, in definition order. */
  configKeys(): ReadonlyMap<string, ConfigKey> {
    return this.#keys;
  }

  /** The groups, in the order their first key was defined. */
  groups(): readonly string[] {
    return this.#groups;
  }

  /** The parsed default of every key that has one. */
  defaultValues(): Map<string, ParsedValue> {
    const defaults = new Map<string, ParsedValue>();
    for (const key of this.#keys.values()) if (key.defaultValue !== NO_DEFAULT_VALUE) defaults.set(key.name, key.defaultValue);
    return defaults;
  }

  /**
   * Parses and validates every defined key of `props` (raw strings, or values of each key's
   * type); unset keys get their default. Stops at the first problem.
   * @returns every defined key's typed value, in definition order.
   * @throws ConfigException e.g. `Missing required configuration "file" which has no default value.`
   */
  parse(props: ConfigProps): Map<string, ParsedValue> {
    const undefinedKeys = this.#undefinedDependents();
    if (undefinedKeys.length > 0) {
      // Kafka's wording, typo included, so that both read the same.
      throw new ConfigException(`Some configurations in are referred in the dependents, but not defined: ${undefinedKeys.join(',')}`);
    }
    const values = new Map<string, ParsedValue>();
    for (const key of this.#keys.values()) values.set(key.name, this.parseValue(key, props[key.name], isSet(props, key.name)));
    return values;
  }

  /**
   * Parses one key's raw value (or takes its default when not set) and validates it.
   * @throws ConfigException on the first problem.
   */
  parseValue(key: ConfigKey, value: unknown, set: boolean): ParsedValue {
    let parsed: ParsedValue;
    if (set) parsed = parseType(key.name, value, key.type);
    else if (key.defaultValue === NO_DEFAULT_VALUE) throw missingRequired(key.name);
    else parsed = key.defaultValue;
    parsed = withoutDuplicates(key, parsed);
    key.validator?.ensureValid(key.name, parsed);
    return parsed;
  }

  /**
   * Validates `props` without throwing: every key gets a {@link ConfigValue} with its parsed value,
   * every problem found (a value can fail to parse and then fail its validator on null, both are
   * reported, as Kafka does), and its recommender's suggestions and visibility.
   * @returns one ConfigValue per defined key, in definition order, then one per dependent that is not defined.
   */
  validate(props: ConfigProps): ConfigValue[] {
    return [...this.validateAll(props).values()];
  }

  /** {@link validate}, keyed by name. */
  validateAll(props: ConfigProps): Map<string, ConfigValue> {
    const configValues = new Map<string, ConfigValue>();
    for (const name of this.#keys.keys()) configValues.set(name, new ConfigValue(name));
    for (const name of this.#undefinedDependents()) {
      const undefinedValue = new ConfigValue(name);
      undefinedValue.addErrorMessage(`${name} is referred in the dependents, but not defined.`);
      undefinedValue.visible = false;
      configValues.set(name, undefinedValue);
    }
    // Parents first: a recommender sees the parsed values of the keys it depends on.
    const parsed = new Map<string, unknown>();
    const roots = this.#configsWithNoParent();
    for (const name of roots) this.#parseForValidate(name, props, parsed, configValues);
    for (const name of roots) this.#recommend(name, parsed, configValues);
    return configValues;
  }

  /**
   * Adds every key of `child` under `keyPrefix`, as Kafka Connect does for a transform's keys
   * (`transforms.<alias>.`): groups become `groupPrefix` or `groupPrefix: <child group>`, orders
   * count up from `startingOrd` in the child's display order, dependents are prefixed, and
   * validators and recommenders see the unprefixed names (so messages name the child's key, e.g.
   * `Invalid value -3 for configuration other: ...`, as Kafka's do).
   */
  embed(keyPrefix: string, groupPrefix: string, startingOrd: number, child: ConfigDef): this {
    let orderInGroup = startingOrd;
    for (const key of child.#sortedConfigs()) {
      this.define(
        new ConfigKey({
          name: keyPrefix + key.name,
          type: key.type,
          defaultValue: key.defaultValue,
          validator: key.validator === null ? null : embeddedValidator(keyPrefix, key.validator),
          importance: key.importance,
          documentation: key.documentation,
          group: groupPrefix + (key.group === null ? '' : `: ${key.group}`),
          orderInGroup: orderInGroup++,
          width: key.width,
          displayName: key.displayName,
          dependents: key.dependents.map((dependent) => keyPrefix + dependent),
          recommender: key.recommender === null ? null : embeddedRecommender(keyPrefix, key.recommender),
          internal: key.internalConfig,
        }),
      );
    }
    return this;
  }

  #parseForValidate(name: string, props: ConfigProps, parsed: Map<string, unknown>, configValues: Map<string, ConfigValue>): void {
    const key = this.#keys.get(name);
    const configValue = configValues.get(name);
    if (key === undefined || configValue === undefined) return;
    let value: ParsedValue = null;
    if (isSet(props, name)) {
      try {
        value = parseType(name, props[name], key.type);
      } catch (error) {
        if (!(error instanceof ConfigException)) throw error;
        configValue.addErrorMessage(error.message);
      }
    } else if (key.defaultValue === NO_DEFAULT_VALUE) {
      configValue.addErrorMessage(missingRequired(name).message);
    } else {
      value = key.defaultValue;
    }
    value = withoutDuplicates(key, value);
    if (key.validator !== null) {
      try {
        key.validator.ensureValid(name, value);
      } catch (error) {
        if (!(error instanceof ConfigException)) throw error;
        configValue.addErrorMessage(error.message);
      }
    }
    configValue.value = value;
    parsed.set(name, value);
    for (const dependent of key.dependents) this.#parseForValidate(dependent, props, parsed, configValues);
  }

  #recommend(name: string, parsed: ReadonlyMap<string, unknown>, configValues: Map<string, ConfigValue>): void {
    const key = this.#keys.get(name);
    const configValue = configValues.get(name);
    if (key === undefined || configValue === undefined) return;
    if (key.recommender !== null) {
      try {
        let recommended = [...key.recommender.validValues(name, parsed)];
        // A connector may have narrowed the choices already; keep only what both allow.
        if (configValue.recommendedValues.length > 0) {
          const allowed = new Set(configValue.recommendedValues);
          recommended = recommended.filter((value) => allowed.has(value));
        }
        configValue.recommendedValues = recommended;
        configValue.visible = key.recommender.visible(name, parsed);
      } catch (error) {
        if (!(error instanceof ConfigException)) throw error;
        configValue.addErrorMessage(error.message);
      }
    }
    for (const dependent of key.dependents) this.#recommend(dependent, parsed, configValues);
  }

  #undefinedDependents(): string[] {
    const undefinedKeys = new Set<string>();
    for (const key of this.#keys.values())
      for (const dependent of key.dependents) if (!this.#keys.has(dependent)) undefinedKeys.add(dependent);
    return [...undefinedKeys];
  }

  #configsWithNoParent(): string[] {
    const withParent = new Set<string>();
    for (const key of this.#keys.values()) for (const dependent of key.dependents) withParent.add(dependent);
    return [...this.#keys.keys()].filter((name) => !withParent.has(name));
  }

  /** Kafka's display order: by group (ungrouped first), order in group, required first, importance, name. */
  #sortedConfigs(): ConfigKey[] {
    const groupOrder = new Map(this.#groups.map((group, index) => [group, index]));
    const groupRank = (key: ConfigKey): number => (key.group === null ? -1 : (groupOrder.get(key.group) ?? -1));
    return [...this.#keys.values()].sort(
      (a, b) =>
        groupRank(a) - groupRank(b) ||
        a.orderInGroup - b.orderInGroup ||
        Number(a.hasDefault()) - Number(b.hasDefault()) ||
        IMPORTANCE_ORDER[a.importance] - IMPORTANCE_ORDER[b.importance] ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  }
}

/** Whether a key counts as given: present with any value but `undefined` (`null` is a given value, as in Kafka). */
function isSet(props: ConfigProps, name: string): boolean {
  return Object.hasOwn(props, name) && props[name] !== undefined;
}

function missingRequired(name: string): ConfigException {
  return new ConfigException(`Missing required configuration "${name}" which has no default value.`, { key: name });
}

/** A validator that names the unprefixed key, keeping the one it wraps reachable (see {@link withoutDuplicates}). */
interface EmbeddedValidator extends Validator {
  readonly embedded: Validator;
}

function embeddedValidator(keyPrefix: string, base: Validator): EmbeddedValidator {
  return {
    embedded: base,
    ensureValid: (name, value) => base.ensureValid(name.slice(keyPrefix.length), value),
    toString: () => String(base),
  };
}

function embeddedRecommender(keyPrefix: string, base: Recommender): Recommender {
  const unprefixed = (parsedConfig: ReadonlyMap<string, unknown>): Map<string, unknown> => {
    const result = new Map<string, unknown>();
    for (const [name, value] of parsedConfig) if (name.startsWith(keyPrefix)) result.set(name.slice(keyPrefix.length), value);
    return result;
  };
  return {
    validValues: (name, parsedConfig) => base.validValues(name.slice(keyPrefix.length), unprefixed(parsedConfig)),
    visible: (name, parsedConfig) => base.visible(name.slice(keyPrefix.length), unprefixed(parsedConfig)),
  };
}

/** Kafka 4 drops repeated items of a list guarded by a ValidList (with a warning) before validating it. */
function withoutDuplicates(key: ConfigKey, value: ParsedValue): ParsedValue {
  // A transform's own keys, embedded in a connector's definition, behave as they do in the transform.
  const validator = key.validator !== null && 'embedded' in key.validator ? (key.validator as EmbeddedValidator).embedded : key.validator;
  if (!(validator instanceof ValidList) || !Array.isArray(value)) return value;
  const distinct = [...new Set(value as readonly string[])];
  return distinct.length === (value as readonly string[]).length ? value : Object.freeze(distinct);
}
