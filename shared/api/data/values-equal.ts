import { BigDecimal } from './big-decimal.ts';
import { SizedNumber } from './sized-number.ts';
import { Struct } from './struct.ts';

/** Deep equality of Connect values, as Java's `Objects.deepEquals` on Kafka Connect's classes. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((byte, i) => byte === b[i]);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) {
      const match = [...b.keys()].find((candidate) => valuesEqual(candidate, key));
      if (match === undefined && !b.has(key)) return false;
      if (!valuesEqual(value, b.get(match === undefined ? key : match))) return false;
    }
    return true;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof BigDecimal) return a.equals(b);
  if (a instanceof SizedNumber && b instanceof SizedNumber) return a.type === b.type && a.value === b.value;
  if (a instanceof Struct) return a.equals(b);
  return false;
}
