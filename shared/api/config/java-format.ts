// How Java prints and orders things, where Kafka's config messages and REST answers depend on it.
// Users compare these strings with what Kafka Connect shows, so the small Java habits matter:
// lists print as "[a, b]", and a HashSet's order is not the order its elements were given in.
// (Doubles print as Java's Double.toString does: `formatJavaDouble` in ../data/java-number-format.ts.)
import { Password } from './password.ts';

/**
 * Java's `String.trim()`: strips every character up to U+0020 at both ends (control characters
 * included) and nothing else — unlike `String.prototype.trim`, which strips Unicode spaces too.
 */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/**
 * A value as Java string concatenation would print it in a message: `null`, lists as `[a, b]`,
 * passwords as `[hidden]`. Numbers print as JavaScript prints them: a parsed DOUBLE of 1 shows as
 * `1`, where Java would show `1.0`, because the number no longer knows it was a double.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value instanceof Password) return Password.HIDDEN;
  return String(value);
}

/**
 * The Java class Kafka would name for a value of the wrong type (`... but it was a
 * java.lang.Integer`): JavaScript values are mapped to the Java type they would have had.
 */
export function javaClassName(value: unknown): string {
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'bigint') return 'java.lang.Long';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'java.lang.Double';
    return value >= -2147483648 && value <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (value instanceof Password) return 'org.apache.kafka.common.config.types.Password';
  if (value instanceof Map) return 'java.util.HashMap';
  return 'java.lang.Object';
}

/** Java's `String.hashCode` (over UTF-16 code units, wrapping at 32 bits). */
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * The order in which a `java.util.HashSet` built by adding `values` one by one iterates them.
 * Kafka lists the choices of `CaseInsensitiveValidString` from such a set, so its message reads
 * `ALL, NONE` even when the choices were given as `none, all`.
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  const unique = [...new Set(values)];
  // The table starts at 16 buckets and doubles whenever it holds more than 3/4 of its size.
  let buckets = 16;
  while (unique.length > buckets * 0.75) buckets *= 2;
  const bucketOf = (text: string): number => {
    const hash = javaStringHash(text);
    return (hash ^ (hash >>> 16)) & (buckets - 1);
  };
  // Resizing keeps the relative order inside a bucket, so the order is: bucket, then insertion.
  return unique
    .map((value, index) => ({ value, index, bucket: bucketOf(value) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.value);
}
