import type { Password } from './password.ts';

/**
 * The type of a config value, with Kafka's upper-case names (`ConfigDef.Type`), which are also what
 * the REST `config/validate` answer shows in `definition.type`.
 */
export const Type = {
  BOOLEAN: 'BOOLEAN',
  STRING: 'STRING',
  INT: 'INT',
  SHORT: 'SHORT',
  LONG: 'LONG',
  DOUBLE: 'DOUBLE',
  LIST: 'LIST',
  CLASS: 'CLASS',
  PASSWORD: 'PASSWORD',
} as const;

/** One of {@link Type}'s names. */
export type Type = (typeof Type)[keyof typeof Type];

/** How much a user is likely to need to change a config (`ConfigDef.Importance`). */
export const Importance = { HIGH: 'HIGH', MEDIUM: 'MEDIUM', LOW: 'LOW' } as const;

/** One of {@link Importance}'s names. */
export type Importance = (typeof Importance)[keyof typeof Importance];

/** How wide a UI should draw a config's input (`ConfigDef.Width`); purely presentational. */
export const Width = { NONE: 'NONE', SHORT: 'SHORT', MEDIUM: 'MEDIUM', LONG: 'LONG' } as const;

/** One of {@link Width}'s names. */
export type Width = (typeof Width)[keyof typeof Width];

/**
 * The default value of a required config: a config defined with it (or with no `defaultValue`)
 * must be given, else parsing fails with `Missing required configuration "x" which has no default
 * value.`. A symbol, so that no real default (not even `null` or `''`) can be mistaken for it.
 */
export const NO_DEFAULT_VALUE: unique symbol = Symbol('NO_DEFAULT_VALUE');

/**
 * A parsed config value. By type: BOOLEAN `boolean`; STRING and CLASS `string` (a class name);
 * INT, SHORT and DOUBLE `number`; LONG `number`, or `bigint` only when the value lies outside
 * JavaScript's safe integer range (±2^53−1), so that everyday longs (ms, bytes) stay plain numbers
 * while no 64-bit value is silently rounded; LIST `string[]`; PASSWORD {@link Password}. Any type
 * may be `null` when its default is `null` or `null` was given.
 */
export type ParsedValue = boolean | string | number | bigint | readonly string[] | Password | null;

/**
 * Checks one config value (`ConfigDef.Validator`). `ensureValid` throws a `ConfigException` whose
 * message says what is wrong; `toString` describes the valid values for documentation.
 */
export interface Validator {
  /** Throws a `ConfigException` if `value` (already parsed to the config's type) is not valid for `name`. */
  ensureValid(name: string, value: unknown): void;
  /** The valid values in words, as Kafka's documentation tables show them. */
  toString(): string;
}

/**
 * Computes, from the other configs' parsed values, which values a config may take and whether a
 * UI should show it (`ConfigDef.Recommender`). Used only by `ConfigDef.validate`.
 */
export interface Recommender {
  /** The values `name` may take given the values parsed so far; each of the config's own type. */
  validValues(name: string, parsedConfig: ReadonlyMap<string, unknown>): unknown[];
  /** Whether `name` is relevant given the values parsed so far. */
  visible(name: string, parsedConfig: ReadonlyMap<string, unknown>): boolean;
}

/** A config map as connectors receive it: keys to raw values (strings, or values of the config's type). */
export type ConfigProps = Readonly<Record<string, unknown>>;
