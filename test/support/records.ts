// The record the transform and predicate tests start from, so that each test names only what it is about.

import { SinkRecord, type SinkRecordFields } from '../../shared/api/record/sink-record.ts';
import { SourceRecord, type SourceRecordFields } from '../../shared/api/record/source-record.ts';

/** A sink record on topic `t`, partition 0, offset 0, without a timestamp, with null key and value and no schemas; `fields` override. */
export function sinkRecord(fields: Partial<SinkRecordFields> = {}): SinkRecord {
  return new SinkRecord({
    topic: 't',
    kafkaPartition: 0,
    kafkaOffset: 0,
    timestamp: null,
    keySchema: null,
    key: null,
    valueSchema: null,
    value: null,
    ...fields,
  });
}

/** A source record on topic `t` without a partition, timestamp, source partition or offset, with null key and value; `fields` override. */
export function sourceRecord(fields: Partial<SourceRecordFields> = {}): SourceRecord {
  return new SourceRecord({
    topic: 't',
    kafkaPartition: null,
    timestamp: null,
    keySchema: null,
    key: null,
    valueSchema: null,
    value: null,
    sourcePartition: null,
    sourceOffset: null,
    ...fields,
  });
}
