import { Struct, schemasEqual } from '../../../api/data/index.ts';
import { ConnectException, DataException } from '../../../api/errors.ts';
import type { SinkRecord } from '../../../api/record/sink-record.ts';
import { type DatabaseClient, isConnectionError } from '../dialect/database-client.ts';
import type { DatabaseDialect, TableDefinition } from '../dialect/dialect.ts';
import { toSqlParameter } from '../dialect/sql-literals.ts';
import type { TableId } from '../dialect/table-id.ts';
import { extractFields, type FieldsMetadata, keyValues, nonKeyValues } from './fields-metadata.ts';
import { type InsertMode, type PkMode, TOPIC_PLACEHOLDER } from './sink-config.ts';
import { type BoundColumn, deleteStatement, insertStatement, updateStatement, upsertStatement } from './sql-statements.ts';
import { resolveColumn, type TableStructure } from './table-structure.ts';

/** A record the database rejected, or that could not be turned into a row; reported to the errant record reporter. */
export interface RecordFailure {
  readonly record: SinkRecord;
  readonly error: Error;
}

/** The database refused a row (Kafka Connect would report the driver's `SQLException`). */
export class SqlException extends ConnectException {
  override get kafkaClassName(): string {
    return 'java.sql.SQLException';
  }

  readonly sqlState: string | undefined;

  constructor(message: string, options: { cause?: unknown; sqlState?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SqlException';
    this.sqlState = options.sqlState;
  }
}

/** One record made ready to write: its table, what to do, and the values to bind. */
export interface WriteItem {
  readonly record: SinkRecord;
  readonly table: TableId;
  readonly kind: 'write' | 'delete' | 'skip';
  readonly keyColumns: readonly BoundColumn[];
  readonly nonKeyColumns: readonly BoundColumn[];
  readonly keyParams: readonly unknown[];
  readonly nonKeyParams: readonly unknown[];
}

export interface WriterOptions {
  readonly insertMode: InsertMode;
  readonly pkMode: PkMode;
  readonly pkFields: readonly string[];
  readonly whitelist: ReadonlySet<string>;
  readonly tableNameFormat: string;
  readonly deleteEnabled: boolean;
  readonly batchSize: number;
  readonly replaceNullWithDefault: boolean;
}

/**
 * Turns sink records into statements (Confluent's `BufferedRecords`/`JdbcDbWriter`): runs of
 * consecutive records for the same table and schema become one multi-row INSERT or upsert (at
 * most `batch.size` rows), UPDATEs and DELETEs go one row at a time, in record order. Every run is
 * guarded by a savepoint: when the database rejects it, the rows are retried one by one so that
 * only the rows it refuses are returned as failures.
 */
export class RecordWriter {
  readonly #dialect: DatabaseDialect;
  readonly #options: WriterOptions;
  readonly #structure: TableStructure;
  #fieldsCache: { key: SinkRecord['keySchema']; value: SinkRecord['valueSchema']; table: string; fields: FieldsMetadata } | undefined;

  constructor(dialect: DatabaseDialect, options: WriterOptions, structure: TableStructure) {
    this.#dialect = dialect;
    this.#options = options;
    this.#structure = structure;
  }

  /** The destination table of a record (`table.name.format` with `${topic}`). */
  tableFor(record: SinkRecord): TableId {
    const name = this.#options.tableNameFormat.split(TOPIC_PLACEHOLDER).join(record.topic);
    return this.#dialect.parseTableId(name);
  }

  /**
   * Checks each record, works out its columns and makes sure its table has them (the DDL of
   * `auto.create`/`auto.evolve` runs here, before any transaction, since MySQL commits on DDL).
   */
  async prepare(client: DatabaseClient, records: readonly SinkRecord[]): Promise<{ items: WriteItem[]; failures: RecordFailure[] }> {
    const items: WriteItem[] = [];
    const failures: RecordFailure[] = [];
    for (const record of records) {
      try {
        items.push(await this.#prepareOne(client, record));
      } catch (error) {
        if (isConnectionError(error)) throw error;
        failures.push({ record, error: error instanceof Error ? error : new ConnectException(String(error)) });
      }
    }
    return { items, failures };
  }

  async #prepareOne(client: DatabaseClient, record: SinkRecord): Promise<WriteItem> {
    const table = this.tableFor(record);
    const where = `(topic='${record.topic}',partition=${record.kafkaPartition},offset=${record.kafkaOffset})`;
    if (record.value === null) {
      if (!this.#options.deleteEnabled) {
        throw new ConnectException(
          `Sink connector is configured with 'delete.enabled=false' and 'pk.mode=${this.#options.pkMode}' and therefore requires records with a non-null Struct value and non-null Struct schema, but found record at ${where} with a null value and null value schema.`,
        );
      }
      if (record.key === null) throw new ConnectException(`A tombstone at ${where} has no key to delete by.`);
      const fields = this.#fields(table, record, null);
      const definition = await this.#structure.existing(client, table);
      // Nothing to delete from a table that does not exist.
      if (definition === null) return { record, table, kind: 'skip', keyColumns: [], nonKeyColumns: [], keyParams: [], nonKeyParams: [] };
      const keyColumns = this.#bind(
        definition,
        fields.keyColumns.map((column) => column.name),
      );
      return {
        record,
        table: definition.id,
        kind: 'delete',
        keyColumns,
        nonKeyColumns: [],
        keyParams: this.#keyParams(record, fields),
        nonKeyParams: [],
      };
    }
    if (record.valueSchema === null || !(record.value instanceof Struct)) {
      throw new ConnectException(
        `The JDBC sink needs records with a Struct value and schema (a schema-aware converter such as JsonConverter with schemas.enable=true, or Avro); the record at ${where} has none.`,
      );
    }
    const fields = this.#fields(table, record, record.valueSchema);
    if (this.#options.insertMode !== 'insert' && fields.keyColumns.length === 0) {
      throw new ConnectException(
        `Write to table '${this.#dialect.table(table)}' in ${this.#options.insertMode.toUpperCase()} mode requires key field names to be known, check the primary key configuration`,
      );
    }
    const definition = await this.#structure.ensure(client, table, fields);
    const nonKeyParams = nonKeyValues(record, fields.nonKeyColumns, this.#options.replaceNullWithDefault).map((value, i) => {
      const column = fields.nonKeyColumns[i];
      return column === undefined ? value : toSqlParameter(column.schema, value, column.name);
    });
    return {
      record,
      table: definition.id,
      kind: 'write',
      keyColumns: this.#bind(
        definition,
        fields.keyColumns.map((column) => column.name),
      ),
      nonKeyColumns: this.#bind(
        definition,
        fields.nonKeyColumns.map((column) => column.name),
      ),
      keyParams: this.#keyParams(record, fields),
      nonKeyParams,
    };
  }

  #fields(table: TableId, record: SinkRecord, valueSchema: SinkRecord['valueSchema']): FieldsMetadata {
    const name = this.#dialect.table(table);
    const cached = this.#fieldsCache;
    if (
      cached !== undefined &&
      cached.table === name &&
      schemasEqual(cached.key, record.keySchema) &&
      schemasEqual(cached.value, valueSchema)
    ) {
      return cached.fields;
    }
    const fields = extractFields(
      { table: name, pkMode: this.#options.pkMode, pkFields: this.#options.pkFields, whitelist: this.#options.whitelist },
      record.keySchema,
      valueSchema,
    );
    this.#fieldsCache = { key: record.keySchema, value: valueSchema, table: name, fields };
    return fields;
  }

  #keyParams(record: SinkRecord, fields: FieldsMetadata): unknown[] {
    const values = keyValues(record, this.#options.pkMode, fields.keyColumns, this.#options.replaceNullWithDefault);
    return values.map((value, i) => {
      const column = fields.keyColumns[i];
      if (value === null || value === undefined)
        throw new DataException(`Key field "${column?.name}" of the record is null; a key column cannot be.`);
      return column === undefined ? value : toSqlParameter(column.schema, value, column.name);
    });
  }

  #bind(definition: TableDefinition, names: readonly string[]): BoundColumn[] {
    return names.map((name) => {
      const column = resolveColumn(definition, name);
      return { name: column?.name ?? name, typeName: column?.typeName };
    });
  }

  /**
   * Writes the items inside the caller's transaction, in order.
   * @returns the records the database refused (their rows are not written).
   * @throws the driver's error when the connection fails (the caller rolls back).
   */
  async execute(client: DatabaseClient, items: readonly WriteItem[]): Promise<RecordFailure[]> {
    const failures: RecordFailure[] = [];
    for (const run of this.#runs(items)) {
      await client.query('SAVEPOINT copycat_run');
      try {
        await this.#executeRun(client, run);
        await client.query('RELEASE SAVEPOINT copycat_run');
        continue;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT copycat_run');
      }
      // The run failed: find the rows the database refuses, one at a time.
      for (const item of run) {
        await client.query('SAVEPOINT copycat_row');
        try {
          await this.#executeRun(client, [item]);
          await client.query('RELEASE SAVEPOINT copycat_row');
        } catch (error) {
          if (isConnectionError(error)) throw error;
          await client.query('ROLLBACK TO SAVEPOINT copycat_row');
          failures.push({ record: item.record, error: sqlException(error, item, this.#dialect) });
        }
      }
      await client.query('RELEASE SAVEPOINT copycat_run');
    }
    return failures;
  }

  /** Consecutive items that can share statements: same table, kind and columns; upsert runs never repeat a key. */
  *#runs(items: readonly WriteItem[]): Generator<WriteItem[]> {
    const maxRows = Math.max(1, this.#options.batchSize);
    let run: WriteItem[] = [];
    let keys = new Set<string>();
    let signature = '';
    for (const item of items) {
      if (item.kind === 'skip') continue;
      const itemSignature = `${this.#dialect.table(item.table)}|${item.kind}|${item.keyColumns.map((c) => c.name).join(',')}|${item.nonKeyColumns.map((c) => c.name).join(',')}`;
      const key = JSON.stringify(item.keyParams, (_, value) => (typeof value === 'bigint' ? String(value) : value));
      const columns = item.keyColumns.length + item.nonKeyColumns.length;
      const full = run.length >= Math.min(maxRows, Math.floor(this.#dialect.maxParameters / Math.max(1, columns)));
      if (run.length > 0 && (itemSignature !== signature || full || (item.keyColumns.length > 0 && keys.has(key)))) {
        yield run;
        run = [];
        keys = new Set();
      }
      signature = itemSignature;
      run.push(item);
      keys.add(key);
    }
    if (run.length > 0) yield run;
  }

  async #executeRun(client: DatabaseClient, run: readonly WriteItem[]): Promise<void> {
    const first = run[0];
    if (first === undefined) return;
    const { table, keyColumns, nonKeyColumns } = first;
    if (first.kind === 'delete') {
      const sql = deleteStatement(this.#dialect, table, keyColumns);
      for (const item of run) await client.query(sql, item.keyParams);
      return;
    }
    switch (this.#options.insertMode) {
      case 'insert':
        await client.query(
          insertStatement(this.#dialect, table, [...keyColumns, ...nonKeyColumns], run.length),
          run.flatMap((item) => [...item.keyParams, ...item.nonKeyParams]),
        );
        return;
      case 'upsert':
        await client.query(
          upsertStatement(this.#dialect, table, keyColumns, nonKeyColumns, run.length),
          run.flatMap((item) => [...item.keyParams, ...item.nonKeyParams]),
        );
        return;
      case 'update': {
        // A record with nothing but its key has nothing to update.
        if (nonKeyColumns.length === 0) return;
        const sql = updateStatement(this.#dialect, table, keyColumns, nonKeyColumns);
        for (const item of run) await client.query(sql, [...item.nonKeyParams, ...item.keyParams]);
        return;
      }
    }
  }
}

function sqlException(error: unknown, item: WriteItem, dialect: DatabaseDialect): SqlException {
  const record = item.record;
  const code = (error as { code?: unknown }).code;
  const sqlState = typeof code === 'string' ? code : ((error as { sqlState?: string }).sqlState ?? undefined);
  return new SqlException(
    `Table ${dialect.table(item.table)} rejected the record at (topic='${record.topic}',partition=${record.kafkaPartition},offset=${record.kafkaOffset}): ${(error as Error)?.message ?? error}`,
    { cause: error, sqlState },
  );
}
