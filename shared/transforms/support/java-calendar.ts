// The calendar behind Java's `SimpleDateFormat`: `java.util.GregorianCalendar` in UTC with the
// en_US week rules (weeks start on Sunday; week 1 is the one holding January 1st). It is a hybrid
// calendar: Julian before 15 October 1582, Gregorian from then on, so dates before 1582 read as
// Java reads them, not as JavaScript's proleptic Gregorian `Date` would. Parsing is lenient, as
// Java's is by default: month 13 is January of the next year, day 0 the last day of the month before.

/** Java's `Calendar` field numbers, the indices parsing sets fields by. */
export const Field = {
  ERA: 0,
  YEAR: 1,
  MONTH: 2,
  WEEK_OF_YEAR: 3,
  WEEK_OF_MONTH: 4,
  DAY_OF_MONTH: 5,
  DAY_OF_YEAR: 6,
  DAY_OF_WEEK: 7,
  DAY_OF_WEEK_IN_MONTH: 8,
  AM_PM: 9,
  HOUR: 10,
  HOUR_OF_DAY: 11,
  MINUTE: 12,
  SECOND: 13,
  MILLISECOND: 14,
  ZONE_OFFSET: 15,
  DST_OFFSET: 16,
  WEEK_YEAR: 17,
} as const;

export const MS_PER_DAY = 86_400_000;
/** Days are counted as "fixed dates": 1 is 1 January of year 1 (Gregorian). */
const EPOCH_FIXED = 719_163;
/** 15 October 1582, the first Gregorian day. */
const CUTOVER_FIXED = 577_736;
const CUTOVER_YEAR = 1582;
const JULIAN_EPOCH = -1;
const EPOCH_YEAR = 1970;
const FIRST_DAY_OF_WEEK = 1;
const MINIMAL_DAYS_IN_FIRST_WEEK = 1;

export const floorDiv = (a: number, b: number): number => Math.floor(a / b);
export const floorMod = (a: number, b: number): number => a - b * Math.floor(a / b);

type CalendarSystem = 'gregorian' | 'julian';

const isLeap = (system: CalendarSystem, year: number): boolean =>
  system === 'julian' ? floorMod(year, 4) === 0 : floorMod(year, 4) === 0 && (floorMod(year, 100) !== 0 || floorMod(year, 400) === 0);

/** The fixed date of a day; `year` counts astronomically (0 is 1 BC), `month` is 1–12. */
function fixedOf(system: CalendarSystem, year: number, month: number, day: number): number {
  const y = year - 1;
  let days = floorDiv(367 * month - 362, 12) + day;
  days +=
    system === 'julian' ? JULIAN_EPOCH - 1 + 365 * y + floorDiv(y, 4) : 365 * y + floorDiv(y, 4) - floorDiv(y, 100) + floorDiv(y, 400);
  if (month > 2) days -= isLeap(system, year) ? 1 : 2;
  return days;
}

function yearOf(system: CalendarSystem, fixed: number): number {
  if (system === 'julian') return floorDiv(4 * (fixed - JULIAN_EPOCH) + 1464, 1461);
  const d0 = fixed - 1;
  const n400 = floorDiv(d0, 146_097);
  const d1 = floorMod(d0, 146_097);
  const n100 = floorDiv(d1, 36_524);
  const d2 = floorMod(d1, 36_524);
  const n4 = floorDiv(d2, 1461);
  const n1 = floorDiv(floorMod(d2, 1461), 365);
  const year = 400 * n400 + 100 * n100 + 4 * n4 + n1;
  return n100 === 4 || n1 === 4 ? year : year + 1;
}

function dateOf(system: CalendarSystem, fixed: number): { year: number; month: number; day: number } {
  const year = yearOf(system, fixed);
  const priorDays = fixed - fixedOf(system, year, 1, 1);
  const correction = fixed < fixedOf(system, year, 3, 1) ? 0 : isLeap(system, year) ? 1 : 2;
  const month = floorDiv(12 * (priorDays + correction) + 373, 367);
  return { year, month, day: fixed - fixedOf(system, year, month, 1) + 1 };
}

const monthLength = (system: CalendarSystem, year: number, month: number): number =>
  month === 2 ? (isLeap(system, year) ? 29 : 28) : ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31);

/** The fixed date of the given day of week (1 = Sunday) on or before `fixed`. */
function dayOfWeekOnOrBefore(fixed: number, dayOfWeek: number): number {
  return fixed - floorMod(fixed - (dayOfWeek - 1), 7);
}

const dayOfWeekOf = (fixed: number): number => floorMod(fixed, 7) + 1;

function weekNumber(fixedDay1: number, fixed: number): number {
  let firstWeekStart = dayOfWeekOnOrBefore(fixedDay1 + 6, FIRST_DAY_OF_WEEK);
  if (firstWeekStart - fixedDay1 >= MINIMAL_DAYS_IN_FIRST_WEEK) firstWeekStart -= 7;
  return floorDiv(fixed - firstWeekStart, 7) + 1;
}

/** The calendar fields of an instant, as `Calendar.get` reads them (months 0–11, days of week 1 = Sunday). */
export interface CalendarFields {
  readonly era: number;
  /** The year of the era: 1 BC is 1 with era 0. */
  readonly year: number;
  readonly month: number;
  readonly dayOfMonth: number;
  readonly dayOfYear: number;
  readonly dayOfWeek: number;
  readonly dayOfWeekInMonth: number;
  readonly weekOfYear: number;
  readonly weekOfMonth: number;
  /** The year the week of the year belongs to, counted astronomically. */
  readonly weekYear: number;
  readonly amPm: number;
  readonly hour: number;
  readonly hourOfDay: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** The UTC calendar fields of `epochMillis`. */
export function fieldsOf(epochMillis: number): CalendarFields {
  const days = floorDiv(epochMillis, MS_PER_DAY);
  const timeOfDay = epochMillis - days * MS_PER_DAY;
  const fixed = days + EPOCH_FIXED;
  const system: CalendarSystem = fixed >= CUTOVER_FIXED ? 'gregorian' : 'julian';
  const { year, month, day } = dateOf(system, fixed);
  // In 1582 the year began in the Julian calendar.
  let jan1 = fixedOf(system, year, 1, 1);
  if (system === 'gregorian' && jan1 < CUTOVER_FIXED) jan1 = fixedOf('julian', year, 1, 1);
  let weekOfYear = weekNumber(jan1, fixed);
  if (weekOfYear >= 52) {
    const nextJan1 = jan1 + (isLeap(system, year) ? 366 : 365);
    const nextWeekStart = dayOfWeekOnOrBefore(nextJan1 + 6, FIRST_DAY_OF_WEEK);
    if (nextWeekStart - nextJan1 >= MINIMAL_DAYS_IN_FIRST_WEEK && fixed >= nextWeekStart - 7) weekOfYear = 1;
  }
  let weekYear = year;
  if (month === 1 && weekOfYear >= 52) weekYear--;
  else if (month !== 1 && weekOfYear === 1) weekYear++;
  const hourOfDay = Math.floor(timeOfDay / 3_600_000);
  return {
    era: year > 0 ? 1 : 0,
    year: year > 0 ? year : 1 - year,
    month: month - 1,
    dayOfMonth: day,
    dayOfYear: fixed - jan1 + 1,
    dayOfWeek: dayOfWeekOf(fixed),
    dayOfWeekInMonth: floorDiv(day - 1, 7) + 1,
    weekOfYear,
    weekOfMonth: weekNumber(fixed - day + 1, fixed),
    weekYear,
    amPm: hourOfDay >= 12 ? 1 : 0,
    hour: hourOfDay % 12,
    hourOfDay,
    minute: Math.floor(timeOfDay / 60_000) % 60,
    second: Math.floor(timeOfDay / 1000) % 60,
    millisecond: timeOfDay % 1000,
  };
}

/**
 * The calendar fields a parse set, in the order it set them (Java's `CalendarBuilder`): when
 * fields disagree (a day of month and a day of week, say), the order decides which wins.
 */
export class FieldSetter {
  readonly #stamps = new Map<number, number>();
  readonly #values = new Map<number, number>();
  #nextStamp = 2;

  set(field: number, value: number): this {
    this.#stamps.set(field, this.#nextStamp++);
    this.#values.set(field, value);
    return this;
  }

  addYears(years: number): this {
    for (const field of [Field.YEAR, Field.WEEK_YEAR]) this.#values.set(field, (this.#values.get(field) ?? 0) + years);
    return this;
  }

  stamp(field: number): number {
    return this.#stamps.get(field) ?? 0;
  }

  isSet(field: number): boolean {
    return this.stamp(field) > 0;
  }

  get(field: number): number {
    return this.isSet(field) ? (this.#values.get(field) ?? 0) : 0;
  }

  /**
   * The instant the set fields name, resolved as a lenient `GregorianCalendar` in UTC resolves
   * them (`CalendarBuilder.establish` then `getTime`).
   * @throws RangeError `Invalid era` in the one case Java refuses even when lenient.
   */
  toEpochMillis(): number {
    if (this.isSet(Field.WEEK_YEAR) && this.stamp(Field.WEEK_YEAR) > this.stamp(Field.YEAR)) return this.#weekDateMillis();
    return computeTime(this);
  }

  // `GregorianCalendar.setWeekDate`: the day of week in the given week of the week year; the time
  // of day still comes from the other fields.
  #weekDateMillis(): number {
    let weekOfYear = this.isSet(Field.WEEK_OF_YEAR) ? this.get(Field.WEEK_OF_YEAR) : 1;
    let dayOfWeek = this.isSet(Field.DAY_OF_WEEK) ? this.get(Field.DAY_OF_WEEK) : FIRST_DAY_OF_WEEK;
    if (dayOfWeek < 1 || dayOfWeek > 7) {
      if (dayOfWeek >= 8) {
        dayOfWeek--;
        weekOfYear += Math.trunc(dayOfWeek / 7);
        dayOfWeek = (dayOfWeek % 7) + 1;
      } else {
        while (dayOfWeek <= 0) {
          dayOfWeek += 7;
          weekOfYear--;
        }
      }
      // An out-of-range day was read as an ISO day of week (`u`): Monday is 1.
      dayOfWeek = (dayOfWeek % 7) + 1;
    }
    const weekYear = this.get(Field.WEEK_YEAR);
    const first = new FieldSetter().set(Field.YEAR, weekYear).set(Field.WEEK_OF_YEAR, 1).set(Field.DAY_OF_WEEK, FIRST_DAY_OF_WEEK);
    const days = floorMod(dayOfWeek - FIRST_DAY_OF_WEEK, 7) + 7 * (weekOfYear - 1);
    const date = fieldsOf(computeTime(first) + days * MS_PER_DAY);
    const resolved = new FieldSetter();
    const timeFields = [
      Field.AM_PM,
      Field.HOUR,
      Field.HOUR_OF_DAY,
      Field.MINUTE,
      Field.SECOND,
      Field.MILLISECOND,
      Field.ZONE_OFFSET,
      Field.DST_OFFSET,
    ];
    const inSetOrder = timeFields.filter((field) => this.isSet(field)).sort((a, b) => this.stamp(a) - this.stamp(b));
    for (const field of inSetOrder) resolved.set(field, this.get(field));
    resolved.set(Field.ERA, date.era).set(Field.YEAR, date.year).set(Field.MONTH, date.month).set(Field.DAY_OF_MONTH, date.dayOfMonth);
    return computeTime(resolved);
  }
}

// `Calendar.selectFields`: which of the set fields determine the date and the time of day.
function selectFields(fields: FieldSetter): Set<number> {
  const stamp = (field: number) => fields.stamp(field);
  const both = (a: number, b: number) => (a === 0 || b === 0 ? 0 : Math.max(a, b));
  const selected = new Set<number>([Field.YEAR]);
  if (stamp(Field.ERA) !== 0) selected.add(Field.ERA);
  const dowStamp = stamp(Field.DAY_OF_WEEK);
  let domStamp = stamp(Field.DAY_OF_MONTH);
  let womStamp = both(stamp(Field.WEEK_OF_MONTH), dowStamp);
  let dowimStamp = both(stamp(Field.DAY_OF_WEEK_IN_MONTH), dowStamp);
  const doyStamp = stamp(Field.DAY_OF_YEAR);
  let woyStamp = both(stamp(Field.WEEK_OF_YEAR), dowStamp);
  let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
  if (best === 0) {
    womStamp = stamp(Field.WEEK_OF_MONTH);
    dowimStamp = Math.max(stamp(Field.DAY_OF_WEEK_IN_MONTH), dowStamp);
    woyStamp = stamp(Field.WEEK_OF_YEAR);
    best = Math.max(womStamp, dowimStamp, woyStamp);
    if (best === 0) best = domStamp = stamp(Field.MONTH);
  }
  if (
    best === domStamp ||
    (best === womStamp && stamp(Field.WEEK_OF_MONTH) >= stamp(Field.WEEK_OF_YEAR)) ||
    (best === dowimStamp && stamp(Field.DAY_OF_WEEK_IN_MONTH) >= stamp(Field.WEEK_OF_YEAR))
  ) {
    selected.add(Field.MONTH);
    if (best === domStamp) selected.add(Field.DAY_OF_MONTH);
    else {
      if (dowStamp !== 0) selected.add(Field.DAY_OF_WEEK);
      if (womStamp === dowimStamp) {
        selected.add(stamp(Field.WEEK_OF_MONTH) >= stamp(Field.DAY_OF_WEEK_IN_MONTH) ? Field.WEEK_OF_MONTH : Field.DAY_OF_WEEK_IN_MONTH);
      } else if (best === womStamp) selected.add(Field.WEEK_OF_MONTH);
      else if (stamp(Field.DAY_OF_WEEK_IN_MONTH) !== 0) selected.add(Field.DAY_OF_WEEK_IN_MONTH);
    }
  } else if (best === doyStamp) selected.add(Field.DAY_OF_YEAR);
  else {
    if (dowStamp !== 0) selected.add(Field.DAY_OF_WEEK);
    selected.add(Field.WEEK_OF_YEAR);
  }
  const hourOfDayStamp = stamp(Field.HOUR_OF_DAY);
  const hourStamp = both(stamp(Field.HOUR), stamp(Field.AM_PM));
  let bestHour = Math.max(hourStamp, hourOfDayStamp);
  if (bestHour === 0) bestHour = Math.max(stamp(Field.HOUR), stamp(Field.AM_PM));
  if (bestHour !== 0) {
    if (bestHour === hourOfDayStamp) selected.add(Field.HOUR_OF_DAY);
    else {
      selected.add(Field.HOUR);
      if (stamp(Field.AM_PM) !== 0) selected.add(Field.AM_PM);
    }
  }
  for (const field of [Field.ZONE_OFFSET, Field.DST_OFFSET]) if (stamp(field) !== 0) selected.add(field);
  return selected;
}

// `GregorianCalendar.computeTime` for a lenient calendar in UTC.
function computeTime(fields: FieldSetter): number {
  const selected = selectFields(fields);
  let year = fields.isSet(Field.YEAR) ? fields.get(Field.YEAR) : EPOCH_YEAR;
  const era = fields.isSet(Field.ERA) ? fields.get(Field.ERA) : 1;
  if (era === 0) year = 1 - year;
  else if (era !== 1) throw new RangeError('Invalid era');
  let timeOfDay = selected.has(Field.HOUR_OF_DAY)
    ? fields.get(Field.HOUR_OF_DAY)
    : fields.get(Field.HOUR) + (selected.has(Field.AM_PM) ? 12 * fields.get(Field.AM_PM) : 0);
  timeOfDay = ((timeOfDay * 60 + fields.get(Field.MINUTE)) * 60 + fields.get(Field.SECOND)) * 1000 + fields.get(Field.MILLISECOND);
  let fixed = floorDiv(timeOfDay, MS_PER_DAY);
  timeOfDay = floorMod(timeOfDay, MS_PER_DAY);
  fixed += resolveFixedDate(fields, selected, year);
  const zoneOffset = selected.has(Field.ZONE_OFFSET) ? fields.get(Field.ZONE_OFFSET) : 0;
  const dstOffset = selected.has(Field.DST_OFFSET) ? fields.get(Field.DST_OFFSET) : 0;
  const millis = (fixed - EPOCH_FIXED) * MS_PER_DAY + timeOfDay - zoneOffset - dstOffset;
  if (Number.isSafeInteger(millis)) return millis;
  // Java computes in a 64-bit long, which wraps for years near the int limits.
  const exact = BigInt(fixed - EPOCH_FIXED) * BigInt(MS_PER_DAY) + BigInt(timeOfDay - zoneOffset - dstOffset);
  return Number(BigInt.asIntN(64, exact));
}

// The Julian/Gregorian choice of `computeTime`: a date is Gregorian if it falls on or after the
// cutover when read as Gregorian, and Julian if it falls before it when read as Julian.
function resolveFixedDate(fields: FieldSetter, selected: Set<number>, year: number): number {
  const julian = () => fixedDateOf('julian', fields, selected, year);
  if (year < CUTOVER_YEAR) return julian();
  // Days counted from the start of 1582 count in the calendar that year began in.
  if (year === CUTOVER_YEAR && (selected.has(Field.DAY_OF_YEAR) || selected.has(Field.WEEK_OF_YEAR))) return julian();
  const gregorian = fixedDateOf('gregorian', fields, selected, year);
  return gregorian >= CUTOVER_FIXED ? gregorian : julian();
}

// `GregorianCalendar.getFixedDate`: the day the date fields name, without the time of day.
function fixedDateOf(system: CalendarSystem, fields: FieldSetter, selected: Set<number>, yearIn: number): number {
  let year = yearIn;
  let month = 0;
  if (selected.has(Field.MONTH)) {
    month = fields.get(Field.MONTH);
    year += floorDiv(month, 12);
    month = floorMod(month, 12);
  }
  let fixed = fixedOf(system, year, month + 1, 1);
  if (selected.has(Field.MONTH)) {
    if (selected.has(Field.DAY_OF_MONTH)) {
      if (fields.isSet(Field.DAY_OF_MONTH)) fixed += fields.get(Field.DAY_OF_MONTH) - 1;
      return fixed;
    }
    if (selected.has(Field.WEEK_OF_MONTH)) {
      let weekStart = dayOfWeekOnOrBefore(fixed + 6, FIRST_DAY_OF_WEEK);
      if (weekStart - fixed >= MINIMAL_DAYS_IN_FIRST_WEEK) weekStart -= 7;
      if (selected.has(Field.DAY_OF_WEEK)) weekStart = dayOfWeekOnOrBefore(weekStart + 6, fields.get(Field.DAY_OF_WEEK));
      return weekStart + 7 * (fields.get(Field.WEEK_OF_MONTH) - 1);
    }
    const dayOfWeek = selected.has(Field.DAY_OF_WEEK) ? fields.get(Field.DAY_OF_WEEK) : FIRST_DAY_OF_WEEK;
    const dowim = selected.has(Field.DAY_OF_WEEK_IN_MONTH) ? fields.get(Field.DAY_OF_WEEK_IN_MONTH) : 1;
    if (dowim >= 0) return dayOfWeekOnOrBefore(fixed + 7 * dowim - 1, dayOfWeek);
    const lastDate = monthLength(system, year, month + 1) + 7 * (dowim + 1);
    return dayOfWeekOnOrBefore(fixed + lastDate - 1, dayOfWeek);
  }
  if (year === CUTOVER_YEAR && system === 'gregorian' && fixed < CUTOVER_FIXED) fixed = CUTOVER_FIXED;
  if (selected.has(Field.DAY_OF_YEAR)) return fixed + fields.get(Field.DAY_OF_YEAR) - 1;
  let weekStart = dayOfWeekOnOrBefore(fixed + 6, FIRST_DAY_OF_WEEK);
  if (weekStart - fixed >= MINIMAL_DAYS_IN_FIRST_WEEK) weekStart -= 7;
  if (selected.has(Field.DAY_OF_WEEK)) {
    const dayOfWeek = fields.get(Field.DAY_OF_WEEK);
    if (dayOfWeek !== FIRST_DAY_OF_WEEK) weekStart = dayOfWeekOnOrBefore(weekStart + 6, dayOfWeek);
  }
  return weekStart + 7 * (fields.get(Field.WEEK_OF_YEAR) - 1);
}
