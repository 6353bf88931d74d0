import type { ConfigStore, ConnectorConfig, ConnectorConfigRecord, TargetState, TaskConfigs } from '../config-store.ts';
import { ConnectorExistsError, ConnectorNotFoundError, StaleVersionError } from '../errors.ts';
import { compareUtf8 } from '../partition-key.ts';
import type { Clock } from '../stores.ts';
import { copy, type MemoryStoreOptions, type MemoryTable, settle } from './table.ts';

/** The in-memory ConfigStore: same results, same errors, same conditions as DynamoDbConfigStore. */
export class MemoryConfigStore implements ConfigStore {
  readonly #table: MemoryTable;
  readonly #clock: Clock;

  constructor(options: MemoryStoreOptions) {
    this.#table = options.table;
    this.#clock = options.clock ?? Date.now;
  }

  get(name: string): Promise<ConnectorConfigRecord | undefined> {
    return settle(() => copy(this.#table.peek(name)?.config));
  }

  list(): Promise<string[]> {
    return settle(() =>
      this.#table
        .names()
        .filter((name) => this.#table.peek(name)?.config !== undefined)
        .sort(compareUtf8),
    );
  }

  create(name: string, config: ConnectorConfig, targetState: TargetState = 'STARTED'): Promise<ConnectorConfigRecord> {
    return settle(() => {
      const entry = this.#table.connector(name);
      if (entry.config !== undefined) throw new ConnectorExistsError(name);
      const now = this.#now();
      entry.config = { name, config: copy(config), targetState, version: 1, createdAt: now, updatedAt: now };
      return copy(entry.config);
    });
  }

  update(name: string, config: ConnectorConfig, expectedVersion: number): Promise<ConnectorConfigRecord> {
    return settle(() => {
      const current = this.#current(name, expectedVersion);
      const updated = { ...current, config: copy(config), version: current.version + 1, updatedAt: this.#now() };
      this.#table.connector(name).config = updated;
      return copy(updated);
    });
  }

  setTargetState(name: string, state: TargetState, expectedVersion?: number): Promise<number> {
    return settle(() => {
      const current = this.#current(name, expectedVersion);
      const updated = { ...current, targetState: state, version: current.version + 1, updatedAt: this.#now() };
      this.#table.connector(name).config = updated;
      return updated.version;
    });
  }

  delete(name: string, expectedVersion?: number): Promise<void> {
    return settle(() => {
      this.#current(name, expectedVersion);
      this.#table.remove(name);
    });
  }

  getTasks(name: string): Promise<TaskConfigs | undefined> {
    return settle(() => copy(this.#table.peek(name)?.tasks));
  }

  putTasks(name: string, tasks: readonly ConnectorConfig[], expectedGeneration: number): Promise<number> {
    return settle(() => {
      const entry = this.#table.peek(name);
      if (entry?.config === undefined) throw new ConnectorNotFoundError(name);
      const actual = entry.tasks?.generation ?? 0;
      if (actual !== expectedGeneration) throw new StaleVersionError(name, 'tasks', expectedGeneration, actual);
      entry.tasks = { generation: expectedGeneration + 1, tasks: copy([...tasks]) };
      return expectedGeneration + 1;
    });
  }

  /** The stored config, if it exists at the expected version (when one is expected). */
  #current(name: string, expectedVersion: number | undefined): ConnectorConfigRecord {
    const current = this.#table.peek(name)?.config;
    if (current === undefined) throw new ConnectorNotFoundError(name);
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw new StaleVersionError(name, 'config', expectedVersion, current.version);
    return current;
  }

  #now(): string {
    return new Date(this.#clock()).toISOString();
  }
}
