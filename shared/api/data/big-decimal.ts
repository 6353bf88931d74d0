import { DataException } from '../errors.ts';

/**
 * An arbitrary-precision decimal, `unscaled × 10^-scale`, as Java's `BigDecimal`: the value of
 * the Decimal logical type. Equality counts the scale (1.0 and 1.00 differ), as Java's does.
 */
export class BigDecimal {
  readonly unscaled: bigint;
  readonly scale: number;

  constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  /** Parses Java BigDecimal syntax: `-12.50`, `1E+3`, `4.2e-7`. */
  static parse(text: string): BigDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (match === null || `${match[2]}${match[3] ?? ''}` === '')
      throw new DataException(`Character array is not a valid decimal number: "${text}"`);
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    const digits = BigInt(`${whole}${fraction}` || '0');
    return new BigDecimal(sign === '-' ? -digits : digits, fraction.length - Number(exponent));
  }

  /** The exact decimal value of a finite double, as `new BigDecimal(String.valueOf(d))` would give for its shortest form. */
  static fromNumber(value: number): BigDecimal {
    if (!Number.isFinite(value)) throw new DataException(`Infinite or NaN value ${value} cannot be a decimal`);
    return BigDecimal.parse(String(value));
  }

  static fromBigInt(value: bigint): BigDecimal {
    return new BigDecimal(value, 0);
  }

  /** This value with another scale; rounds half-up when digits are dropped (Java's HALF_UP). */
  setScale(scale: number): BigDecimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new BigDecimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    const quotient = this.unscaled / divisor;
    const remainder = this.unscaled % divisor;
    const abs = remainder < 0n ? -remainder : remainder;
    const roundAway = abs * 2n >= divisor;
    return new BigDecimal(roundAway ? quotient + (this.unscaled < 0n ? -1n : 1n) : quotient, scale);
  }

  /** Numeric comparison, ignoring scale. */
  compareTo(other: BigDecimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.setScale(scale).unscaled;
    const b = other.setScale(scale).unscaled;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: unknown): boolean {
    return other instanceof BigDecimal && other.unscaled === this.unscaled && other.scale === this.scale;
  }

  toNumber(): number {
    return Number(this.toPlainString());
  }

  /** The integer part, truncated toward zero (Java's `longValue()` before narrowing). */
  toBigInt(): bigint {
    if (this.scale <= 0) return this.unscaled * 10n ** BigInt(-this.scale);
    return this.unscaled / 10n ** BigInt(this.scale);
  }

  /** Java's `BigDecimal.toPlainString()`: never an exponent. */
  toPlainString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    let plain: string;
    if (this.scale <= 0) plain = digits + '0'.repeat(-this.scale);
    else if (digits.length > this.scale)
      plain = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    else plain = `0.${'0'.repeat(this.scale - digits.length)}${digits}`;
    return negative ? `-${plain}` : plain;
  }

  /** Java's `BigDecimal.toString()`: scientific notation when the scale is negative or the value tiny. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = -this.scale + (digits.length - 1);
    if (this.scale >= 0 && adjusted >= -6) return this.toPlainString();
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${negative ? '-' : ''}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
