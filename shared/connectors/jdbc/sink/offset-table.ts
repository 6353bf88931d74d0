import type { TopicPartition } from '../../../api/connector/sink-task.ts';
import type { DatabaseClient } from '../dialect/database-client.ts';
import type { DatabaseDialect } from '../dialect/dialect.ts';
import type { TableId } from '../dialect/table-id.ts';

/** `<topic>-<partition>`, as the runtime keys partition offsets. */
export function partitionKey(partition: TopicPartition): string {
  return `${partition.topic}-${partition.partition}`;
}

/**
 * The exactly-once sink's own offsets: one row per (connector, topic, partition) holding the next
 * offset to apply, written in the same transaction as the rows it accounts for. Reading it with a
 * row lock inside that transaction also serialises two writers of one partition (a late Lambda and
 * its successor): the second waits, then sees what the first applied and skips it.
 */
export class OffsetTable {
  readonly #dialect: DatabaseDialect;
  readonly #table: TableId;
  readonly #connector: string;

  constructor(dialect: DatabaseDialect, table: string, connector: string) {
    this.#dialect = dialect;
    this.#table = dialect.parseTableId(table);
    this.#connector = connector;
  }

  /** Creates the table when it does not exist. */
  async create(client: DatabaseClient): Promise<void> {
    const q = (name: string) => this.#dialect.quote(name);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${this.#dialect.table(this.#table)} (${q('connector')} VARCHAR(255) NOT NULL, ${q('topic')} VARCHAR(255) NOT NULL, ${q('kafka_partition')} INT NOT NULL, ${q('next_offset')} BIGINT NOT NULL, PRIMARY KEY (${q('connector')}, ${q('topic')}, ${q('kafka_partition')}))`,
    );
  }

  /** The stored next offsets of these partitions (those with none are left out). */
  async read(client: DatabaseClient, partitions: readonly TopicPartition[], lock = false): Promise<Map<string, number>> {
    const offsets = new Map<string, number>();
    if (partitions.length === 0) return offsets;
    const q = (name: string) => this.#dialect.quote(name);
    const params: unknown[] = [this.#connector];
    const conditions = partitions.map((partition) => {
      params.push(partition.topic, partition.partition);
      return `(${q('topic')} = ${this.#dialect.placeholder(params.length - 1)} AND ${q('kafka_partition')} = ${this.#dialect.placeholder(params.length)})`;
    });
    const result = await client.query(
      `SELECT ${q('topic')}, ${q('kafka_partition')}, ${q('next_offset')} FROM ${this.#dialect.table(this.#table)} WHERE ${q('connector')} = ${this.#dialect.placeholder(1)} AND (${conditions.join(' OR ')})${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    for (const [topic, partition, next] of result.rows) {
      const offset = Number(next);
      if (offset >= 0) offsets.set(partitionKey({ topic: String(topic), partition: Number(partition) }), offset);
    }
    return offsets;
  }

  /**
   * Inside the caller's transaction: makes sure each partition has a row, locks the rows, and
   * returns the stored next offsets. Rows made here hold -1 (nothing applied) until {@link write}.
   * The insert takes the exclusive row locks itself (a no-op update of an existing row), in one
   * fixed order, so two writers queue instead of deadlocking as shared-then-exclusive locks would.
   */
  async lock(client: DatabaseClient, partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    const q = (name: string) => this.#dialect.quote(name);
    const columns = `(${q('connector')}, ${q('topic')}, ${q('kafka_partition')}, ${q('next_offset')})`;
    const params: unknown[] = [];
    const ordered = [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    const rows = ordered.map((partition) => {
      params.push(this.#connector, partition.topic, partition.partition, -1);
      const n = params.length;
      return `(${[n - 3, n - 2, n - 1, n].map((i) => this.#dialect.placeholder(i)).join(', ')})`;
    });
    const table = this.#dialect.table(this.#table);
    const next = q('next_offset');
    const insert =
      this.#dialect.name === 'PostgreSqlDatabaseDialect'
        ? `INSERT INTO ${table} AS o ${columns} VALUES ${rows.join(', ')} ON CONFLICT (${q('connector')}, ${q('topic')}, ${q('kafka_partition')}) DO UPDATE SET ${next} = o.${next}`
        : `INSERT INTO ${table} ${columns} VALUES ${rows.join(', ')} ON DUPLICATE KEY UPDATE ${next} = ${next}`;
    await client.query(insert, params);
    return this.read(client, ordered, true);
  }

  /** Inside the caller's transaction: stores the next offset of each partition. */
  async write(client: DatabaseClient, offsets: ReadonlyMap<string, { partition: TopicPartition; next: number }>): Promise<void> {
    const q = (name: string) => this.#dialect.quote(name);
    const p = (i: number) => this.#dialect.placeholder(i);
    for (const { partition, next } of offsets.values()) {
      await client.query(
        `UPDATE ${this.#dialect.table(this.#table)} SET ${q('next_offset')} = ${p(1)} WHERE ${q('connector')} = ${p(2)} AND ${q('topic')} = ${p(3)} AND ${q('kafka_partition')} = ${p(4)}`,
        [String(next), this.#connector, partition.topic, partition.partition],
      );
    }
  }
}
