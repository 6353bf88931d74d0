import { createHash } from 'node:crypto';
import type { SourceMap } from '../api/record/source-record.ts';

/**
 * The canonical JSON of a source partition: keys sorted, no spaces. Kafka Connect keys an offset
 * by connector name and partition map; two maps with the same entries are the same partition
 * whatever their key order, so the key sorts them.
 */
export function partitionKey(partition: SourceMap): string {
  return canonicalJson(partition);
}

/** Canonical JSON of a flat source map (partition or offset). */
export function canonicalJson(map: SourceMap): string {
  const keys = Object.keys(map).sort(compareUtf8);
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, map[key]])));
}

/** Longest partition key kept readable in a DynamoDB sort key (limit 1,024 bytes, less the prefix). */
export const maxReadablePartitionKeyBytes = 900;

/** The partition's part of an offset's sort key: the canonical JSON, or `sha256:<hex>` of it when long. */
export function offsetKeyOf(canonical: string): string {
  if (Buffer.byteLength(canonical, 'utf8') <= maxReadablePartitionKeyBytes) return canonical;
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** Orders strings as DynamoDB orders string keys: by their UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** An offset entry with its keys worked out. */
export interface KeyedOffsetEntry {
  readonly partition: SourceMap;
  readonly offset: SourceMap | null;
  /** `partitionKey(partition)`. */
  readonly key: string;
  /** The partition's part of the sort key (`offsetKeyOf(key)`). */
  readonly itemKey: string;
}

/** Keys the entries and keeps the last one of each partition (a store writes each item once per call). */
export function latestEntries(
  entries: readonly { readonly partition: SourceMap; readonly offset: SourceMap | null }[],
): KeyedOffsetEntry[] {
  const latest = new Map<string, KeyedOffsetEntry>();
  for (const { partition, offset } of entries) {
    const key = partitionKey(partition);
    latest.delete(key);
    latest.set(key, { partition, offset, key, itemKey: offsetKeyOf(key) });
  }
  return [...latest.values()];
}
