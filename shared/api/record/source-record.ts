import { ConnectRecord, type RecordFields } from './connect-record.ts';

/** A source partition or offset: a small map of JSON-friendly values, as Kafka Connect keys them. */
export type SourceMap = Readonly<Record<string, string | number | boolean | null>>;

export interface SourceRecordFields extends RecordFields {
  /** Where in the source system the record came from, e.g. `{"filename": "/tmp/in.txt"}`. */
  readonly sourcePartition: SourceMap | null;
  /** How far into that partition, e.g. `{"position": 1024}`; committed once Kafka acked the record. */
  readonly sourceOffset: SourceMap | null;
}

/** A record a source task produced, bound for Kafka (Kafka Connect's `SourceRecord`). */
export class SourceRecord extends ConnectRecord {
  readonly sourcePartition: SourceMap | null;
  readonly sourceOffset: SourceMap | null;

  constructor(fields: SourceRecordFields) {
    super(fields);
    this.sourcePartition = fields.sourcePartition;
    this.sourceOffset = fields.sourceOffset;
  }

  newRecord(changes: Partial<RecordFields>): this {
    return new SourceRecord({ ...this.changed(changes), sourcePartition: this.sourcePartition, sourceOffset: this.sourceOffset }) as this;
  }
}
