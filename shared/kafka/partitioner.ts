/**
 * Kafka's Java client partitions keyed records by murmur2 of the key bytes; Copycat must put a
 * keyed record in the same partition so that both runtimes (and every Java producer and Kafka
 * Streams app on the same topic) agree on where a key lives.
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's `Utils.murmur2`: a 32-bit signed hash of the bytes, bit for bit as the Java client computes it. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = (data[i4] as number) | ((data[i4 + 1] as number) << 8) | ((data[i4 + 2] as number) << 16) | ((data[i4 + 3] as number) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // Kafka folds the last 1–3 bytes in with a falling-through switch; the same, spelled out.
  const tail = length & ~3;
  const rest = length % 4;
  if (rest >= 3) h ^= (data[tail + 2] as number) << 16;
  if (rest >= 2) h ^= (data[tail + 1] as number) << 8;
  if (rest >= 1) {
    h ^= data[tail] as number;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's Java producer gives a keyed record: `toPositive(murmur2(key)) % numPartitions`. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  return (murmur2(key) & 0x7fffffff) % numPartitions;
}

/**
 * Picks partitions for records without a key the way Kafka's Java producer does since KIP-794:
 * stick to one partition until about `batch.size` bytes went to it, then move on, so that
 * unkeyed records form large batches without leaving any partition unused.
 */
export class StickyPartitioner {
  readonly #batchBytes: number;
  readonly #sticky = new Map<string, { partition: number; bytes: number }>();
  #counter: number;

  constructor(batchBytes = 16_384, seed = Math.floor(Math.random() * 0x7fffffff)) {
    this.#batchBytes = batchBytes;
    this.#counter = seed;
  }

  /** The partition for an unkeyed record of `size` bytes; `available` lists partitions with a leader (all when empty). */
  partition(topic: string, numPartitions: number, size: number, available: readonly number[] = []): number {
    let current = this.#sticky.get(topic);
    if (current === undefined || current.bytes >= this.#batchBytes || current.partition >= numPartitions) {
      const choices = available.length > 0 ? available : undefined;
      const index = this.#counter++ & 0x7fffffff;
      const partition = choices === undefined ? index % numPartitions : (choices[index % choices.length] as number);
      current = { partition, bytes: 0 };
      this.#sticky.set(topic, current);
    }
    current.bytes += size;
    return current.partition;
  }
}
