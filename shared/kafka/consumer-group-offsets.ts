import { createKafka, type KafkaConnection } from './client.ts';
import { describeKafkaError, KafkaAdapterError } from './errors.ts';

/** A committed consumer group offset (the next offset the group will read). */
export interface GroupOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Reads and edits consumer group offsets with the admin client: how the REST API shows, alters
 * and resets a sink connector's offsets (KIP-875). Edits need a group without active members, which
 * holds while the connector is STOPPED (its event source mappings are removed).
 */
export class ConsumerGroupOffsets {
  readonly #connection: () => Promise<KafkaConnection>;

  /** Takes the connection, or a function resolving it (a Lambda resolves its SCRAM secret on first use). */
  constructor(connection: KafkaConnection | (() => Promise<KafkaConnection>)) {
    this.#connection = typeof connection === 'function' ? connection : async () => connection;
  }

  async read(groupId: string, topics: readonly string[]): Promise<GroupOffset[]> {
    if (topics.length === 0) return [];
    return this.#withAdmin(`read the offsets of ${groupId}`, async (admin) => {
      const result = await admin.fetchOffsets({ groupId, topics: [...topics] });
      return result.flatMap(({ topic, partitions }) =>
        partitions.filter((p) => Number(p.offset) >= 0).map((p) => ({ topic, partition: p.partition, offset: Number(p.offset) })),
      );
    });
  }

  /** Sets offsets of one topic's partitions; a null offset deletes that partition's committed offset. */
  async alter(groupId: string, topic: string, offsets: readonly { partition: number; offset: number | null }[]): Promise<void> {
    await this.#withAdmin(`alter the offsets of ${groupId}`, async (admin) => {
      const set = offsets.filter((o) => o.offset !== null).map((o) => ({ partition: o.partition, offset: String(o.offset) }));
      if (set.length > 0) await admin.setOffsets({ groupId, topic, partitions: set });
      const removed = offsets.filter((o) => o.offset === null);
      // kafkajs has no per-partition delete; resetting a partition to its log start reads it from the beginning again, as a deleted offset does.
      if (removed.length > 0) {
        const starts = await admin.fetchTopicOffsets(topic);
        const low = new Map(starts.map((s) => [s.partition, s.low]));
        await admin.setOffsets({
          groupId,
          topic,
          partitions: removed.map((o) => ({ partition: o.partition, offset: low.get(o.partition) ?? '0' })),
        });
      }
    });
  }

  /** Deletes the group with its offsets (as Kafka Connect resets a sink's offsets). */
  async reset(groupId: string): Promise<void> {
    await this.#withAdmin(`reset the offsets of ${groupId}`, async (admin) => {
      const { groups } = await admin.listGroups();
      if (groups.some((group) => group.groupId === groupId)) await admin.deleteGroups([groupId]);
    });
  }

  async #withAdmin<T>(what: string, work: (admin: ReturnType<ReturnType<typeof createKafka>['admin']>) => Promise<T>): Promise<T> {
    const admin = createKafka(await this.#connection()).admin();
    try {
      await admin.connect();
      return await work(admin);
    } catch (error) {
      throw new KafkaAdapterError(`Could not ${what}: ${describeKafkaError(error)}`, { cause: error });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
