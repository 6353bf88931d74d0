// Kafka's stock validators (`ConfigDef.Range`, `ValidString`, ...), with Kafka's messages word for
// word: users and tools that match on them keep working. Each receives the value already parsed
// to the config's type, or null when the config is unset with a null default or failed to parse.
import { ConfigException } from './config-exception.ts';
import { javaHashSetOrder } from './java-format.ts';
import type { Validator } from './types.ts';

/** A numeric range, inclusive at both ends (`ConfigDef.Range`). Works for INT, SHORT, LONG and DOUBLE. */
export class Range implements Validator {
  readonly #min: number | bigint | null;
  readonly #max: number | bigint | null;

  private constructor(min: number | bigint | null, max: number | bigint | null) {
    this.#min = min;
    this.#max = max;
  }

  /** At least `min`: `Invalid value 0 for configuration tasks.max: Value must be at least 1`. */
  static atLeast(min: number | bigint): Range {
    return new Range(min, null);
  }

  /** From `min` to `max`, both included: `... Value must be no more than 10`. */
  static between(min: number | bigint, max: number | bigint): Range {
    return new Range(min, max);
  }

  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) throw ConfigException.invalidValue(name, null, 'Value must be non-null');
    // Kafka compares as doubles; so do we, which keeps bigint longs comparable with number bounds.
    const number = Number(value);
    if (this.#min !== null && number < Number(this.#min)) {
      throw ConfigException.invalidValue(name, value, `Value must be at least ${this.#min}`);
    }
    if (this.#max !== null && number > Number(this.#max)) {
      throw ConfigException.invalidValue(name, value, `Value must be no more than ${this.#max}`);
    }
  }

  toString(): string {
    if (this.#min === null && this.#max === null) return '[...]';
    if (this.#min === null) return `[...,${this.#max}]`;
    if (this.#max === null) return `[${this.#min},...]`;
    return `[${this.#min},...,${this.#max}]`;
  }
}

/** One of a fixed set of strings, case-sensitive (`ConfigDef.ValidString`). */
export class ValidString implements Validator {
  readonly validStrings: readonly string[];

  private constructor(validStrings: readonly string[]) {
    this.validStrings = validStrings;
  }

  /** One of `validStrings`: `Invalid value x for configuration mode: String must be one of: bulk, incrementing`. */
  static in(...validStrings: string[]): ValidString {
    return new ValidString(validStrings);
  }

  ensureValid(name: string, value: unknown): void {
    if (typeof value !== 'string' || !this.validStrings.includes(value)) {
      throw ConfigException.invalidValue(name, value, `String must be one of: ${this.validStrings.join(', ')}`);
    }
  }

  toString(): string {
    return `[${this.validStrings.join(', ')}]`;
  }
}

/**
 * One of a fixed set of strings, ignoring case (`ConfigDef.CaseInsensitiveValidString`). As in
 * Kafka, the message lists the choices upper-cased, in Java HashSet order.
 */
export class CaseInsensitiveValidString implements Validator {
  readonly #validStrings: readonly string[];

  private constructor(validStrings: readonly string[]) {
    this.#validStrings = javaHashSetOrder(validStrings.map((value) => value.toUpperCase()));
  }

  /** One of `validStrings` in any case: `... String must be one of (case insensitive): ALL, NONE`. */
  static in(...validStrings: string[]): CaseInsensitiveValidString {
    return new CaseInsensitiveValidString(validStrings);
  }

  ensureValid(name: string, value: unknown): void {
    if (typeof value !== 'string' || !this.#validStrings.includes(value.toUpperCase())) {
      throw ConfigException.invalidValue(name, value, `String must be one of (case insensitive): ${this.#validStrings.join(', ')}`);
    }
  }

  toString(): string {
    return `(case insensitive) [${this.#validStrings.join(', ')}]`;
  }
}

/**
 * A LIST whose items are distinct, non-empty and (when given) each one of a fixed set
 * (`ConfigDef.ValidList` as of Kafka 4.x, which added the empty, null and duplicate checks).
 */
export class ValidList implements Validator {
  readonly #validStrings: ValidString;
  readonly #isEmptyAllowed: boolean;
  readonly #isNullAllowed: boolean;

  private constructor(validStrings: readonly string[], isEmptyAllowed: boolean, isNullAllowed: boolean) {
    this.#validStrings = ValidString.in(...validStrings);
    this.#isEmptyAllowed = isEmptyAllowed;
    this.#isNullAllowed = isNullAllowed;
  }

  /**
   * Every item one of `validStrings`; pass `false` first to also refuse an empty list
   * (`ValidList.in(false, 'a', 'b')`, which needs at least one valid string).
   */
  static in(...args: [isEmptyAllowed: boolean, ...validStrings: string[]] | string[]): ValidList {
    const [first, ...rest] = args;
    if (typeof first !== 'boolean') return new ValidList(args as string[], true, false);
    if (!first && rest.length === 0) {
      throw new ConfigException('At least one valid string must be provided when empty values are not allowed');
    }
    return new ValidList(rest as string[], first, false);
  }

  /** Any distinct, non-empty items (what Kafka uses for a sink's `topics`). */
  static anyNonDuplicateValues(isEmptyAllowed: boolean, isNullAllowed: boolean): ValidList {
    return new ValidList([], isEmptyAllowed, isNullAllowed);
  }

  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) {
      if (this.#isNullAllowed) return;
      throw new ConfigException(`Configuration '${name}' values must not be null.`, { key: name });
    }
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    const choices = this.#validStrings.validStrings;
    if (!this.#isEmptyAllowed && values.length === 0) {
      const valid = choices.length === 0 ? 'any non-empty value' : this.#validStrings.toString();
      throw new ConfigException(`Configuration '${name}' must not be empty. Valid values include: ${valid}`, { key: name });
    }
    if (new Set(values).size !== values.length) {
      throw new ConfigException(`Configuration '${name}' values must not be duplicated.`, { key: name });
    }
    for (const item of values) {
      if (typeof item !== 'string') continue;
      if (item === '') throw new ConfigException(`Configuration '${name}' values must not be empty.`, { key: name });
      if (choices.length > 0) this.#validStrings.ensureValid(name, item);
    }
  }

  toString(): string {
    return this.#validStrings.validStrings.length === 0 ? '' : this.#validStrings.toString();
  }
}

/** A string that is not empty; null passes (`ConfigDef.NonEmptyString`). */
export class NonEmptyString implements Validator {
  ensureValid(name: string, value: unknown): void {
    if (value === '') throw ConfigException.invalidValue(name, value, 'String must be non-empty');
  }

  toString(): string {
    return 'non-empty string';
  }
}

/** Any value but null (`ConfigDef.NonNullValidator`). */
export class NonNullValidator implements Validator {
  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) throw ConfigException.invalidValue(name, 'null', 'entry must be non null');
  }

  toString(): string {
    return 'non-null string';
  }
}

/**
 * A string that is not empty and holds no ISO control characters; null passes, because a missing
 * required config is reported on its own (`ConfigDef.NonEmptyStringWithoutControlChars`, used by
 * Kafka Connect for connector names).
 */
export class NonEmptyStringWithoutControlChars implements Validator {
  /** Kafka's factory name, for code ported from Java. */
  static nonEmptyStringWithoutControlChars(): NonEmptyStringWithoutControlChars {
    return new NonEmptyStringWithoutControlChars();
  }

  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) return;
    const text = String(value);
    if (text === '') throw ConfigException.invalidValue(name, value, 'String may not be empty');
    const found: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i) ?? 0;
      if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) found.push(code);
    }
    if (found.length > 0) {
      const reason = `String may not contain control sequences but had the following ASCII chars: ${found.join(', ')}`;
      throw ConfigException.invalidValue(name, value, reason);
    }
  }

  toString(): string {
    return 'non-empty string without ISO control characters';
  }
}

/** A LIST of at most `maxSize` items (`ConfigDef.ListSize`). */
export class ListSize implements Validator {
  readonly #maxSize: number;

  private constructor(maxSize: number) {
    this.#maxSize = maxSize;
  }

  /** At most `maxSize` items: `Invalid value [a, b] for configuration l: exceeds maximum list size of [1].` */
  static atMostOfSize(maxSize: number): ListSize {
    return new ListSize(maxSize);
  }

  ensureValid(name: string, value: unknown): void {
    if (Array.isArray(value) && value.length > this.#maxSize) {
      throw ConfigException.invalidValue(name, value, `exceeds maximum list size of [${this.#maxSize}].`);
    }
  }

  toString(): string {
    return `List containing maximum of ${this.#maxSize} elements`;
  }
}

/** Several validators, all of which must pass; the first failure is reported (`ConfigDef.CompositeValidator`). */
export class CompositeValidator implements Validator {
  readonly #validators: readonly Validator[];

  private constructor(validators: readonly Validator[]) {
    this.#validators = validators;
  }

  /** All of `validators`, in order. */
  static of(...validators: Validator[]): CompositeValidator {
    return new CompositeValidator(validators);
  }

  ensureValid(name: string, value: unknown): void {
    for (const validator of this.#validators) validator.ensureValid(name, value);
  }

  toString(): string {
    return this.#validators.map(String).join(', ');
  }
}

/** A validator made of two functions (`ConfigDef.LambdaValidator`). */
export class LambdaValidator implements Validator {
  readonly #ensureValid: (name: string, value: unknown) => void;
  readonly #describe: () => string;

  private constructor(ensureValid: (name: string, value: unknown) => void, describe: () => string) {
    this.#ensureValid = ensureValid;
    this.#describe = describe;
  }

  /**
   * `ensureValid` throws a `ConfigException` (usually `ConfigException.invalidValue(name, value,
   * reason)`) for a bad value; `describe` says what is valid, for documentation.
   */
  static with(ensureValid: (name: string, value: unknown) => void, describe: () => string): LambdaValidator {
    return new LambdaValidator(ensureValid, describe);
  }

  ensureValid(name: string, value: unknown): void {
    this.#ensureValid(name, value);
  }

  toString(): string {
    return this.#describe();
  }
}

/**
 * A CLASS value names a class Copycat knows. Kafka checks this while parsing, with its class
 * loader; Copycat has no class loader, so whoever owns the plugin registry says which names are
 * known. The message is Kafka's: `Invalid value X for configuration key.converter: Class X could
 * not be found.`; null passes.
 */
export class KnownClass implements Validator {
  readonly #isKnown: (className: string) => boolean;

  private constructor(isKnown: (className: string) => boolean) {
    this.#isKnown = isKnown;
  }

  /** Class names for which `isKnown` answers true. */
  static where(isKnown: (className: string) => boolean): KnownClass {
    return new KnownClass(isKnown);
  }

  ensureValid(name: string, value: unknown): void {
    if (value === null || value === undefined) return;
    if (!this.#isKnown(String(value))) throw ConfigException.invalidValue(name, value, `Class ${value} could not be found.`);
  }

  toString(): string {
    return 'a known class';
  }
}
