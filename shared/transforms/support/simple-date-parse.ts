// The parsing half of Java's `SimpleDateFormat` (`parse` and `subParse`), en_US, lenient, UTC.
// Its habits are kept because users' data depends on them: leading spaces and tabs before a field
// are skipped; a number runs as far as its digits go unless the next field is numeric too
// ("yyyyMMdd"), in which case it takes exactly as many characters as its letters; numbers may
// carry a sign or an exponent ("1E1" is 10); names match case-insensitively, the longest first;
// text after the pattern is ignored; out-of-range fields roll over (month 13 is next January).

import { AM_PM, ERAS, LONG_ERAS, MONTHS, short, UTC_NAMES, WEEKDAYS } from './en-us-date-names.ts';
import { Field, FieldSetter } from './java-calendar.ts';

/** A compiled pattern element: a run of one pattern letter, or literal text. */
export type DateToken =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string };

/** The text does not match the pattern (Java's `ParseException`); `detail` says why when Java would not fail. */
export class DateParseError extends Error {
  readonly detail: string | undefined;

  constructor(text: string, detail?: string) {
    super(`Unparseable date: "${text}"${detail === undefined ? '' : ` (${detail})`}`);
    this.name = 'DateParseError';
    this.detail = detail;
  }
}

const FIELD_OF_LETTER: Readonly<Record<string, number>> = {
  G: Field.ERA,
  y: Field.YEAR,
  Y: Field.WEEK_YEAR,
  M: Field.MONTH,
  L: Field.MONTH,
  d: Field.DAY_OF_MONTH,
  k: Field.HOUR_OF_DAY,
  H: Field.HOUR_OF_DAY,
  m: Field.MINUTE,
  s: Field.SECOND,
  S: Field.MILLISECOND,
  E: Field.DAY_OF_WEEK,
  u: Field.DAY_OF_WEEK,
  D: Field.DAY_OF_YEAR,
  F: Field.DAY_OF_WEEK_IN_MONTH,
  w: Field.WEEK_OF_YEAR,
  W: Field.WEEK_OF_MONTH,
  a: Field.AM_PM,
  h: Field.HOUR,
  K: Field.HOUR,
};

const names = (list: readonly string[]) => new Map(list.map((name, index) => [name, index]));
const MONTH_NAMES = new Map([...names(MONTHS.map(short)), ...names(MONTHS)]);
const ERA_NAMES = new Map([...names(ERAS), ...names(LONG_ERAS)]);
const AM_PM_NAMES = names(AM_PM);
const LONG_WEEKDAYS = new Map(WEEKDAYS.map((name, index) => [name, index + 1]));
const SHORT_WEEKDAYS = new Map(WEEKDAYS.map((name, index) => [short(name), index + 1]));

/** Whether a letter's field is read as a number, so that a field before it keeps to its width. */
function isNumericField(token: DateToken | undefined): boolean {
  if (token?.kind !== 'field') return false;
  if (token.letter === 'M' || token.letter === 'L') return token.count <= 2;
  return 'yYdkHmsSDFwWhKu'.includes(token.letter);
}

interface ParseState {
  /** A two-digit year equal to the century start's may belong to either century. */
  ambiguousYear: boolean;
  readonly centuryStartYear: number;
}

/** `SimpleDateFormat.parse(String)` for compiled tokens, in UTC. */
export function parseDate(tokens: readonly DateToken[], text: string, centuryStart: number): number {
  const fields = new FieldSetter();
  const state: ParseState = { ambiguousYear: false, centuryStartYear: new Date(centuryStart).getUTCFullYear() };
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as DateToken;
    if (token.kind === 'literal') {
      for (let j = 0; j < token.text.length; j++) {
        const expected = token.text.charAt(j);
        const actual = text.charAt(start);
        if (start >= text.length || actual !== expected) {
          throw new DateParseError(text);
        }
        start++;
      }
      continue;
    }
    start = parseField(text, start, token, isNumericField(tokens[i + 1]), fields, state);
  }
  if (start === 0) throw new DateParseError(text);
  let millis = fields.toEpochMillis();
  if (state.ambiguousYear && millis < centuryStart) millis = fields.addYears(100).toEpochMillis();
  return millis;
}

const isDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);

// `subParse`: reads one field at `start` and returns where it ends.
function parseField(
  text: string,
  start: number,
  token: { letter: string; count: number },
  obeyCount: boolean,
  fields: FieldSetter,
  state: ParseState,
): number {
  const { letter, count } = token;
  let index = start;
  while (index < text.length && (text.charAt(index) === ' ' || text.charAt(index) === '\t')) index++;
  if (index >= text.length) throw new DateParseError(text);
  const orFail = (end: number | undefined): number => {
    if (end === undefined || end < 0) throw new DateParseError(text);
    return end;
  };
  const number = (): { value: number; end: number } => {
    // When the next field is numeric too, this one takes exactly `count` characters.
    const parsed =
      obeyCount && start + count > text.length ? null : parseJavaInteger(obeyCount ? text.slice(0, start + count) : text, index);
    if (parsed === null) throw new DateParseError(text);
    return parsed;
  };
  switch (letter) {
    case 'G':
      return orFail(matchName(text, start, ERA_NAMES, Field.ERA, fields));
    case 'y':
    case 'Y': {
      const parsed = number();
      let value = parsed.value;
      const twoDigits = parsed.end - index === 2 && isDigit(text.charAt(index)) && isDigit(text.charAt(index + 1));
      if (count <= 2 && twoDigits) {
        const ambiguousTwoDigitYear = state.centuryStartYear % 100;
        state.ambiguousYear = value === ambiguousTwoDigitYear;
        value += Math.trunc(state.centuryStartYear / 100) * 100 + (value < ambiguousTwoDigitYear ? 100 : 0);
      }
      fields.set(letter === 'y' ? Field.YEAR : Field.WEEK_YEAR, value);
      return parsed.end;
    }
    case 'M':
    case 'L': {
      if (count >= 3) return orFail(matchName(text, start, MONTH_NAMES, Field.MONTH, fields));
      const parsed = number();
      fields.set(Field.MONTH, parsed.value - 1);
      return parsed.end;
    }
    case 'k':
    case 'h': {
      const parsed = number();
      const wraps = letter === 'k' ? 24 : 12;
      fields.set(letter === 'k' ? Field.HOUR_OF_DAY : Field.HOUR, parsed.value === wraps ? 0 : parsed.value);
      return parsed.end;
    }
    case 'E':
      return orFail(
        matchName(text, start, LONG_WEEKDAYS, Field.DAY_OF_WEEK, fields) ??
          matchName(text, start, SHORT_WEEKDAYS, Field.DAY_OF_WEEK, fields),
      );
    case 'a':
      return orFail(matchName(text, start, AM_PM_NAMES, Field.AM_PM, fields));
    case 'z':
    case 'Z':
      return orFail(parseZone(text, start, index, fields));
    case 'X':
      return orFail(parseIsoZone(text, index, count, fields));
    default: {
      const parsed = number();
      // `u` is the ISO day of week (Monday = 1); the calendar counts from Sunday = 1.
      const value = letter === 'u' && parsed.value >= 1 && parsed.value <= 7 ? (parsed.value % 7) + 1 : parsed.value;
      fields.set(FIELD_OF_LETTER[letter] ?? Field.MILLISECOND, value);
      return parsed.end;
    }
  }
}

/** `matchString`: the longest name the text starts with at `start`, ignoring case. */
function matchName(
  text: string,
  start: number,
  names: ReadonlyMap<string, number>,
  field: number,
  fields: FieldSetter,
): number | undefined {
  let best: string | undefined;
  for (const name of names.keys()) {
    if ((best === undefined || name.length > best.length) && regionMatchesIgnoreCase(text, start, name)) best = name;
  }
  if (best === undefined) return undefined;
  fields.set(field, names.get(best) ?? 0);
  return start + best.length;
}

/** Java's `String.regionMatches(true, ...)`: char by char, equal as they are, upper-cased or lower-cased. */
function regionMatchesIgnoreCase(text: string, start: number, name: string): boolean {
  if (start < 0 || start + name.length > text.length) return false;
  for (let i = 0; i < name.length; i++) {
    const a = text.charAt(start + i);
    const b = name.charAt(i);
    if (a === b) continue;
    const upperA = javaUpper(a);
    const upperB = javaUpper(b);
    if (upperA !== upperB && upperA.toLowerCase() !== upperB.toLowerCase()) return false;
  }
  return true;
}

/** `Character.toUpperCase(char)`: one character stays one character ("ß" has no single-character upper case). */
function javaUpper(c: string): string {
  const upper = c.toUpperCase();
  return upper.length === 1 ? upper : c;
}

// 'z' and 'Z': "GMT", "GMT+hh:mm", "+hhmm", or a zone name. Only UTC's own names are known: Java
// would also take any zone name of the JVM (EST, CET, ...) and, oddly, switch the formatter to
// that zone for every later record; Copycat reports such a name instead of guessing.
function parseZone(text: string, start: number, index: number, fields: FieldSetter): number | undefined {
  const c = text.charAt(index);
  if (c === '+' || c === '-') return numericZone(text, index + 1, c === '+' ? 1 : -1, 0, false, fields);
  if ((c === 'G' || c === 'g') && regionMatchesIgnoreCase(text, start, 'GMT')) {
    const after = start + 3;
    const next = text.charAt(after);
    if (next === '+' || next === '-') return numericZone(text, after + 1, next === '+' ? 1 : -1, 0, true, fields);
    fields.set(Field.ZONE_OFFSET, 0).set(Field.DST_OFFSET, 0);
    return after;
  }
  for (const name of [UTC_NAMES.long, UTC_NAMES.short]) {
    if (regionMatchesIgnoreCase(text, index, name)) return index + name.length;
  }
  const zoneName = /^(?:[A-Z]{2,5}(?![A-Za-z])|(?:[A-Z][a-z]+ )+Time\b)/.exec(text.slice(index))?.[0];
  if (zoneName !== undefined) {
    throw new DateParseError(text, `Copycat reads only UTC, GMT and numeric offsets as time zones, not "${zoneName}"`);
  }
  return undefined;
}

// 'X': "Z", or "+hh", "+hhmm", "+hh:mm" by the number of letters.
function parseIsoZone(text: string, index: number, count: number, fields: FieldSetter): number | undefined {
  const c = text.charAt(index);
  if (c === 'Z') {
    fields.set(Field.ZONE_OFFSET, 0).set(Field.DST_OFFSET, 0);
    return index + 1;
  }
  if (c !== '+' && c !== '-') return undefined;
  return numericZone(text, index + 1, c === '+' ? 1 : -1, count, count === 3, fields);
}

// `subParseNumericZone`: hours (two digits, or one when a colon follows) and minutes.
function numericZone(text: string, start: number, sign: number, count: number, colon: boolean, fields: FieldSetter): number | undefined {
  const digit = (at: number) => (/^[0-9]$/.test(text.charAt(at)) ? Number(text.charAt(at)) : -1);
  let index = start;
  if (digit(index) < 0) return undefined;
  let hours = digit(index++);
  if (index >= text.length) return undefined;
  if (digit(index) >= 0) hours = hours * 10 + digit(index++);
  else if (count > 0 || !colon) return undefined;
  if (hours > 23) return undefined;
  let minutes = 0;
  if (count !== 1) {
    if (colon && text.charAt(index++) !== ':') return undefined;
    const tens = digit(index);
    const units = digit(index + 1);
    if (tens < 0 || units < 0) return undefined;
    index += 2;
    minutes = tens * 10 + units;
    if (minutes > 59) return undefined;
  }
  fields.set(Field.ZONE_OFFSET, (minutes + hours * 60) * 60_000 * sign).set(Field.DST_OFFSET, 0);
  return index;
}

const LONG_MIN_DIGITS = '9223372036854775808';

/**
 * What Java's `DecimalFormat` (en_US, integers only, no grouping) reads at `start`, as the `int`
 * `Number.intValue()` gives: an optional minus, digits of any script, an optional exponent
 * (`1E1` is 10), or `NaN` (0) and `∞`. Null when there is no number.
 */
export function parseJavaInteger(text: string, start: number): { value: number; end: number } | null {
  if (text.startsWith('NaN', start)) return { value: 0, end: start + 3 };
  let position = start;
  const negative = text.charAt(position) === '-';
  if (negative) position++;
  if (text.startsWith('\u221e', position)) return { value: negative ? -2147483648 : 2147483647, end: position + 1 };
  let digits = '';
  let digitCount = 0;
  let sawDigit = false;
  let exponent = 0;
  for (; position < text.length; position++) {
    const digit = digitValue(text, position);
    if (digit >= 0) {
      sawDigit = true;
      if (digit === 0 && digits === '') continue;
      digitCount++;
      digits += String(digit);
    } else if (text.charAt(position) === 'E') {
      const parsed = parseExponent(text, position + 1);
      if (parsed !== null) {
        exponent = parsed.value;
        position = parsed.end;
      }
      break;
    } else break;
  }
  if (!sawDigit && digitCount === 0) return null;
  return { value: javaIntValue(digits.replace(/0+$/, ''), digitCount + exponent, negative), end: position };
}

function parseExponent(text: string, start: number): { value: number; end: number } | null {
  let position = start;
  const negative = text.charAt(position) === '-';
  if (negative) position++;
  let digits = '';
  while (position < text.length && digitValue(text, position) >= 0) digits += String(digitValue(text, position++));
  if (digits === '') return null;
  const value = Number(digits);
  return { value: negative ? -value : value, end: position };
}

// `Number.intValue()` of what DecimalFormat returns: a Long when the value is a whole number that
// fits one (its low 32 bits), else a Double (saturated and truncated to an int).
function javaIntValue(significant: string, decimalAt: number, negative: boolean): number {
  if (significant === '') return 0;
  const fitsLong =
    decimalAt >= significant.length &&
    (decimalAt < 19 || (decimalAt === 19 && fitsLongAtNineteenDigits(significant.padEnd(19, '0'), negative)));
  if (fitsLong) {
    const magnitude = BigInt(significant) * 10n ** BigInt(decimalAt - significant.length);
    return Number(BigInt.asIntN(32, negative ? -magnitude : magnitude));
  }
  const double = Number(`${negative ? '-' : ''}0.${significant}e${decimalAt}`);
  if (Number.isNaN(double)) return 0;
  return Math.max(-2147483648, Math.min(2147483647, Math.trunc(double)));
}

function fitsLongAtNineteenDigits(digits: string, negative: boolean): boolean {
  if (digits < LONG_MIN_DIGITS) return true;
  return digits === LONG_MIN_DIGITS && negative;
}

/** `Character.digit(c, 10)` for the UTF-16 unit at `index`: 0–9 for a decimal digit of any script, else -1. */
function digitValue(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 48 && code <= 57) return code - 48;
  const c = text.charAt(index);
  if (code < 128 || !/^\p{Nd}$/u.test(c)) return -1;
  // Unicode digits come in runs of ten, zero first.
  let zero = code;
  while (code - zero < 60 && /^\p{Nd}$/u.test(String.fromCharCode(zero - 1))) zero--;
  return (code - zero) % 10;
}
