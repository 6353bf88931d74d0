// Java's `java.text.SimpleDateFormat`, as Kafka Connect's TimestampConverter and TimestampRouter
// use it: a pattern in the en_US locale, formatting and parsing in UTC, lenient parsing, and the
// hybrid Julian/Gregorian calendar (see java-calendar.ts). Every pattern letter Java knows is
// supported; time zone names are the one part limited to UTC's own (see simple-date-parse.ts).
import { AM_PM, ERAS, MONTHS, short, UTC_NAMES, WEEKDAYS } from './en-us-date-names.ts';
import { type CalendarFields, fieldsOf } from './java-calendar.ts';
import { illegalArgument } from './java-errors.ts';
import { type DateToken, parseDate } from './simple-date-parse.ts';

/** The pattern letters Java accepts (`DateFormatSymbols.patternChars`). */
const PATTERN_LETTERS = 'GyMdkHmsSEDFwWahKzZYuXL';

/**
 * A Java `SimpleDateFormat` in UTC: `new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ")`.
 * Instants are epoch milliseconds (numbers, so that dates outside JavaScript's `Date` range still
 * format and parse as Java's do).
 *
 * @example
 * new SimpleDateFormat('yyyyMMdd').format(0); // '19700101'
 */
export class SimpleDateFormat {
  readonly #pattern: string;
  readonly #tokens: readonly DateToken[];
  /** The start of the century two-digit years are read in: 80 years before the format was made. */
  readonly #centuryStart: number;

  /**
   * @param now the current time in epoch milliseconds, which places two-digit years (`yy`).
   * @throws JavaRuntimeException `java.lang.IllegalArgumentException` as Java's constructor, e.g.
   *   `Illegal pattern character 'q'`, `Unterminated quote`.
   */
  constructor(pattern: string, options: { now?: number } = {}) {
    this.#pattern = pattern;
    this.#tokens = compile(pattern);
    this.#centuryStart = yearsBefore(options.now ?? Date.now(), 80);
  }

  /** The pattern as given (`toPattern()`). */
  toPattern(): string {
    return this.#pattern;
  }

  /** The instant as text, in UTC. */
  format(epochMillis: number): string {
    const fields = fieldsOf(epochMillis);
    return this.#tokens.map((token) => (token.kind === 'literal' ? token.text : formatField(token.letter, token.count, fields))).join('');
  }

  /**
   * The instant a text names, read leniently from its start as Java's `DateFormat.parse(String)`
   * reads it: text after the pattern is ignored, fields out of range roll over.
   * @throws DateParseError when the text does not match the pattern.
   */
  parse(text: string): number {
    return parseDate(this.#tokens, text, this.#centuryStart);
  }
}

// `SimpleDateFormat.compile`: runs of one letter are fields; quoted text and any other character
// are literals; `''` is a quote.
function compile(pattern: string): DateToken[] {
  const tokens: DateToken[] = [];
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (c === "'") {
      if (pattern.charAt(i + 1) === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let quoted = '';
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw illegalArgument('Unterminated quote');
        if (pattern.charAt(j) === "'") {
          if (pattern.charAt(j + 1) !== "'") break;
          j++;
        }
        quoted += pattern.charAt(j++);
      }
      literal(quoted);
      i = j + 1;
      continue;
    }
    if (!/[a-zA-Z]/.test(c)) {
      literal(c);
      i++;
      continue;
    }
    if (!PATTERN_LETTERS.includes(c)) throw illegalArgument(`Illegal pattern character '${c}'`);
    let count = 1;
    while (pattern.charAt(i + count) === c) count++;
    if (c === 'X' && count >= 4) throw illegalArgument(`invalid ISO 8601 format: length=${count}`);
    tokens.push({ kind: 'field', letter: c, count });
    i += count;
  }
  return tokens;
}

/** `zeroPaddingNumber`: at least `minDigits` digits; two-digit fields (`yy`) keep the last two. */
function pad(value: number, minDigits: number, twoDigitsOnly = false): string {
  const sign = value < 0 ? '-' : '';
  let digits = String(Math.abs(value));
  if (twoDigitsOnly) digits = digits.slice(-2);
  return sign + digits.padStart(minDigits, '0');
}

function formatField(letter: string, count: number, fields: CalendarFields): string {
  switch (letter) {
    case 'G':
      return ERAS[fields.era] ?? '';
    case 'y':
    case 'Y': {
      const year = letter === 'y' ? fields.year : fields.weekYear;
      return count === 2 ? pad(year, 2, true) : pad(year, count);
    }
    case 'M':
    case 'L': {
      const name = MONTHS[fields.month] ?? '';
      if (count >= 4) return name;
      return count === 3 ? short(name) : pad(fields.month + 1, count);
    }
    case 'E': {
      const name = WEEKDAYS[fields.dayOfWeek - 1] ?? '';
      return count >= 4 ? name : short(name);
    }
    case 'a':
      return AM_PM[fields.amPm] ?? '';
    case 'k':
      return pad(fields.hourOfDay === 0 ? 24 : fields.hourOfDay, count);
    case 'h':
      return pad(fields.hour === 0 ? 12 : fields.hour, count);
    case 'z':
      return count >= 4 ? UTC_NAMES.long : UTC_NAMES.short;
    case 'Z':
      return '+0000';
    case 'X':
      return 'Z';
    default:
      return pad(numericField(letter, fields), count);
  }
}

function numericField(letter: string, fields: CalendarFields): number {
  const values: Record<string, number> = {
    d: fields.dayOfMonth,
    H: fields.hourOfDay,
    m: fields.minute,
    s: fields.second,
    S: fields.millisecond,
    D: fields.dayOfYear,
    F: fields.dayOfWeekInMonth,
    w: fields.weekOfYear,
    W: fields.weekOfMonth,
    K: fields.hour,
    u: fields.dayOfWeek === 1 ? 7 : fields.dayOfWeek - 1,
  };
  return values[letter] ?? 0;
}

// `Calendar.add(YEAR, -years)` in UTC: same day and time, February 29th becoming the 28th.
function yearsBefore(epochMillis: number, years: number): number {
  const date = new Date(epochMillis);
  const day = date.getUTCDate();
  date.setUTCFullYear(date.getUTCFullYear() - years);
  if (date.getUTCDate() !== day) date.setUTCDate(0);
  return date.getTime();
}
