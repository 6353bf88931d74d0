import type { Schema } from '../../api/data/schema.ts';
import { Struct } from '../../api/data/struct.ts';
import { javaToString } from '../../converters/java-objects.ts';

/**
 * `String.valueOf(value)`: how Kafka's `FileStreamSinkTask` prints a record value with
 * `PrintStream.println(Object)`. `null` for null, strings as they are, numbers as their Java type
 * prints them, structs as `Struct{a=1,b=x}` (null fields left out), lists as `[a, b]`, and maps as
 * `{k=v, k2=v2}` in the iteration order of the `java.util.HashMap` Kafka's converters build.
 * Byte arrays print as `[B@<hash>` as in Java, whose identity hash differs on every run anyway.
 */
export function printValue(schema: Schema | null | undefined, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const itemSchema = schema?.type === 'ARRAY' ? schema.valueSchema : undefined;
    return `[${value.map((item) => printValue(itemSchema, item)).join(', ')}]`;
  }
  if (value instanceof Map) {
    const keySchema = schema?.type === 'MAP' ? schema.keySchema : undefined;
    const valueSchema = schema?.type === 'MAP' ? schema.valueSchema : undefined;
    const entries = hashMapOrder([...value.entries()], keySchema).map(
      ([k, v]) => `${printValue(keySchema, k)}=${printValue(valueSchema, v)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  if (value instanceof Struct) {
    const parts: string[] = [];
    for (const field of value.schema.fields) {
      const fieldValue = value.getWithoutDefault(field);
      if (fieldValue !== null && fieldValue !== undefined) parts.push(`${field.name}=${printValue(field.schema, fieldValue)}`);
    }
    return `Struct{${parts.join(',')}}`;
  }
  return javaToString(schema, value);
}

/**
 * Map entries in the order a `java.util.HashMap` filled in this order iterates them: by bucket
 * (the spread hash masked by a table of 16 buckets doubled while more than 3/4 full), then by
 * insertion within a bucket. Keys Java would hash differently than we can tell (structs, bytes)
 * keep their order.
 */
function hashMapOrder<V>(entries: [unknown, V][], keySchema: Schema | null | undefined): [unknown, V][] {
  if (entries.length < 2) return entries;
  const floating = keySchema?.type === 'FLOAT32' || keySchema?.type === 'FLOAT64';
  if (floating) return entries;
  // Records of one topic mostly share their keys in the same order: remember the permutation.
  const allStrings = entries.every(([key]) => typeof key === 'string');
  const cacheKey = allStrings ? entries.map(([key]) => key).join('\u0000') : undefined;
  const cached = cacheKey === undefined ? undefined : orderCache.get(cacheKey);
  if (cached !== undefined) return cached.map((index) => entries[index] as [unknown, V]);
  const hashes = entries.map(([key]) => javaHash(key));
  if (hashes.some((hash) => hash === undefined)) return entries;
  let buckets = 16;
  while (entries.length > buckets * 0.75) buckets *= 2;
  const order = entries
    .map((_, index) => {
      const hash = hashes[index] as number;
      return { index, bucket: (hash ^ (hash >>> 16)) & (buckets - 1) };
    })
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map(({ index }) => index);
  if (cacheKey !== undefined) {
    if (orderCache.size >= ORDER_CACHE_SIZE) orderCache.clear();
    orderCache.set(cacheKey, order);
  }
  return order.map((index) => entries[index] as [unknown, V]);
}

const ORDER_CACHE_SIZE = 1000;
const orderCache = new Map<string, readonly number[]>();

/** `hashCode()` of a String, Integer, Long or Boolean key; undefined for others. */
function javaHash(key: unknown): number | undefined {
  if (typeof key === 'string') {
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
    return hash;
  }
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (typeof key === 'number' && Number.isInteger(key) && key >= -2147483648 && key <= 2147483647) return key;
  if (typeof key === 'bigint') return Number(BigInt.asIntN(32, key ^ (BigInt.asUintN(64, key) >> 32n)));
  return undefined;
}
