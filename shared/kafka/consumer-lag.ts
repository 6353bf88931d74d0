import type { Admin } from 'kafkajs';
import { createKafka, type KafkaConnection } from './client.ts';

/**
 * Consumer group lag (records written but not yet committed by the group), read with one admin
 * client that stays connected: the standalone live view asks every couple of seconds.
 */
export class ConsumerLag {
  readonly #connection: KafkaConnection;
  #admin: Promise<Admin> | undefined;

  constructor(connection: KafkaConnection) {
    this.#connection = connection;
  }

  /** The group's total lag over the given topics; a partition it never committed counts from the log start. */
  async lag(groupId: string, topics: readonly string[]): Promise<number> {
    const admin = await this.#client();
    let total = 0;
    for (const topic of topics) {
      const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
      for (const end of ends) {
        const stored = committed?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
        const from = Number(stored) >= 0 ? Number(stored) : Number(end.low);
        total += Math.max(0, Number(end.high) - from);
      }
    }
    return total;
  }

  async close(): Promise<void> {
    const admin = this.#admin;
    this.#admin = undefined;
    await admin?.then((client) => client.disconnect()).catch(() => undefined);
  }

  #client(): Promise<Admin> {
    if (this.#admin === undefined) {
      const admin = createKafka(this.#connection).admin();
      this.#admin = admin.connect().then(() => admin);
      this.#admin.catch(() => {
        this.#admin = undefined;
      });
    }
    return this.#admin;
  }
}
