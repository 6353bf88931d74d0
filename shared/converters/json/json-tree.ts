// The JSON tree JsonConverter reads into (Jackson's JsonNode kinds, without Jackson).
import { CopycatError } from '../../errors.ts';
import { decimalTextToDouble } from '../java-numbers.ts';

/**
 * A JSON number with a fraction or an exponent (`1.0`, `2e3`). Jackson reads these as BigDecimal,
 * so the text is kept: a Decimal reads it exactly, everything else reads {@link value}.
 */
export class JsonFloat {
  readonly text: string;
  #value: number | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The nearest double (Java's `BigDecimal.doubleValue()`, which has no -0.0). */
  get value(): number {
    this.#value ??= decimalTextToDouble(this.text);
    return this.#value;
  }
}

/**
 * A parsed JSON value (Jackson's JsonNode tree): integers are `number` when they fit a safe
 * integer and `bigint` beyond; numbers with a fraction or exponent are {@link JsonFloat}; objects
 * are Maps in document order (a repeated key keeps its first place and its last value, as Jackson).
 */
export type JsonValue = null | boolean | string | number | bigint | JsonFloat | JsonValue[] | JsonObject;

// Up to this many entries an object is searched in place; beyond, it keeps an index.
const INDEX_THRESHOLD = 12;

/**
 * A JSON object in document order, as Jackson's ObjectNode: a repeated key keeps its first place
 * and takes the last value. Lighter than a Map for the small objects records are made of, which a
 * converter reads once and throws away.
 */
export class JsonObject implements Iterable<[string, JsonValue]> {
  readonly #keys: string[] = [];
  readonly #values: JsonValue[] = [];
  #index: Map<string, number> | undefined;

  get size(): number {
    return this.#keys.length;
  }

  get(key: string): JsonValue | undefined {
    const at = this.#find(key);
    return at < 0 ? undefined : this.#values[at];
  }

  has(key: string): boolean {
    return this.#find(key) >= 0;
  }

  set(key: string, value: JsonValue): this {
    const at = this.#find(key);
    if (at >= 0) {
      this.#values[at] = value;
      return this;
    }
    this.#keys.push(key);
    this.#values.push(value);
    if (this.#index !== undefined) this.#index.set(key, this.#keys.length - 1);
    else if (this.#keys.length > INDEX_THRESHOLD) this.#index = new Map(this.#keys.map((k, i) => [k, i]));
    return this;
  }

  keys(): readonly string[] {
    return this.#keys;
  }

  values(): readonly JsonValue[] {
    return this.#values;
  }

  *[Symbol.iterator](): Iterator<[string, JsonValue]> {
    for (let i = 0; i < this.#keys.length; i++) yield [this.#keys[i] as string, this.#values[i] as JsonValue];
  }

  #find(key: string): number {
    if (this.#index !== undefined) return this.#index.get(key) ?? -1;
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }
}

/** What Jackson's `readTree` answers for input with no value at all (empty or only white space). */
export const MISSING: unique symbol = Symbol('MISSING');
export type Missing = typeof MISSING;

/** Malformed JSON (Jackson's `JsonParseException`); the message says what and where. */
export class JsonParseException extends CopycatError {
  get kafkaClassName(): string {
    return 'com.fasterxml.jackson.core.JsonParseException';
  }

  constructor(message: string) {
    super(message);
    this.name = 'JsonParseException';
  }
}

/** Jackson's name for the kind of a node (`JsonNodeType`), for error messages. */
export function nodeType(value: JsonValue | Missing | undefined): string {
  if (value === undefined || value === MISSING) return 'MISSING';
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'STRING';
    case 'number':
    case 'bigint':
      return 'NUMBER';
    default:
  }
  if (value instanceof JsonFloat) return 'NUMBER';
  return Array.isArray(value) ? 'ARRAY' : 'OBJECT';
}
