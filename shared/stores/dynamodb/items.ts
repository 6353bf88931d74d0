import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SourceMap } from '../../api/record/source-record.ts';
import { StoreError } from '../errors.ts';
import type { Clock } from '../stores.ts';

export type Item = Record<string, AttributeValue>;

/** What every DynamoDB store is built from. */
export interface DynamoDbStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Epoch ms; defaults to Date.now. */
  readonly clock?: Clock;
}

export const s = (value: string): AttributeValue => ({ S: value });
export const n = (value: number): AttributeValue => ({ N: String(value) });

export function stringMap(map: Readonly<Record<string, string>>): AttributeValue {
  return { M: Object.fromEntries(Object.entries(map).map(([key, value]) => [key, s(value)])) };
}

export function stringOf(item: Item, name: string): string | undefined {
  const value = item[name];
  return value !== undefined && 'S' in value && value.S !== undefined ? value.S : undefined;
}

export function numberOf(item: Item, name: string): number | undefined {
  const value = item[name];
  if (value === undefined || !('N' in value) || value.N === undefined) return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A string attribute a store wrote itself; its absence means the item was damaged. */
export function requiredString(item: Item, name: string, what: string): string {
  const value = stringOf(item, name);
  if (value === undefined)
    throw new StoreError(`The ${what} item has no string "${name}"; it was not written by Copycat. Delete or fix it.`);
  return value;
}

export function requiredNumber(item: Item, name: string, what: string): number {
  const value = numberOf(item, name);
  if (value === undefined)
    throw new StoreError(`The ${what} item has no number "${name}"; it was not written by Copycat. Delete or fix it.`);
  return value;
}

/** Parses a JSON string holding a flat source map (partition or offset). */
export function sourceMapOf(item: Item, name: string, what: string): SourceMap {
  const json = requiredString(item, name, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new StoreError(`The ${what} item's "${name}" is not JSON: ${json.slice(0, 200)}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new StoreError(`The ${what} item's "${name}" is not a JSON object: ${json.slice(0, 200)}`);
  return parsed as SourceMap;
}
