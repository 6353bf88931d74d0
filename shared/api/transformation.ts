import type { ConfigDef } from './config/index.ts';
import type { ConnectRecord } from './record/connect-record.ts';

/**
 * A single message transform (Kafka Connect's `Transformation`). `apply` returns a new record,
 * or null to drop it, and never changes the record it is given.
 */
export interface Transformation<R extends ConnectRecord = ConnectRecord> {
  /** Receives the settings under `transforms.<alias>.`, without the prefix. */
  configure(configs: Readonly<Record<string, string>>): void;
  apply(record: R): R | null;
  config(): ConfigDef;
  close?(): void;
}

/** A condition a transform can be bound to with `transforms.<alias>.predicate` (Kafka Connect's `Predicate`). */
export interface Predicate<R extends ConnectRecord = ConnectRecord> {
  /** Receives the settings under `predicates.<name>.`, without the prefix. */
  configure(configs: Readonly<Record<string, string>>): void;
  test(record: R): boolean;
  config(): ConfigDef;
  close?(): void;
}
