// Dates as Java's `java.util.Date`, `GregorianCalendar` and `SimpleDateFormat` print and read them
// in UTC (the time zone Copycat runs in; a Kafka worker uses its JVM's default zone). Java's
// calendar is Julian before 15 October 1582, so older dates print as Java prints them.

const MS_PER_DAY = 86_400_000;
/** 1582-10-15, the first Gregorian day, as days since the epoch. */
const GREGORIAN_CUTOVER_DAY = -141_427;
const JDN_EPOCH = 2_440_588;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date; `year` is astronomical (0 is 1 BC). */
interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function gregorianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045 - JDN_EPOCH;
}

function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083 - JDN_EPOCH;
}

/** The date of a day since the epoch, in Java's calendar (Julian before the cutover). */
function civilDate(epochDay: number): CivilDate {
  const jdn = epochDay + JDN_EPOCH;
  let c: number;
  let century = 0;
  if (epochDay >= GREGORIAN_CUTOVER_DAY) {
    const a = jdn + 32044;
    const b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((146097 * b) / 4);
    century = 100 * b;
  } else {
    c = jdn + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: century + d - 4800 + Math.floor(m / 10),
  };
}

/**
 * Days since the epoch of a lenient date (month and day may be out of range and roll over), as
 * `GregorianCalendar` computes it: Gregorian from the cutover on, Julian before.
 */
function lenientEpochDay(year: number, month0: number, day: number): number {
  const normalizedYear = year + Math.floor(month0 / 12);
  const month = (((month0 % 12) + 12) % 12) + 1;
  const gregorian = gregorianDay(normalizedYear, month, 1) + day - 1;
  // A date in the ten days the cutover skipped is read as Julian, as GregorianCalendar does when lenient.
  return gregorian >= GREGORIAN_CUTOVER_DAY ? gregorian : julianDay(normalizedYear, month, 1) + day - 1;
}

interface DateTimeFields extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday. */
  readonly dayOfWeek: number;
}

function fieldsOf(ms: number): DateTimeFields {
  const epochDay = Math.floor(ms / MS_PER_DAY);
  const time = ms - epochDay * MS_PER_DAY;
  return {
    ...civilDate(epochDay),
    hour: Math.floor(time / 3_600_000),
    minute: Math.floor(time / 60_000) % 60,
    second: Math.floor(time / 1000) % 60,
    millisecond: time % 1000,
    dayOfWeek: (((epochDay + 4) % 7) + 7) % 7,
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** SimpleDateFormat's `yyyy`: the year of the era (1 BC is 1), at least 4 digits. */
function eraYear(year: number): string {
  return pad(year > 0 ? year : 1 - year, 4);
}

/** The three ISO-8601 patterns Kafka Connect's `Values` uses. */
export type IsoPattern = 'date' | 'time' | 'timestamp';

/** `yyyy-MM-dd`, `HH:mm:ss.SSS'Z'` or `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, as SimpleDateFormat prints them. */
export function formatIso(ms: number, pattern: IsoPattern): string {
  const f = fieldsOf(ms);
  const date = `${eraYear(f.year)}-${pad(f.month, 2)}-${pad(f.day, 2)}`;
  const time = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}.${pad(f.millisecond, 3)}Z`;
  if (pattern === 'date') return date;
  return pattern === 'time' ? time : `${date}T${time}`;
}

/** `java.util.Date.toString()` in UTC: `Thu Jan 01 00:00:00 UTC 1970`. */
export function formatJavaUtilDate(ms: number): string {
  const f = fieldsOf(ms);
  return `${DAY_NAMES[f.dayOfWeek]} ${MONTH_NAMES[f.month - 1]} ${pad(f.day, 2)} ${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)} UTC ${f.year}`;
}

// Each pattern as a list of numeric fields and the literal characters between them.
type Part = { readonly literal: string } | { readonly field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' };
const YEAR_MONTH_DAY: readonly Part[] = [{ field: 'year' }, { literal: '-' }, { field: 'month' }, { literal: '-' }, { field: 'day' }];
const TIME: readonly Part[] = [
  { field: 'hour' },
  { literal: ':' },
  { field: 'minute' },
  { literal: ':' },
  { field: 'second' },
  { literal: '.' },
  { field: 'millisecond' },
  { literal: 'Z' },
];
const PATTERNS: Readonly<Record<IsoPattern, readonly Part[]>> = {
  date: YEAR_MONTH_DAY,
  time: TIME,
  timestamp: [...YEAR_MONTH_DAY, { literal: 'T' }, ...TIME],
};

/**
 * `new SimpleDateFormat(pattern).parse(text, new ParsePosition(0))` in UTC: lenient, so fields roll
 * over (month 13 is January of the next year); each number may have any count of digits, a minus
 * sign, and spaces or tabs before it; text after the pattern is ignored. Null when it does not parse.
 */
export function parseIso(text: string, pattern: IsoPattern): Date | null {
  const values = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pos = 0;
  for (const part of PATTERNS[pattern]) {
    if ('literal' in part) {
      if (text[pos] !== part.literal) return null;
      pos++;
      continue;
    }
    while (text[pos] === ' ' || text[pos] === '\t') pos++;
    const match = /^-?[0-9]+/.exec(text.slice(pos));
    if (match === null) return null;
    values[part.field] = Number(match[0]);
    pos += match[0].length;
  }
  const day = lenientEpochDay(values.year, values.month - 1, values.day);
  const ms = day * MS_PER_DAY + ((values.hour * 60 + values.minute) * 60 + values.second) * 1000 + values.millisecond;
  return new Date(ms);
}
