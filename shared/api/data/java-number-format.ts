/**
 * Numbers written the way Java writes them (`Double.toString`, `Float.toString`), because Kafka
 * Connect's JSON output, Cast to string and header values all use those texts: 1.0 is "1.0",
 * 1e7 is "1.0E7", 0.0001 is "1.0E-4".
 */
export function formatJavaDouble(value: number): string {
  // Fast path for the common range, where JavaScript's shortest text is Java's but for the ".0"
  // Java adds to whole numbers (between 1e-3 and 1e7 both print plain decimals).
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) return Number.isInteger(value) ? `${value}.0` : String(value);
  return formatJava(value, shortestDoubleDigits);
}

/** Java's `Float.toString` for a float32 value (the shortest text that reads back as the same float). */
export function formatJavaFloat(value: number): string {
  const float = Math.fround(value);
  const abs = Math.abs(float);
  if (abs >= 1e-3 && abs < 1e7) {
    // Fast path: when the double's shortest text has at most 7 significant digits, it is the
    // float's too. It reads back as the same float (it is within half a double ulp), and no text
    // with fewer digits can: any other decimal of at most 7 digits is more than 1e-7 away
    // (relative), beyond half a float ulp (2^-24 at most).
    const text = String(float);
    if (significantDigitsAtMost(text, 7)) return Number.isInteger(float) ? `${text}.0` : text;
  }
  return formatJava(float, shortestFloatDigits);
}

/** Whether plain decimal text has at most `limit` digits after its leading zeros (trailing zeros count too). */
function significantDigitsAtMost(text: string, limit: number): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39 || (c === 0x30 && digits === 0)) continue;
    if (++digits > limit) return false;
  }
  return true;
}

type Digits = { digits: string; exponent: number };

function formatJava(value: number, shortest: (abs: number) => Digits): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const { digits, exponent } = atLeastTwoDigits(abs, shortest(abs));
  // exponent: the power of ten of the first digit (scientific notation's exponent).
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const fraction = digits.slice(exponent + 1) || '0';
      return `${sign}${whole}.${fraction}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/**
 * Java prints at least two significant digits, and when the shortest form has one, it picks the
 * two-digit decimal nearest the exact binary value: Double.MIN_VALUE is "4.9E-324", not "5.0E-324".
 */
function atLeastTwoDigits(abs: number, shortest: Digits): Digits {
  if (shortest.digits.length > 1) return shortest;
  const two = splitExponential(abs.toExponential(1));
  return two.exponent === shortest.exponent ? two : shortest;
}

function shortestDoubleDigits(abs: number): Digits {
  return splitExponential(abs.toExponential());
}

function shortestFloatDigits(abs: number): Digits {
  for (let precision = 1; precision <= 9; precision++) {
    const text = abs.toExponential(precision - 1);
    if (Math.fround(Number(text)) === abs) return splitExponential(text);
  }
  return splitExponential(abs.toExponential(8));
}

function splitExponential(text: string): Digits {
  const [mantissa = '0', exponent = '0'] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, exponent: Number(exponent) };
}
