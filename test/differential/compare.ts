// How a Copycat result is compared with Kafka Connect's: outcomes, stages and metadata exactly;
// bytes exactly, except that two JSON texts that differ only in the order of object keys count as
// equal. Kafka Connect builds schemaless objects as Java HashMaps, so its key order is a hash
// order; Copycat keeps the input order (a deliberate difference, README "Compared with Kafka Connect").
// Maps with non-string keys are JSON arrays of [key, value] pairs, so for them the pairs' order is
// what differs: an array made only of two-element arrays is compared as a set of pairs.
import type { JsonlHeader, JsonlRecord } from '../../shared/cli/jsonl-records.ts';
import type { CaseResult } from './kafka-connect.ts';

export interface Comparison {
  readonly differences: string[];
  /** Byte fields equal only up to JSON object key order. */
  readonly keyOrderOnly: number;
}

export function compareCase(kafka: CaseResult, copycat: CaseResult): Comparison {
  const differences: string[] = [];
  let keyOrderOnly = 0;
  if ((kafka.configError === undefined) !== (copycat.configError === undefined)) {
    differences.push(
      `config: Kafka Connect ${kafka.configError ? `rejects it (${kafka.configError})` : 'accepts it'}, Copycat ${copycat.configError ? `rejects it (${copycat.configError})` : 'accepts it'}`,
    );
    return { differences, keyOrderOnly };
  }
  for (const [i, expected] of kafka.results.entries()) {
    const actual = copycat.results[i];
    const at = `record at offset ${expected.offset}`;
    if (actual === undefined) differences.push(`${at}: missing in Copycat's results`);
    else if (actual.outcome !== expected.outcome)
      differences.push(`${at}: Kafka Connect → ${describe(expected)}, Copycat → ${describe(actual)}`);
    else if (expected.outcome === 'error' && actual.outcome === 'error' && expected.stage !== actual.stage) {
      differences.push(`${at}: failed at ${expected.stage} in Kafka Connect, at ${actual.stage} in Copycat`);
    } else if (expected.outcome === 'record' && actual.outcome === 'record') {
      const result = compareRecords(expected.record, actual.record);
      differences.push(...result.differences.map((difference) => `${at}: ${difference}`));
      keyOrderOnly += result.keyOrderOnly;
    }
  }
  if (copycat.results.length !== kafka.results.length)
    differences.push(`Copycat returned ${copycat.results.length} results for ${kafka.results.length} records`);
  return { differences, keyOrderOnly };
}

function describe(outcome: CaseResult['results'][number]): string {
  if (outcome.outcome === 'error') return `error at ${outcome.stage} (${outcome.exceptionClass}: ${outcome.message})`;
  if (outcome.outcome === 'record') return `record ${JSON.stringify(outcome.record)}`;
  return 'filtered';
}

function compareRecords(expected: JsonlRecord, actual: JsonlRecord): Comparison {
  const differences: string[] = [];
  let keyOrderOnly = 0;
  for (const field of ['topic', 'partition', 'offset', 'timestamp'] as const) {
    if (expected[field] !== actual[field])
      differences.push(`${field} ${JSON.stringify(actual[field])}, expected ${JSON.stringify(expected[field])}`);
  }
  const bytes = (label: string, a: JsonlRecord | JsonlHeader, b: JsonlRecord | JsonlHeader, field: 'key' | 'value') => {
    const verdict = compareBytes(text(a, field), text(b, field));
    if (verdict === 'key-order') keyOrderOnly++;
    else if (verdict === 'different')
      differences.push(`${label} ${JSON.stringify(text(b, field))}, expected ${JSON.stringify(text(a, field))}`);
  };
  bytes('key', expected, actual, 'key');
  bytes('value', expected, actual, 'value');
  const expectedHeaders = expected.headers ?? [];
  const actualHeaders = actual.headers ?? [];
  if (expectedHeaders.map((h) => h.key).join('\n') !== actualHeaders.map((h) => h.key).join('\n')) {
    differences.push(
      `header keys ${JSON.stringify(actualHeaders.map((h) => h.key))}, expected ${JSON.stringify(expectedHeaders.map((h) => h.key))}`,
    );
  } else {
    for (const [i, header] of expectedHeaders.entries()) bytes(`header ${header.key}`, header, actualHeaders[i] as JsonlHeader, 'value');
  }
  return { differences, keyOrderOnly };
}

function text(holder: JsonlRecord | JsonlHeader, field: 'key' | 'value'): string | null {
  const base64 = (holder as unknown as Record<string, string | undefined>)[`${field}Base64`];
  if (base64 !== undefined) return `base64:${base64}`;
  return (holder as unknown as Record<string, string | null | undefined>)[field] ?? null;
}

function compareBytes(expected: string | null, actual: string | null): 'equal' | 'key-order' | 'different' {
  if (expected === actual) return 'equal';
  if (expected === null || actual === null) return 'different';
  const a = canonicalJson(expected);
  return a !== undefined && a === canonicalJson(actual) ? 'key-order' : 'different';
}

/** JSON with object keys sorted and every number kept as written, or undefined for non-JSON text. */
function canonicalJson(text: string): string | undefined {
  let tree: unknown;
  try {
    // The reviver's `source` keeps number lexemes (1.0 stays 1.0, 2^63-1 keeps every digit).
    tree = JSON.parse(text, (_key, value, context?: { source?: string }) =>
      typeof value === 'number' ? { $number: context?.source } : value,
    );
  } catch {
    return undefined;
  }
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(sort);
      const pairs = items.length > 1 && items.every((item) => Array.isArray(item) && item.length === 2);
      return pairs ? items.map((item) => JSON.stringify(item)).sort() : items;
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, sort(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(sort(tree));
}
