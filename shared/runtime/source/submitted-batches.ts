import type { SourceMap } from '../../api/record/source-record.ts';
import type { OffsetEntry } from '../../stores/offset-store.ts';
import { partitionKey } from '../../stores/partition-key.ts';

/** The source position of one polled record (null maps: the record has no offset to commit). */
export interface SourcePosition {
  readonly partition: SourceMap | null;
  readonly offset: SourceMap | null;
}

interface Batch {
  readonly positions: readonly SourcePosition[];
  done: boolean;
}

/**
 * Which source offsets may be committed (Kafka Connect's `SubmittedRecords`, by poll batch): the
 * batches of a run are kept in poll order, each marked done once every record of it was
 * acknowledged by Kafka, dropped by a transform, or skipped as a tolerated failure. Only the
 * done batches at the head count, so an offset is never committed while a record polled before
 * it may still be lost.
 */
export class SubmittedBatches {
  readonly #batches: Batch[] = [];

  /** Adds a batch in poll order; the returned function marks it done. */
  submit(positions: readonly SourcePosition[]): () => void {
    const batch: Batch = { positions, done: false };
    this.#batches.push(batch);
    return () => {
      batch.done = true;
    };
  }

  /** Batches not yet taken by {@link takeCommittable} (done or not). */
  get size(): number {
    return this.#batches.length;
  }

  /** Batches still waiting for acknowledgements. */
  get pending(): number {
    return this.#batches.filter((batch) => !batch.done).length;
  }

  /**
   * Removes the done batches at the head and returns the latest offset of each source partition
   * they touched, in first-seen order. Records without a partition or offset are left out.
   */
  takeCommittable(): OffsetEntry[] {
    const latest = new Map<string, OffsetEntry>();
    // Tasks usually hand every record of a partition the same map: its key is computed once.
    const keys = new Map<object, string>();
    while (this.#batches.length > 0 && (this.#batches[0] as Batch).done) {
      const batch = this.#batches.shift() as Batch;
      for (const { partition, offset } of batch.positions) {
        if (partition === null || offset === null) continue;
        let key = keys.get(partition);
        if (key === undefined) {
          key = partitionKey(partition);
          keys.set(partition, key);
        }
        latest.set(key, { partition, offset });
      }
    }
    return [...latest.values()];
  }
}
