import type { ConnectorProps } from '../../../api/connector/connector.ts';
import type { PartitionOffsets, SinkTask, SinkTaskContext, TopicPartition } from '../../../api/connector/sink-task.ts';
import { ConnectException, RetriableException } from '../../../api/errors.ts';
import type { SinkRecord } from '../../../api/record/sink-record.ts';
import { CopycatError } from '../../../errors.ts';
import { configAtStart } from '../config-at-start.ts';
import { type DatabaseAccess, databaseAccess } from '../connection-config.ts';
import type { DatabaseClient } from '../dialect/database-client.ts';
import { JDBC_CONNECTOR_VERSION } from '../version.ts';
import { OffsetTable, partitionKey } from './offset-table.ts';
import { type RecordFailure, RecordWriter, type WriteItem } from './record-writer.ts';
import {
  AUTO_CREATE,
  AUTO_EVOLVE,
  BATCH_SIZE,
  DELETE_ENABLED,
  EXACTLY_ONCE,
  MAX_RETRIES,
  OFFSETS_TABLE,
  REPLACE_NULL_WITH_DEFAULT,
  RETRY_BACKOFF_MS,
  SinkConfig,
  sinkCrossKeyProblems,
  TABLE_NAME_FORMAT,
  TOPIC_PLACEHOLDER,
} from './sink-config.ts';
import { TableStructure } from './table-structure.ts';

interface StoredOffset {
  readonly partition: TopicPartition;
  readonly next: number;
}

/**
 * Writes records to PostgreSQL or MySQL/MariaDB (Confluent's `JdbcSinkTask`). Each `put` is one
 * database transaction. Rows the database refuses go to the errant record reporter (the dead letter
 * queue under `errors.tolerance=all`) and the rest are written; without a reporter the put fails.
 * Database failures are retried `max.retries` times, `retry.backoff.ms` apart, by throwing a
 * RetriableException so the same records come again.
 *
 * With `copycat.exactly.once=true` the next offset of each topic partition is stored in the same
 * transaction as the rows; records below it are skipped, and `preCommit` answers the stored offsets,
 * so a redelivered batch changes nothing.
 */
export class JdbcSinkTask implements SinkTask {
  #context: SinkTaskContext | undefined;
  #config: SinkConfig | undefined;
  #access: DatabaseAccess | undefined;
  #client: DatabaseClient | undefined;
  #writer: RecordWriter | undefined;
  #structure: TableStructure | undefined;
  #offsetTable: OffsetTable | undefined;
  #stored = new Map<string, StoredOffset>();
  #remainingRetries = 0;

  version(): string {
    return JDBC_CONNECTOR_VERSION;
  }

  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }

  async start(props: ConnectorProps): Promise<void> {
    const config = configAtStart('JdbcSinkTask', () => new SinkConfig(props), sinkCrossKeyProblems);
    const access = databaseAccess(config);
    this.#config = config;
    this.#access = access;
    this.#remainingRetries = config.getInt(MAX_RETRIES) ?? 10;
    this.#structure = new TableStructure(access.dialect, {
      autoCreate: !!config.getBoolean(AUTO_CREATE),
      autoEvolve: !!config.getBoolean(AUTO_EVOLVE),
    });
    this.#writer = new RecordWriter(
      access.dialect,
      {
        insertMode: config.insertMode,
        pkMode: config.pkMode,
        pkFields: config.pkFields,
        whitelist: config.fieldsWhitelist,
        tableNameFormat: config.getString(TABLE_NAME_FORMAT) ?? TOPIC_PLACEHOLDER,
        deleteEnabled: !!config.getBoolean(DELETE_ENABLED),
        batchSize: config.getInt(BATCH_SIZE) ?? 3000,
        replaceNullWithDefault: config.getBoolean(REPLACE_NULL_WITH_DEFAULT) ?? true,
      },
      this.#structure,
    );
    if (config.getBoolean(EXACTLY_ONCE)) {
      // The applied offsets are keyed by connector: without its name two connectors would share them.
      const name = props.name?.trim();
      if (!name)
        throw new ConnectException(
          `${EXACTLY_ONCE}=true needs the connector's name in the task config ("name") to key the offsets it keeps in the database.`,
        );
      this.#offsetTable = new OffsetTable(access.dialect, config.getString(OFFSETS_TABLE) ?? '__copycat_offsets', name);
      await this.#offsetTable.create(await this.#connection());
    }
  }

  async open(partitions: readonly TopicPartition[]): Promise<void> {
    if (this.#offsetTable === undefined || partitions.length === 0) return;
    const stored = await this.#offsetTable.read(await this.#connection(), partitions);
    for (const partition of partitions) {
      const next = stored.get(partitionKey(partition));
      if (next !== undefined) this.#stored.set(partitionKey(partition), { partition, next });
    }
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.#put(records);
      this.#remainingRetries = this.#config?.getInt(MAX_RETRIES) ?? 10;
    } catch (error) {
      if (this.#client?.broken) await this.#closeClient();
      // Our own errors say what to change in the config or the data: retrying will not help.
      if (error instanceof CopycatError && !error.retriable) throw error;
      const message = `Write of ${records.length} record(s) failed: ${(error as Error)?.message ?? error}`;
      if (this.#remainingRetries <= 0)
        throw new ConnectException(`${message} (after ${this.#config?.getInt(MAX_RETRIES)} retries)`, { cause: error });
      this.#remainingRetries--;
      await new Promise((resolve) => setTimeout(resolve, this.#config?.getInt(RETRY_BACKOFF_MS) ?? 3000));
      throw new RetriableException(`${message}; ${this.#remainingRetries} retries left`, { cause: error });
    }
  }

  async preCommit(offsets: PartitionOffsets): Promise<PartitionOffsets> {
    if (this.#offsetTable === undefined) return offsets;
    // Exactly-once: what the database says was applied is what may be committed.
    const committed = new Map<string, { partition: TopicPartition; offset: number }>();
    for (const [key, { partition }] of offsets) {
      const stored = this.#stored.get(key);
      if (stored !== undefined) committed.set(key, { partition, offset: stored.next });
    }
    return committed;
  }

  close(partitions: readonly TopicPartition[]): void {
    for (const partition of partitions) this.#stored.delete(partitionKey(partition));
  }

  async stop(): Promise<void> {
    await this.#closeClient();
  }

  async #put(records: readonly SinkRecord[]): Promise<void> {
    const client = await this.#connection();
    const writer = this.#writer as RecordWriter;
    const reporter = this.#context?.errantRecordReporter ?? null;
    const prepared = await writer.prepare(client, records);
    if (reporter === null && prepared.failures[0] !== undefined) throw prepared.failures[0].error;

    await client.query('BEGIN');
    try {
      let items: readonly WriteItem[] = prepared.items;
      let prepareFailures: readonly RecordFailure[] = prepared.failures;
      let offsets = new Map<string, StoredOffset>();
      if (this.#offsetTable !== undefined) {
        const partitions = uniquePartitions(records);
        const stored = await this.#offsetTable.lock(client, partitions);
        const applied = (record: SinkRecord) => record.originalKafkaOffset < (stored.get(sourceKey(record)) ?? -1);
        items = items.filter((item) => !applied(item.record));
        prepareFailures = prepareFailures.filter((failure) => !applied(failure.record));
        offsets = nextOffsets(records, stored);
      }
      const rejected = await writer.execute(client, items);
      const failures = [...prepareFailures, ...rejected].sort((a, b) => records.indexOf(a.record) - records.indexOf(b.record));
      if (failures.length > 0) {
        if (reporter === null) throw (failures[0] as RecordFailure).error.cause ?? (failures[0] as RecordFailure).error;
        // Reported before the commit: if the dead letter queue refuses, nothing is committed.
        for (const failure of failures) await reporter.report(failure.record, failure.error);
      }
      if (this.#offsetTable !== undefined) await this.#offsetTable.write(client, offsets);
      await client.query('COMMIT');
      for (const [key, offset] of offsets) this.#stored.set(key, offset);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      for (const item of prepared.items) this.#structure?.forget(item.table);
      throw error;
    }
  }

  async #connection(): Promise<DatabaseClient> {
    if (this.#client !== undefined && !this.#client.broken) return this.#client;
    await this.#closeClient();
    this.#client = await (this.#access as DatabaseAccess).connect('copycat-jdbc-sink');
    return this.#client;
  }

  async #closeClient(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}

function sourceKey(record: SinkRecord): string {
  return partitionKey({ topic: record.originalTopic, partition: record.originalKafkaPartition });
}

function uniquePartitions(records: readonly SinkRecord[]): TopicPartition[] {
  const partitions = new Map<string, TopicPartition>();
  for (const record of records)
    partitions.set(sourceKey(record), { topic: record.originalTopic, partition: record.originalKafkaPartition });
  return [...partitions.values()];
}

/** Per partition: one past the last offset of the batch, never below what was stored. */
function nextOffsets(records: readonly SinkRecord[], stored: ReadonlyMap<string, number>): Map<string, StoredOffset> {
  const next = new Map<string, StoredOffset>();
  for (const record of records) {
    const key = sourceKey(record);
    const current = next.get(key)?.next ?? stored.get(key) ?? -1;
    const candidate = record.originalKafkaOffset + 1;
    next.set(key, {
      partition: { topic: record.originalTopic, partition: record.originalKafkaPartition },
      next: Math.max(current, candidate),
    });
  }
  return next;
}
