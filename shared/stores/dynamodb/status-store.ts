import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { StaleVersionError, type VersionedSubject } from '../errors.ts';
import type {
  ConnectorState,
  ConnectorStatus,
  ConnectorStatuses,
  StatusStore,
  StatusUpdate,
  TaskState,
  TaskStatus,
} from '../status-store.ts';
import type { Clock } from '../stores.ts';
import { deleteKeys, queryPartition } from './batch.ts';
import { conditionFailure, storeFailure } from './failures.ts';
import { type DynamoDbStoreOptions, type Item, n, requiredNumber, requiredString, s, stringOf } from './items.ts';
import { connectorKey, sortKeys } from './table.ts';

/** Connector and task statuses in the Copycat table. */
export class DynamoDbStatusStore implements StatusStore {
  readonly #options: DynamoDbStoreOptions;
  readonly #clock: Clock;

  constructor(options: DynamoDbStoreOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  async putConnector(connector: string, status: StatusUpdate<ConnectorState>): Promise<void> {
    await this.#put(connector, sortKeys.connectorStatus, 'connector status', status);
  }

  async putTask(connector: string, taskId: number, status: StatusUpdate<TaskState>): Promise<void> {
    await this.#put(connector, sortKeys.taskStatus(taskId), `task ${taskId} status`, status);
  }

  async get(connector: string): Promise<ConnectorStatuses> {
    const items = await queryPartition(this.#options, connectorKey(connector), sortKeys.connectorStatus);
    let connectorStatus: ConnectorStatus | undefined;
    const tasks: TaskStatus[] = [];
    for (const item of items) {
      const sk = item.sk?.S ?? '';
      if (sk === sortKeys.connectorStatus) connectorStatus = this.#parse(connector, item, 'connector status');
      else if (sk.startsWith(sortKeys.taskStatusPrefix)) {
        const id = Number(sk.slice(sortKeys.taskStatusPrefix.length));
        tasks.push({ id, ...this.#parse(connector, item, `task ${id} status`) } as TaskStatus);
      }
    }
    return { connector: connectorStatus, tasks: tasks.sort((a, b) => a.id - b.id) };
  }

  async deleteTasksAbove(connector: string, count: number): Promise<void> {
    const items = await queryPartition(this.#options, connectorKey(connector), sortKeys.taskStatusPrefix, ['pk', 'sk']);
    const doomed = items.filter((item) => Number((item.sk?.S ?? '').slice(sortKeys.taskStatusPrefix.length)) >= count);
    await deleteKeys(this.#options, doomed, `deleting task statuses of connector ${connector}`);
  }

  async #put(connector: string, sk: string, subject: VersionedSubject, status: StatusUpdate): Promise<void> {
    const item: Item = {
      pk: s(connectorKey(connector)),
      sk: s(sk),
      state: s(status.state),
      workerId: s(status.workerId),
      generation: n(status.generation),
      updatedAt: s(new Date(this.#clock()).toISOString()),
    };
    if (status.trace !== undefined) item.trace = s(status.trace);
    try {
      await this.#options.client.send(
        new PutItemCommand({
          TableName: this.#options.tableName,
          Item: item,
          // Kafka Connect ignores a status from an older generation than the one it holds.
          ConditionExpression: 'attribute_not_exists(pk) OR generation <= :generation',
          ExpressionAttributeValues: { ':generation': n(status.generation) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      const failure = conditionFailure(error);
      if (failure !== undefined)
        throw new StaleVersionError(connector, subject, status.generation, Number(failure.item?.generation?.N ?? 0), { cause: error });
      throw storeFailure(error, `writing the ${subject} of connector ${connector}`);
    }
  }

  #parse(connector: string, item: Item, subject: string): ConnectorStatus {
    const what = `connector ${connector} ${subject}`;
    const trace = stringOf(item, 'trace');
    return {
      state: requiredString(item, 'state', what) as ConnectorState,
      workerId: requiredString(item, 'workerId', what),
      ...(trace === undefined ? {} : { trace }),
      generation: requiredNumber(item, 'generation', what),
      updatedAt: requiredString(item, 'updatedAt', what),
    };
  }
}
