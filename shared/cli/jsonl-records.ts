import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { CopycatError } from '../errors.ts';
import type { KafkaMessage } from '../runtime/kafka-message.ts';

/**
 * The JSON Lines record format of `copycat transform` (and of the differential test against
 * Kafka Connect): `{"topic","partition","offset","timestamp","key","value","headers"}`, where key,
 * value and header values are the raw bytes as a UTF-8 string, or base64 in `keyBase64`,
 * `valueBase64` (headers: `valueBase64`) when they are not text. Null or absent means null bytes.
 */
export interface JsonlRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number | null;
  key?: string | null;
  keyBase64?: string;
  value?: string | null;
  valueBase64?: string;
  headers?: JsonlHeader[];
}

/** A header of a {@link JsonlRecord}: its value as UTF-8 text, or base64 in `valueBase64`. */
export interface JsonlHeader {
  key: string;
  value?: string | null;
  valueBase64?: string;
}

/** A line of the input that is not a valid record; says which line and what is wrong. */
export class RecordFormatError extends CopycatError {
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'RecordFormatError';
  }
}

/** Parses one input line into a Kafka message; `where` names the line in errors (e.g. "records.jsonl:3"). */
export function parseJsonlRecord(line: string, where: string, defaults: { topic: string; offset: number }): KafkaMessage {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new RecordFormatError(where, `not valid JSON (${(error as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new RecordFormatError(where, 'expected a JSON object per line');
  const record = json as Record<string, unknown>;
  const topic = record.topic ?? defaults.topic;
  if (typeof topic !== 'string' || topic === '') throw new RecordFormatError(where, '"topic" must be a non-empty string');
  return {
    topic,
    partition: integerField(record, 'partition', 0, where),
    offset: integerField(record, 'offset', defaults.offset, where),
    timestamp: record.timestamp === null ? null : integerField(record, 'timestamp', null, where),
    key: bytesField(record, 'key', where),
    value: bytesField(record, 'value', where),
    headers: headersField(record.headers, where),
  };
}

/** The output line of a record (no trailing newline). */
export function formatJsonlRecord(record: {
  topic: string;
  partition: number | null;
  offset: number;
  timestamp: number | null;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: readonly KafkaHeader[];
}): string {
  const out: Record<string, unknown> = {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
  };
  Object.assign(out, bytesOut('key', record.key), bytesOut('value', record.value));
  out.headers = record.headers.map((header) => ({ key: header.key, ...bytesOut('value', header.value) }));
  return JSON.stringify(out);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function bytesOut(name: string, bytes: Uint8Array | null): Record<string, string | null> {
  if (bytes === null) return { [name]: null };
  try {
    return { [name]: utf8.decode(bytes) };
  } catch {
    return { [`${name}Base64`]: Buffer.from(bytes).toString('base64') };
  }
}

function integerField<T extends number | null>(record: Record<string, unknown>, name: string, fallback: T, where: string): number | T {
  const value = record[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new RecordFormatError(where, `"${name}" must be a non-negative integer`);
  return value;
}

function bytesField(record: Record<string, unknown>, name: string, where: string): Uint8Array | null {
  const text = record[name];
  const base64 = record[`${name}Base64`];
  if (text !== undefined && text !== null && base64 !== undefined)
    throw new RecordFormatError(where, `give "${name}" or "${name}Base64", not both`);
  if (base64 !== undefined && base64 !== null) {
    if (typeof base64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
      throw new RecordFormatError(where, `"${name}Base64" must be a base64 string`);
    return new Uint8Array(Buffer.from(base64, 'base64'));
  }
  if (text === undefined || text === null) return null;
  if (typeof text !== 'string')
    throw new RecordFormatError(
      where,
      `"${name}" must be a string (the record's bytes as UTF-8) or null; use "${name}Base64" for binary data`,
    );
  return new TextEncoder().encode(text);
}

function headersField(headers: unknown, where: string): KafkaHeader[] {
  if (headers === undefined || headers === null) return [];
  if (!Array.isArray(headers)) throw new RecordFormatError(where, '"headers" must be a list of {"key", "value"}');
  return headers.map((header, i) => {
    if (header === null || typeof header !== 'object' || typeof (header as { key?: unknown }).key !== 'string') {
      throw new RecordFormatError(where, `headers[${i}] must be an object with a string "key"`);
    }
    return {
      key: (header as { key: string }).key,
      value: bytesField(header as Record<string, unknown>, 'value', `${where} headers[${i}]`),
    };
  });
}
