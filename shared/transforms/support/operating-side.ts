import type { Schema } from '../../api/data/schema.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import type { Headers } from '../../api/record/headers.ts';

/**
 * Which half of a record a `$Key` / `$Value` transform works on. Kafka Connect writes each such
 * transform once with abstract `operatingSchema`/`operatingValue`/`newRecord`; here one class
 * takes the side as a constructor argument and both variants are registered from it.
 */
export type OperatingSide = 'key' | 'value';

export function operatingSchema(record: ConnectRecord, side: OperatingSide): Schema | null {
  return side === 'key' ? record.keySchema : record.valueSchema;
}

export function operatingValue(record: ConnectRecord, side: OperatingSide): unknown {
  return side === 'key' ? record.key : record.value;
}

/** A copy of the record with the operating side's schema and value replaced (and its headers, when given). */
export function withOperating<R extends ConnectRecord>(
  record: R,
  side: OperatingSide,
  schema: Schema | null,
  value: unknown,
  headers?: Headers,
): R {
  return side === 'key'
    ? record.newRecord({ keySchema: schema, key: value, headers })
    : record.newRecord({ valueSchema: schema, value, headers });
}
