import { parseType } from './parse-type.ts';
import { type Importance, NO_DEFAULT_VALUE, type ParsedValue, type Recommender, type Type, type Validator, Width } from './types.ts';

/** Everything said about one config key when defining it (the arguments of Kafka's `ConfigDef.define`). */
export interface ConfigKeyOptions {
  /** The key, e.g. `tasks.max`. */
  readonly name: string;
  /** How raw values are parsed. */
  readonly type: Type;
  /**
   * The value used when the key is not given: a raw string or a value of the type; `null` makes
   * the key optional with no value. Absent (or {@link NO_DEFAULT_VALUE}) makes the key required.
   * It is parsed and validated when the key is defined, so a wrong default fails at start-up.
   * @default NO_DEFAULT_VALUE
   */
  readonly defaultValue?: unknown;
  /** Checks the parsed value. @default null (any value of the type) */
  readonly validator?: Validator | null;
  /** How likely a user is to need to set it. */
  readonly importance: Importance;
  /** What the key does, for users; shown by the REST API. */
  readonly documentation: string;
  /** The group a UI shows it in; groups are listed in the order first defined. @default null */
  readonly group?: string | null;
  /** Its position within the group. @default -1 */
  readonly orderInGroup?: number;
  /** How wide a UI draws its input. @default Width.NONE */
  readonly width?: Width;
  /** Its name in a UI. @default the key */
  readonly displayName?: string;
  /**
   * Keys whose recommended values or visibility depend on this one; they are parsed and validated
   * after it. Each must be defined too. @default []
   */
  readonly dependents?: readonly string[];
  /** Computes recommended values and visibility during `validate`. @default null */
  readonly recommender?: Recommender | null;
  /** Internal keys are parsed like others but left out of documentation. @default false */
  readonly internal?: boolean;
}

/**
 * One defined config key (`ConfigDef.ConfigKey`), with its default already parsed and checked.
 * Immutable: embedding or copying a definition makes new keys.
 */
export class ConfigKey {
  /** The key. */
  readonly name: string;
  /** How raw values are parsed. */
  readonly type: Type;
  /** The parsed default, or {@link NO_DEFAULT_VALUE} when the key is required. */
  readonly defaultValue: ParsedValue | typeof NO_DEFAULT_VALUE;
  /** Checks the parsed value, if anything does. */
  readonly validator: Validator | null;
  /** How likely a user is to need to set it. */
  readonly importance: Importance;
  /** What the key does. */
  readonly documentation: string;
  /** Its UI group, if any. */
  readonly group: string | null;
  /** Its position within the group (-1 when not given). */
  readonly orderInGroup: number;
  /** How wide a UI draws its input. */
  readonly width: Width;
  /** Its name in a UI. */
  readonly displayName: string;
  /** Keys whose recommendations depend on this one. */
  readonly dependents: readonly string[];
  /** Computes recommended values and visibility, if anything does. */
  readonly recommender: Recommender | null;
  /** Whether documentation leaves it out. */
  readonly internalConfig: boolean;

  /** @throws ConfigException when the default does not parse to the type or fails the validator. */
  constructor(options: ConfigKeyOptions) {
    this.name = options.name;
    this.type = options.type;
    const required = options.defaultValue === undefined || options.defaultValue === NO_DEFAULT_VALUE;
    this.defaultValue = required ? NO_DEFAULT_VALUE : parseType(options.name, options.defaultValue, options.type);
    this.validator = options.validator ?? null;
    if (this.validator !== null && this.defaultValue !== NO_DEFAULT_VALUE) this.validator.ensureValid(this.name, this.defaultValue);
    this.importance = options.importance;
    this.documentation = options.documentation;
    this.group = options.group ?? null;
    this.orderInGroup = options.orderInGroup ?? -1;
    this.width = options.width ?? Width.NONE;
    this.displayName = options.displayName ?? options.name;
    this.dependents = Object.freeze([...(options.dependents ?? [])]);
    this.recommender = options.recommender ?? null;
    this.internalConfig = options.internal ?? false;
  }

  /** Whether the key has a default (is not required). */
  hasDefault(): boolean {
    return this.defaultValue !== NO_DEFAULT_VALUE;
  }
}
