const MS_PER_DAY = 86_400_000;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * A date as Kafka Connect's `Values.dateFormatFor(date).format(date)` writes it (Cast to string):
 * times within the first day since the epoch, and every instant before it, as `HH:mm:ss.SSS'Z'`;
 * whole days as `yyyy-MM-dd`; anything else as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. Java formats in
 * the JVM's time zone; Copycat always uses UTC, the zone a Kafka Connect worker should run in
 * for these texts to mean what their `Z` says.
 */
export function connectDateText(date: Date): string {
  const ms = date.getTime();
  if (ms < MS_PER_DAY) return timeText(date);
  if (ms % MS_PER_DAY === 0) return dayText(date);
  return `${dayText(date)}T${timeText(date)}`;
}

function dayText(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function timeText(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.${pad(date.getUTCMilliseconds(), 3)}Z`;
}
