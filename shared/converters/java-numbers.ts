// Java's numeric conversions where they differ from JavaScript's: narrowing to long, and the
// text Java's `new BigDecimal(String)` accepts.
import { BigDecimal } from '../api/data/big-decimal.ts';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const TWO_POW_63 = 2 ** 63;
const JAVA_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Java's `(long) d`: truncation toward zero, NaN is 0, out-of-range values saturate. */
export function doubleToLong(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= TWO_POW_63) return LONG_MAX;
  if (value <= -TWO_POW_63) return LONG_MIN;
  return BigInt(Math.trunc(value));
}

/**
 * Java's `BigDecimal.longValue()`: the integer part's low 64 bits. Magnitudes below 1 are 0, and
 * multiples of 10^64 are multiples of 2^64, so huge exponents never expand.
 */
export function decimalToLong(decimal: BigDecimal): bigint {
  if (decimal.unscaled === 0n || decimal.scale <= -64) return 0n;
  const digits = (decimal.unscaled < 0n ? -decimal.unscaled : decimal.unscaled).toString().length;
  if (digits - decimal.scale <= 0) return 0n;
  return BigInt.asIntN(64, decimal.toBigInt());
}

/** Java's `new BigDecimal(text)`, or undefined where Java throws NumberFormatException (no white space allowed). */
export function parseJavaDecimal(text: string): BigDecimal | undefined {
  return JAVA_DECIMAL.test(text) ? BigDecimal.parse(text) : undefined;
}

/** Java's `BigDecimal.doubleValue()` of valid decimal text: the nearest double; an exact zero is never -0.0. */
export function decimalTextToDouble(text: string): number {
  const value = Number(text);
  if (!Object.is(value, -0)) return value;
  const exponent = text.search(/[eE]/);
  return /[1-9]/.test(exponent < 0 ? text : text.slice(0, exponent)) ? value : 0;
}
