import { ConnectException } from '../../../api/errors.ts';
import type { DatabaseClient } from '../dialect/database-client.ts';
import type { DatabaseDialect, SinkColumn, TableColumn, TableDefinition } from '../dialect/dialect.ts';
import type { TableId } from '../dialect/table-id.ts';
import type { FieldsMetadata } from './fields-metadata.ts';
import { alterTableStatement, createTableStatement } from './sql-statements.ts';

/** Creating or changing a destination table failed, or is not allowed (Confluent's `TableAlterOrCreateException`). */
export class TableAlterOrCreateException extends ConnectException {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'TableAlterOrCreateException';
  }
}

/** The table's column for a field: the same name, or failing that the same name in another case. */
export function resolveColumn(definition: TableDefinition, name: string): TableColumn | undefined {
  return (
    definition.columns.find((column) => column.name === name) ??
    definition.columns.find((column) => column.name.toLowerCase() === name.toLowerCase())
  );
}

/**
 * Keeps destination tables in step with the records (Confluent's `DbStructure`): creates a missing
 * table when `auto.create` is on, adds missing columns when `auto.evolve` is on, and otherwise
 * refuses with a message saying which setting to change. Definitions are cached and re-read when a
 * record brings a field the cached definition lacks.
 */
export class TableStructure {
  readonly #dialect: DatabaseDialect;
  readonly #autoCreate: boolean;
  readonly #autoEvolve: boolean;
  readonly #cache = new Map<string, TableDefinition>();

  constructor(dialect: DatabaseDialect, options: { autoCreate: boolean; autoEvolve: boolean }) {
    this.#dialect = dialect;
    this.#autoCreate = options.autoCreate;
    this.#autoEvolve = options.autoEvolve;
  }

  /** The table as it is, or null when it does not exist. */
  async existing(client: DatabaseClient, table: TableId): Promise<TableDefinition | null> {
    const key = this.#dialect.table(table);
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const definition = await this.#dialect.describeTable(client, table);
    if (definition !== null) this.#cache.set(key, definition);
    return definition;
  }

  /** Makes sure the table exists and has every column of `fields`; returns its definition. */
  async ensure(client: DatabaseClient, table: TableId, fields: FieldsMetadata): Promise<TableDefinition> {
    const key = this.#dialect.table(table);
    const all = [...fields.keyColumns, ...fields.nonKeyColumns];
    let definition = this.#cache.get(key);
    if (definition !== undefined && missingColumns(definition, all).length === 0) return definition;
    definition = (await this.#dialect.describeTable(client, table)) ?? (await this.#create(client, table, all));
    const missing = missingColumns(definition, all);
    if (missing.length > 0) definition = await this.#evolve(client, table, missing);
    this.#cache.set(key, definition);
    return definition;
  }

  /** Forgets what is known about a table (after a failed write, say). */
  forget(table: TableId): void {
    this.#cache.delete(this.#dialect.table(table));
  }

  async #create(client: DatabaseClient, table: TableId, columns: readonly SinkColumn[]): Promise<TableDefinition> {
    if (!this.#autoCreate) {
      throw new TableAlterOrCreateException(
        `Table ${this.#dialect.table(table)} is missing and auto-creation is disabled (set auto.create=true).`,
      );
    }
    try {
      await client.query(createTableStatement(this.#dialect, table, columns));
    } catch (error) {
      // Another task may have created it meanwhile; the definition read below tells.
      const created = await this.#dialect.describeTable(client, table).catch(() => null);
      if (created !== null) return created;
      throw new TableAlterOrCreateException(`Could not create table ${this.#dialect.table(table)}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return this.#describe(client, table);
  }

  async #evolve(client: DatabaseClient, table: TableId, missing: readonly SinkColumn[]): Promise<TableDefinition> {
    const names = missing.map((column) => column.name).join(', ');
    if (!this.#autoEvolve) {
      throw new TableAlterOrCreateException(
        `Table ${this.#dialect.table(table)} is missing fields (${names}) and auto-evolution is disabled (set auto.evolve=true).`,
      );
    }
    let statement: string;
    try {
      statement = alterTableStatement(this.#dialect, table, missing);
    } catch (error) {
      throw new TableAlterOrCreateException((error as Error).message, { cause: error });
    }
    try {
      await client.query(statement);
    } catch (error) {
      const current = await this.#dialect.describeTable(client, table).catch(() => null);
      if (current !== null && missingColumns(current, missing).length === 0) return current;
      throw new TableAlterOrCreateException(
        `Could not add columns (${names}) to ${this.#dialect.table(table)}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return this.#describe(client, table);
  }

  async #describe(client: DatabaseClient, table: TableId): Promise<TableDefinition> {
    const definition = await this.#dialect.describeTable(client, table);
    if (definition === null) throw new TableAlterOrCreateException(`Table ${this.#dialect.table(table)} is not visible after creating it.`);
    return definition;
  }
}

function missingColumns(definition: TableDefinition, columns: readonly SinkColumn[]): SinkColumn[] {
  return columns.filter((column) => resolveColumn(definition, column.name) === undefined);
}
