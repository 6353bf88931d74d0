import type { SourceMap, SourceRecord } from '../record/source-record.ts';
import type { ConnectorProps } from './connector.ts';

/** Reads the offsets committed for source partitions (Kafka Connect's `OffsetStorageReader`). */
export interface OffsetStorageReader {
  offset(partition: SourceMap): Promise<SourceMap | null>;
  offsets(partitions: readonly SourceMap[]): Promise<ReadonlyMap<SourceMap, SourceMap | null>>;
}

/** What the runtime offers a source task (Kafka Connect's `SourceTaskContext`). */
export interface SourceTaskContext {
  /** The task's config, as its connector's `taskConfigs` gave it. */
  readonly configs: ConnectorProps;
  readonly offsetStorageReader: OffsetStorageReader;
}

/**
 * Pulls records from a source system (Kafka Connect's `SourceTask`).
 *
 * Lifecycle, in one scheduled invocation (AWS) or continuously (standalone):
 * 1. `initialize(context)`, then `start(props)`: read the last committed offsets from
 *    `context.offsetStorageReader` and open the source at that point.
 * 2. `poll()` repeatedly: return the records that are ready (an empty array or null when there are
 *    none yet). Each record carries its source partition and offset. `poll` should not block for
 *    long; the runtime decides how long to keep polling (the invocation's time budget).
 * 3. After the broker acknowledged a record, `commitRecord(record, metadata)`; after the offsets of
 *    acknowledged records were stored, `commit()`. Offsets are stored only for records Kafka has
 *    acknowledged, so a crash replays at most what was not committed (at-least-once).
 * 4. `stop()` when the budget is spent, the task is paused or deleted, or the worker stops. It may
 *    be called from another async context while `poll` waits: make `poll` return promptly then.
 */
export interface SourceTask {
  version(): string;
  initialize(context: SourceTaskContext): void;
  start(props: ConnectorProps): void | Promise<void>;
  poll(): Promise<SourceRecord[] | null>;
  commit?(): void | Promise<void>;
  commitRecord?(record: SourceRecord, metadata: RecordMetadata | null): void | Promise<void>;
  stop(): void | Promise<void>;
}

/** Where Kafka stored a produced record; null for a record a transform dropped. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number | null;
}
