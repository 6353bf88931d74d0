// Parsing raw config values into typed values, and typed values back into the strings the REST
// API shows, with Kafka's rules (`ConfigDef.parseType` and `ConfigDef.convertToString`).

import { formatJavaDouble } from '../data/java-number-format.ts';
import { ConfigException } from './config-exception.ts';
import { formatValue, javaClassName, javaTrim } from './java-format.ts';
import { Password } from './password.ts';
import type { ParsedValue, Type } from './types.ts';

// Java's `\s*,\s*`: Java's \s is ASCII whitespace only, unlike JavaScript's.
const COMMA_WITH_WHITESPACE = /[ \t\n\v\f\r]*,[ \t\n\v\f\r]*/;
// What Java's Integer/Short/Long.parseLong accept (ASCII digits; Java also takes other scripts' digits).
const JAVA_INTEGER = /^[+-]?[0-9]+$/;
// What Java's Double.parseDouble accepts, hexadecimal floats ("0x1p3") aside.
const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;

const INTEGER_RANGES = {
  SHORT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  LONG: [-9223372036854775808n, 9223372036854775807n],
} as const;

/**
 * Parses one raw value into `type` as Kafka does: strings are trimmed; BOOLEAN takes `true` or
 * `false` in any case; numbers must fit their Java type; LIST splits on commas (spaces around
 * them dropped) and an empty string is an empty list; PASSWORD wraps the string in a
 * {@link Password}; CLASS keeps the class name. Values already of the type pass through (a whole
 * JavaScript number for INT, SHORT or LONG). `null` stays `null`.
 *
 * @throws ConfigException worded as Kafka's, e.g. `Invalid value abc for configuration batch.size: Not a number of type INT`.
 */
export function parseType(name: string, value: unknown, type: Type): ParsedValue {
  if (value === null || value === undefined) return null;
  const trimmed = typeof value === 'string' ? javaTrim(value) : undefined;
  switch (type) {
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (trimmed?.toUpperCase() === 'TRUE') return true;
      if (trimmed?.toUpperCase() === 'FALSE') return false;
      throw ConfigException.invalidValue(name, value, 'Expected value to be either true or false');
    case 'PASSWORD':
      if (value instanceof Password) return value;
      if (trimmed !== undefined) return new Password(trimmed);
      throw ConfigException.invalidValue(name, value, `Expected value to be a string, but it was a ${javaClassName(value)}`);
    case 'STRING':
      if (trimmed !== undefined) return trimmed;
      throw ConfigException.invalidValue(name, value, `Expected value to be a string, but it was a ${javaClassName(value)}`);
    case 'INT':
      return parseInteger(name, value, trimmed, 'INT', 'a 32-bit integer');
    case 'SHORT':
      return parseInteger(name, value, trimmed, 'SHORT', 'a 16-bit integer (short)');
    case 'LONG':
      return parseInteger(name, value, trimmed, 'LONG', 'a 64-bit integer (long)');
    case 'DOUBLE':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (trimmed === undefined) {
        throw ConfigException.invalidValue(name, value, `Expected value to be a double, but it was a ${javaClassName(value)}`);
      }
      if (!JAVA_DOUBLE.test(trimmed)) throw ConfigException.invalidValue(name, value, 'Not a number of type DOUBLE');
      return Number(trimmed.replace(/[fFdD]$/, ''));
    case 'LIST':
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return Object.freeze([...value]);
      if (trimmed === undefined) throw ConfigException.invalidValue(name, value, 'Expected a comma separated list.');
      return Object.freeze(trimmed === '' ? [] : trimmed.split(COMMA_WITH_WHITESPACE));
    case 'CLASS':
      // Copycat has no class loader: a CLASS value is the class name, resolved by whoever uses it.
      if (trimmed !== undefined) return trimmed;
      throw ConfigException.invalidValue(name, value, 'Expected a Class instance or class name.');
  }
}

/** Parses INT, SHORT or LONG; the result is a `number` unless a LONG lies outside the safe integer range. */
function parseInteger(
  name: string,
  value: unknown,
  trimmed: string | undefined,
  type: 'INT' | 'SHORT' | 'LONG',
  javaType: string,
): number | bigint {
  const [min, max] = INTEGER_RANGES[type];
  let integer: bigint | undefined;
  if (trimmed !== undefined) {
    integer = JAVA_INTEGER.test(trimmed) ? BigInt(trimmed) : undefined;
    if (integer === undefined || integer < min || integer > max) {
      throw ConfigException.invalidValue(name, value, `Not a number of type ${type}`);
    }
  } else if (typeof value === 'number' && Number.isInteger(value)) {
    integer = BigInt(value);
  } else if (typeof value === 'bigint' && type === 'LONG') {
    integer = value;
  }
  if (integer === undefined || integer < min || integer > max) {
    const actual = typeof value === 'bigint' ? 'java.math.BigInteger' : javaClassName(value);
    throw ConfigException.invalidValue(name, value, `Expected value to be ${javaType}, but it was a ${actual}`);
  }
  const asNumber = Number(integer);
  return Number.isSafeInteger(asNumber) ? asNumber : integer;
}

/**
 * A parsed value as the REST API shows it (`ConfigDef.convertToString`): `null` stays `null`;
 * LIST joins with `,`; DOUBLE prints as Java does (`2.0`); PASSWORD prints `[hidden]`. With no
 * type (a config no definition knows), the value prints as Java would print it.
 */
export function convertToString(value: unknown, type: Type | null): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'LIST' && Array.isArray(value)) return value.map(formatValue).join(',');
  if (type === 'DOUBLE' && typeof value === 'number') return formatJavaDouble(value);
  return formatValue(value);
}
