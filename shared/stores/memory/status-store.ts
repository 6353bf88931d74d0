import { StaleVersionError, type VersionedSubject } from '../errors.ts';
import type { ConnectorState, ConnectorStatuses, StatusStore, StatusUpdate, TaskState } from '../status-store.ts';
import type { Clock } from '../stores.ts';
import { copy, type MemoryStoreOptions, type MemoryTable, settle } from './table.ts';

/** The in-memory StatusStore: same results, same errors, same conditions as DynamoDbStatusStore. */
export class MemoryStatusStore implements StatusStore {
  readonly #table: MemoryTable;
  readonly #clock: Clock;

  constructor(options: MemoryStoreOptions) {
    this.#table = options.table;
    this.#clock = options.clock ?? Date.now;
  }

  putConnector(connector: string, status: StatusUpdate<ConnectorState>): Promise<void> {
    return settle(() => {
      const entry = this.#table.connector(connector);
      this.#check(connector, 'connector status', entry.status?.generation, status.generation);
      entry.status = this.#stamped(status);
    });
  }

  putTask(connector: string, taskId: number, status: StatusUpdate<TaskState>): Promise<void> {
    return settle(() => {
      const entry = this.#table.connector(connector);
      this.#check(connector, `task ${taskId} status`, entry.taskStatuses.get(taskId)?.generation, status.generation);
      entry.taskStatuses.set(taskId, { id: taskId, ...this.#stamped(status) });
    });
  }

  get(connector: string): Promise<ConnectorStatuses> {
    return settle(() => {
      const entry = this.#table.peek(connector);
      return {
        connector: copy(entry?.status),
        tasks: [...(entry?.taskStatuses.values() ?? [])].sort((a, b) => a.id - b.id).map(copy),
      };
    });
  }

  deleteTasksAbove(connector: string, count: number): Promise<void> {
    return settle(() => {
      const statuses = this.#table.peek(connector)?.taskStatuses;
      for (const id of [...(statuses?.keys() ?? [])]) if (id >= count) statuses?.delete(id);
    });
  }

  #check(connector: string, subject: VersionedSubject, stored: number | undefined, generation: number): void {
    if (stored !== undefined && stored > generation) throw new StaleVersionError(connector, subject, generation, stored);
  }

  #stamped<State extends ConnectorState>(status: StatusUpdate<State>): StatusUpdate<State> & { updatedAt: string } {
    return {
      state: status.state,
      workerId: status.workerId,
      ...(status.trace === undefined ? {} : { trace: status.trace }),
      generation: status.generation,
      updatedAt: new Date(this.#clock()).toISOString(),
    };
  }
}
