// The en_US names Java's SimpleDateFormat writes and reads (CLDR data as of Java 17). Kafka
// Connect workers format with the JVM's default locale; these are the names of the locale they
// are almost always run with.

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** The abbreviated form of a month or weekday name: `Jan`, `Thu`. */
export const short = (name: string): string => name.slice(0, 3);
/** Eras by Java's `ERA` value: 0 is BC, 1 is AD. */
export const ERAS = ['BC', 'AD'];
export const LONG_ERAS = ['Before Christ', 'Anno Domini'];
export const AM_PM = ['AM', 'PM'];
/** The names of the one time zone Copycat formats in. */
export const UTC_NAMES = { short: 'UTC', long: 'Coordinated Universal Time' } as const;
