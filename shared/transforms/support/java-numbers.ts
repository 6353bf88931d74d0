// Java's number conversions, as Cast and MaskField use them: `Number.byteValue()` and friends
// (narrowing that wraps, or saturates from floating point), `Float.parseFloat` and `(float) long`
// rounding once and correctly, and the parse methods' grammars.

import { javaTrim } from '../../api/config/java-format.ts';
import { BigDecimal } from '../../api/data/big-decimal.ts';

/** The Java class of a boxed number; the value is a number, a bigint (Long) or a BigDecimal. */
export type JavaNumberClass = 'Byte' | 'Short' | 'Integer' | 'Long' | 'Float' | 'Double' | 'BigDecimal';

export interface JavaNumber {
  readonly javaClass: JavaNumberClass;
  readonly value: number | bigint | BigDecimal;
}

/** Thrown where Java would throw `NumberFormatException`; callers turn it into their own message. */
export class NumberFormatError extends Error {
  constructor(text: string) {
    super(`For input string: "${text}"`);
    this.name = 'NumberFormatError';
  }
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Java's `(int) d`: NaN is 0, out-of-range values saturate, the fraction is dropped. */
export function doubleToInt(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value <= INT_MIN) return INT_MIN;
  if (value >= INT_MAX) return INT_MAX;
  return Math.trunc(value);
}

/** Java's `(long) d`. */
export function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value <= -(2 ** 63)) return LONG_MIN;
  if (value >= 2 ** 63) return LONG_MAX;
  return BigInt(Math.trunc(value));
}

/** `Number.longValue()`. */
export function longValue(number: JavaNumber): bigint {
  const { value } = number;
  if (value instanceof BigDecimal) return decimalLongValue(value);
  if (typeof value === 'bigint') return value;
  return number.javaClass === 'Float' || number.javaClass === 'Double' ? doubleToLong(value) : BigInt(value);
}

/** `Number.intValue()`. */
export function intValue(number: JavaNumber): number {
  const { value } = number;
  if (value instanceof BigDecimal) return Number(BigInt.asIntN(32, decimalLongValue(value)));
  if (typeof value === 'bigint') return Number(BigInt.asIntN(32, value));
  return number.javaClass === 'Float' || number.javaClass === 'Double' ? doubleToInt(value) : value;
}

/** `Number.shortValue()`: the low 16 bits of `intValue()`. */
export function shortValue(number: JavaNumber): number {
  return (intValue(number) << 16) >> 16;
}

/** `Number.byteValue()`: the low 8 bits of `intValue()`. */
export function byteValue(number: JavaNumber): number {
  return (intValue(number) << 24) >> 24;
}

/** `Number.doubleValue()`. */
export function doubleValue(number: JavaNumber): number {
  const { value } = number;
  if (value instanceof BigDecimal) return decimalToDouble(value);
  return Number(value);
}

/** `Number.floatValue()`: rounded once from the exact value, as Java does for Long and BigDecimal. */
export function floatValue(number: JavaNumber): number {
  const { value } = number;
  if (value instanceof BigDecimal) return roundToFloat(value.unscaled, value.scale);
  if (typeof value === 'bigint') return roundToFloat(value, 0);
  return Math.fround(value);
}

/**
 * `BigDecimal.longValue()`: the integer part's low 64 bits. Scales far from zero are answered
 * without building the huge powers of ten (from 10^64 on, the low 64 bits are all zero).
 */
export function decimalLongValue(value: BigDecimal): bigint {
  if (value.scale <= -64) return 0n;
  if (value.scale > 0 && value.scale > (value.unscaled < 0n ? -value.unscaled : value.unscaled).toString().length) return 0n;
  return BigInt.asIntN(64, value.toBigInt());
}

/** `BigDecimal.doubleValue()`, correctly rounded (and never -0.0: a BigDecimal has no sign of zero). */
export function decimalToDouble(value: BigDecimal): number {
  return value.unscaled === 0n ? 0 : Number(`${value.unscaled}e${-value.scale}`);
}

const BIG_DECIMAL_SYNTAX = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** `new BigDecimal(text)`: no surrounding whitespace allowed. */
export function parseBigDecimal(text: string): BigDecimal {
  if (!BIG_DECIMAL_SYNTAX.test(text)) throw new NumberFormatError(text);
  const parsed = BigDecimal.parse(text);
  // Java keeps the scale in an int.
  if (Math.abs(parsed.scale) > 2147483647) throw new NumberFormatError(text);
  return parsed;
}

const INTEGER_SYNTAX = /^[+-]?[0-9]+$/;

/** `Long.parseLong(text)`, `Integer.parseInt`, ...: an optional sign and decimal digits within [min, max]. */
export function parseJavaInteger(text: string, min: bigint, max: bigint): bigint {
  if (!INTEGER_SYNTAX.test(text)) throw new NumberFormatError(text);
  const value = BigInt(text);
  if (value < min || value > max) throw new NumberFormatError(text);
  return value;
}

export const parseJavaByte = (text: string): number => Number(parseJavaInteger(text, -128n, 127n));
export const parseJavaShort = (text: string): number => Number(parseJavaInteger(text, -32768n, 32767n));
export const parseJavaInt = (text: string): number => Number(parseJavaInteger(text, BigInt(INT_MIN), BigInt(INT_MAX)));
export const parseJavaLong = (text: string): bigint => parseJavaInteger(text, LONG_MIN, LONG_MAX);

const DECIMAL_FLOAT = /^([+-]?)(?:(NaN)|(Infinity)|([0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE]([+-]?[0-9]+))?[fFdD]?)$/;
const HEX_FLOAT = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?|([0-9a-fA-F]*)\.([0-9a-fA-F]+))[pP]([+-]?[0-9]+)[fFdD]?$/;

type ParsedFloat = { kind: 'special'; value: number } | { kind: 'decimal'; negative: boolean; unscaled: bigint; scale: number };

function parseFloatingText(text: string): ParsedFloat {
  const trimmed = javaTrim(text);
  const decimal = DECIMAL_FLOAT.exec(trimmed);
  if (decimal !== null) {
    const [, sign, nan, infinity, mantissa = '', exponent = '0'] = decimal;
    const negative = sign === '-';
    if (nan !== undefined) return { kind: 'special', value: Number.NaN };
    if (infinity !== undefined) return { kind: 'special', value: negative ? -Infinity : Infinity };
    const [whole = '', fraction = ''] = mantissa.split('.');
    return { kind: 'decimal', negative, unscaled: BigInt(`${whole}${fraction}` || '0'), scale: fraction.length - Number(exponent) };
  }
  const hex = HEX_FLOAT.exec(trimmed);
  if (hex === null) throw new NumberFormatError(text);
  const [, sign, wholeOnly, whole = wholeOnly ?? '', fraction = '', exponent = '0'] = hex;
  const mantissa = BigInt(`0x${whole}${fraction}`);
  const magnitude = Number(mantissa) * 2 ** (Number(exponent) - 4 * fraction.length);
  return { kind: 'special', value: sign === '-' ? -magnitude : magnitude };
}

/** `Double.parseDouble(text)`: surrounding whitespace, a sign, NaN, Infinity, a type suffix and hex floats allowed. */
export function parseJavaDouble(text: string): number {
  const parsed = parseFloatingText(text);
  if (parsed.kind === 'special') return parsed.value;
  const magnitude = parsed.unscaled === 0n ? 0 : Number(`${parsed.unscaled}e${-parsed.scale}`);
  return parsed.negative ? -magnitude : magnitude;
}

/** `Float.parseFloat(text)`: rounded once to float, not through a double. */
export function parseJavaFloat(text: string): number {
  const parsed = parseFloatingText(text);
  if (parsed.kind === 'special') return Math.fround(parsed.value);
  const magnitude = roundToFloat(parsed.unscaled, parsed.scale);
  return parsed.negative ? -magnitude : magnitude;
}

const FLOAT_MAX = 3.4028234663852886e38;
// Halfway between the largest float and 2^128: from here on a float rounds to infinity.
const FLOAT_OVERFLOW_MIDPOINT = 2 ** 128 - 2 ** 103;

/**
 * The float nearest to `unscaled × 10^-scale` (ties to even). Going through the nearest double
 * first is right except when that double lies exactly halfway between two floats; then the exact
 * value decides which way to go.
 */
export function roundToFloat(unscaled: bigint, scale: number): number {
  if (unscaled === 0n) return 0;
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  const double = Number(`${magnitude}e${-scale}`);
  const nearest = Math.fround(double);
  const rounded = nearest === double || !Number.isFinite(double) ? nearest : fixTie(magnitude, scale, double, nearest);
  return negative ? -rounded : rounded;
}

function fixTie(magnitude: bigint, scale: number, double: number, nearest: number): number {
  let low: number;
  let high: number;
  if (nearest === Infinity) [low, high] = [FLOAT_MAX, Infinity];
  else if (nearest < double) [low, high] = [nearest, nextFloat(nearest)];
  else [low, high] = [nextFloat(nearest, -1), nearest];
  const midpoint = high === Infinity ? FLOAT_OVERFLOW_MIDPOINT : (low + high) / 2;
  if (midpoint !== double) return nearest;
  const comparison = compareDecimalWithDouble(magnitude, scale, midpoint);
  return comparison > 0 ? high : comparison < 0 ? low : nearest;
}

const floatBits = new Float32Array(1);
const floatBitsAsInt = new Uint32Array(floatBits.buffer);

function nextFloat(value: number, direction: 1 | -1 = 1): number {
  floatBits[0] = value;
  floatBitsAsInt[0] = (floatBitsAsInt[0] as number) + direction;
  return floatBits[0] as number;
}

const doubleView = new DataView(new ArrayBuffer(8));

/** The sign of `magnitude × 10^-scale − double`, for a positive, normal double. */
function compareDecimalWithDouble(magnitude: bigint, scale: number, double: number): number {
  doubleView.setFloat64(0, double);
  const bits = doubleView.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn) - 1075;
  const mantissa = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  let left = magnitude;
  let right = mantissa;
  if (scale < 0) left *= 10n ** BigInt(-scale);
  else right *= 10n ** BigInt(scale);
  if (exponent < 0) left <<= BigInt(-exponent);
  else right <<= BigInt(exponent);
  return left > right ? 1 : left < right ? -1 : 0;
}
