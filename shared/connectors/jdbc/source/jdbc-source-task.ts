import type { ConnectorProps } from '../../../api/connector/connector.ts';
import type { SourceTask, SourceTaskContext } from '../../../api/connector/source-task.ts';
import { ConnectException, RetriableException } from '../../../api/errors.ts';
import type { SourceMap, SourceRecord } from '../../../api/record/source-record.ts';
import { CopycatError } from '../../../errors.ts';
import { configAtStart } from '../config-at-start.ts';
import { type DatabaseAccess, databaseAccess } from '../connection-config.ts';
import type { DatabaseClient } from '../dialect/database-client.ts';
import { splitIdentifierList, type TableId } from '../dialect/table-id.ts';
import { JDBC_CONNECTOR_VERSION } from '../version.ts';
import { legacyTablePartition, offsetFromMap, QUERY_PARTITION, tablePartition } from './offset.ts';
import {
  BATCH_MAX_ROWS,
  INCREMENTING_COLUMN_MAPPING,
  INCREMENTING_COLUMN_NAME,
  POLL_INTERVAL_MS,
  QUERY_RETRY_ATTEMPTS,
  QUERY_SUFFIX,
  SourceConfig,
  type SourceMode,
  TABLES,
  TIMESTAMP_COLUMN_NAME,
  TIMESTAMP_COLUMNS_MAPPING,
  TIMESTAMP_DELAY_INTERVAL_MS,
  TIMESTAMP_INITIAL,
  TOPIC_PREFIX,
  usesIncrementing,
  usesTimestamp,
  VALIDATE_NON_NULL,
} from './source-config.ts';
import { TableQuerier } from './table-querier.ts';
import { mappedColumns } from './table-selection.ts';

/** The longest a `poll` waits for a table to fall due before handing back an empty batch. */
const MAX_POLL_WAIT_MS = 1000;

/**
 * Copies the tables (or the custom query) its connector assigned, as Confluent's
 * `JdbcSourceTask`: one querier per table, taken in turn as each falls due
 * (`poll.interval.ms`), `batch.max.rows` rows per poll, resuming from the offsets the runtime
 * stored. A failing query is retriable (`query.retry.attempts`, -1 = always); a broken
 * connection is reopened on the next poll.
 */
export class JdbcSourceTask implements SourceTask {
  #context: SourceTaskContext | undefined;
  #config: SourceConfig | undefined;
  #access: DatabaseAccess | undefined;
  #client: DatabaseClient | undefined;
  #queue: TableQuerier[] = [];
  #running = false;
  #failures = 0;
  #polling: Promise<unknown> | undefined;
  #wake: (() => void) | undefined;

  version(): string {
    return JDBC_CONNECTOR_VERSION;
  }

  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  async start(props: ConnectorProps): Promise<void> {
    const config = configAtStart('JdbcSourceTask', () => new SourceConfig(props));
    const access = databaseAccess(config);
    this.#config = config;
    this.#access = access;
    const mode = config.mode;
    if (mode === '')
      throw new ConnectException(
        'Couldn\'t start JdbcSourceTask: "mode" must be set (bulk, incrementing, timestamp or timestamp+incrementing).',
      );
    const tables = splitIdentifierList(props[TABLES] ?? '', access.dialect.quoteChar).map((name) => access.dialect.parseTableId(name));
    const query = config.query;
    if (tables.length > 0 && query !== '') {
      throw new ConnectException(
        'Invalid configuration: each JdbcSourceTask must have at least one table assigned to it or one query specified, not both.',
      );
    }
    this.#running = true;
    if (tables.length === 0 && query === '') return; // Nothing assigned: the task idles, as Confluent's does.

    const client = await this.#connect();
    try {
      if (query !== '') this.#queue.push(await this.#querier(mode, null, client));
      for (const table of tables) this.#queue.push(await this.#querier(mode, table, client));
    } catch (error) {
      await this.#closeClient();
      throw error;
    }
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (!this.#running) return null;
    const polling = this.#poll();
    this.#polling = polling;
    try {
      return await polling;
    } finally {
      this.#polling = undefined;
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    // A poll in flight finishes first; it owns the connection until then.
    await this.#polling?.catch(() => undefined);
    for (const querier of this.#queue) await querier.reset(Date.now()).catch(() => undefined);
    await this.#closeClient();
  }

  async #poll(): Promise<SourceRecord[] | null> {
    const config = this.#config as SourceConfig;
    const pollInterval = config.getInt(POLL_INTERVAL_MS) ?? 5000;
    const batchMaxRows = config.getInt(BATCH_MAX_ROWS) ?? 100;
    const deadline = Date.now() + Math.min(MAX_POLL_WAIT_MS, Math.max(pollInterval, 1));
    while (this.#running) {
      const querier = this.#queue[0];
      const now = Date.now();
      if (querier === undefined || (!querier.querying() && querier.lastUpdate + pollInterval > now)) {
        if (now >= deadline) return [];
        const due = querier === undefined ? deadline : querier.lastUpdate + pollInterval;
        await this.#sleep(Math.min(due, deadline) - now);
        continue;
      }
      try {
        const client = this.#client?.broken === false ? this.#client : await this.#connect();
        const batch = await querier.poll(client, batchMaxRows);
        if (batch.exhausted) await this.#requeue(querier);
        this.#failures = 0;
        if (batch.records.length > 0) return batch.records;
      } catch (error) {
        await this.#requeue(querier).catch(() => undefined);
        if (this.#client?.broken) await this.#closeClient();
        throw this.#pollFailure(error, querier);
      }
    }
    return [];
  }

  /** Our own errors are fatal; the database's are retriable until `query.retry.attempts` run out. */
  #pollFailure(error: unknown, querier: TableQuerier): Error {
    if (error instanceof CopycatError) return error;
    const attempts = this.#config?.getInt(QUERY_RETRY_ATTEMPTS) ?? -1;
    this.#failures++;
    const message = `Failed to run the query of ${querier}: ${(error as Error)?.message ?? error}`;
    if (attempts >= 0 && this.#failures > attempts) {
      return new ConnectException(`${message} (${this.#failures - 1} retries, query.retry.attempts=${attempts})`, { cause: error });
    }
    return new RetriableException(message, { cause: error });
  }

  async #requeue(querier: TableQuerier): Promise<void> {
    this.#queue = this.#queue.filter((other) => other !== querier);
    await querier.reset(Date.now());
    this.#queue.push(querier);
    this.#queue.sort((a, b) => a.lastUpdate - b.lastUpdate);
  }

  async #querier(mode: SourceMode, table: TableId | null, client: DatabaseClient): Promise<TableQuerier> {
    const config = this.#config as SourceConfig;
    const dialect = (this.#access as DatabaseAccess).dialect;
    let incrementingColumn: string | null = null;
    let timestampColumns: string[] = [];
    const definition = table === null ? null : await dialect.describeTable(client, table);
    if (table !== null && definition === null)
      throw new ConnectException(`Table ${dialect.table(table)} does not exist or is not visible to ${'connection.user'}.`);
    if (usesIncrementing(mode)) {
      incrementingColumn = (config.getString(INCREMENTING_COLUMN_NAME) ?? '').trim() || null;
      if (incrementingColumn === null && table !== null)
        incrementingColumn = mappedColumns(config.getList(INCREMENTING_COLUMN_MAPPING) ?? [], table)?.[0] ?? null;
      // Empty: the table's auto-increment column, as Confluent finds it.
      incrementingColumn ??= definition?.columns.find((column) => column.autoIncrement)?.name ?? null;
      if (incrementingColumn === null) {
        throw new ConnectException(
          `No incrementing column for ${table === null ? 'the query' : dialect.table(table)}: set ${INCREMENTING_COLUMN_NAME} (or ${INCREMENTING_COLUMN_MAPPING}); the table has no auto-increment column to use instead.`,
        );
      }
    }
    if (usesTimestamp(mode)) {
      timestampColumns = (config.getList(TIMESTAMP_COLUMN_NAME) ?? []).map((column) => column.trim()).filter((column) => column !== '');
      if (timestampColumns.length === 0 && table !== null)
        timestampColumns = mappedColumns(config.getList(TIMESTAMP_COLUMNS_MAPPING) ?? [], table) ?? [];
      if (timestampColumns.length === 0) {
        throw new ConnectException(
          `No timestamp column for ${table === null ? 'the query' : dialect.table(table)}: set ${TIMESTAMP_COLUMN_NAME} (or ${TIMESTAMP_COLUMNS_MAPPING}).`,
        );
      }
    }
    if (definition !== null && table !== null && config.getBoolean(VALIDATE_NON_NULL)) {
      const column = (name: string) =>
        definition.columns.find((c) => c.name === name) ?? definition.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      if (incrementingColumn !== null && column(incrementingColumn)?.nullable) {
        throw new ConnectException(
          `Cannot make incremental queries using incrementing column ${incrementingColumn} on ${dialect.table(table)} because this column is nullable. Make it NOT NULL or set ${VALIDATE_NON_NULL}=false.`,
        );
      }
      if (timestampColumns.length > 0 && timestampColumns.every((name) => column(name)?.nullable !== false)) {
        throw new ConnectException(
          `Cannot make incremental queries using timestamp columns [${timestampColumns.join(', ')}] on ${dialect.table(table)} because all of these columns are nullable. Make one NOT NULL or set ${VALIDATE_NON_NULL}=false.`,
        );
      }
    }
    const resolved = table === null ? null : (definition?.id ?? table);
    return new TableQuerier({
      dialect,
      mode,
      table: resolved,
      query: config.query,
      suffix: (config.getString(QUERY_SUFFIX) ?? '').trim(),
      topicPrefix: config.getString(TOPIC_PREFIX) ?? '',
      incrementingColumn,
      timestampColumns,
      timestampDelayMs: Number(config.getLong(TIMESTAMP_DELAY_INTERVAL_MS) ?? 0),
      initialTimestampMs: config.getLong(TIMESTAMP_INITIAL) === null ? null : Number(config.getLong(TIMESTAMP_INITIAL)),
      numericMapping: config.numericMapping,
      offset: mode === 'bulk' ? offsetFromMap(null) : offsetFromMap(await this.#storedOffset(resolved)),
    });
  }

  /** The stored offset, under Confluent's current partition first, then under the one older versions wrote. */
  async #storedOffset(table: TableId | null): Promise<SourceMap | null> {
    const reader = this.#context?.offsetStorageReader;
    if (reader === undefined) return null;
    const candidates = table === null ? [QUERY_PARTITION] : [tablePartition(table), legacyTablePartition(table)];
    for (const partition of candidates) {
      const offset = await reader.offset(partition);
      if (offset !== null && Object.keys(offset).length > 0) return offset;
    }
    return null;
  }

  async #connect(): Promise<DatabaseClient> {
    await this.#closeClient();
    this.#client = await (this.#access as DatabaseAccess).connect('copycat-jdbc-source');
    return this.#client;
  }

  async #closeClient(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
