import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ConfigStore, ConnectorConfig, ConnectorConfigRecord, TargetState, TaskConfigs } from '../config-store.ts';
import { ConnectorExistsError, ConnectorNotFoundError, StaleVersionError, StoreError } from '../errors.ts';
import { compareUtf8 } from '../partition-key.ts';
import type { Clock } from '../stores.ts';
import { deleteKeys, queryPartition } from './batch.ts';
import { configItem, parseConfigItem, storedVersion } from './config-item.ts';
import { cancellationReasons, conditionFailure, storeFailure } from './failures.ts';
import { type DynamoDbStoreOptions, type Item, n, requiredNumber, s, stringMap } from './items.ts';
import { configSortKey, connectorKey, connectorNameOf, sortKeys } from './table.ts';

/** Connector configs and task configs in the Copycat table (see table.ts for the item layout). */
export class DynamoDbConfigStore implements ConfigStore {
  readonly #options: DynamoDbStoreOptions;
  readonly #clock: Clock;

  constructor(options: DynamoDbStoreOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  async get(name: string): Promise<ConnectorConfigRecord | undefined> {
    const item = await this.#getItem(name, configSortKey);
    return item === undefined ? undefined : parseConfigItem(name, item);
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    let start: Item | undefined;
    do {
      const page = await this.#options.client
        .send(
          new ScanCommand({
            TableName: this.#options.tableName,
            FilterExpression: '#sk = :config',
            ProjectionExpression: '#pk',
            ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
            ExpressionAttributeValues: { ':config': s(configSortKey) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        )
        .catch((error: unknown) => {
          throw storeFailure(error, 'listing connectors');
        });
      for (const item of page.Items ?? []) {
        const name = connectorNameOf(item.pk?.S ?? '');
        if (name !== undefined) names.push(name);
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return names.sort(compareUtf8);
  }

  async create(name: string, config: ConnectorConfig, targetState: TargetState = 'STARTED'): Promise<ConnectorConfigRecord> {
    const now = this.#now();
    const record: ConnectorConfigRecord = { name, config: { ...config }, targetState, version: 1, createdAt: now, updatedAt: now };
    try {
      await this.#options.client.send(
        new PutItemCommand({
          TableName: this.#options.tableName,
          Item: configItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (conditionFailure(error)) throw new ConnectorExistsError(name, { cause: error });
      throw storeFailure(error, `creating connector ${name}`);
    }
    return record;
  }

  async update(name: string, config: ConnectorConfig, expectedVersion: number): Promise<ConnectorConfigRecord> {
    const item = await this.#updateConfig(
      name,
      expectedVersion,
      'SET #config = :config, #name = :name, #targetState = if_not_exists(#targetState, :started)',
      {
        names: { '#config': 'config', '#name': 'name', '#targetState': 'targetState' },
        values: { ':config': stringMap(config), ':name': s(name), ':started': s('STARTED') },
      },
    );
    return parseConfigItem(name, item);
  }

  async setTargetState(name: string, state: TargetState, expectedVersion?: number): Promise<number> {
    const item = await this.#updateConfig(name, expectedVersion, 'SET #targetState = :state', {
      names: { '#targetState': 'targetState' },
      values: { ':state': s(state) },
    });
    return requiredNumber(item, 'version', `connector ${name} config`);
  }

  async delete(name: string, expectedVersion?: number): Promise<void> {
    // Check first, so a stale or unknown delete touches nothing.
    const current = await this.#getItem(name, configSortKey);
    if (current === undefined) throw new ConnectorNotFoundError(name);
    if (expectedVersion !== undefined && storedVersion(current) !== expectedVersion)
      throw new StaleVersionError(name, 'config', expectedVersion, storedVersion(current));
    // The config goes last: while it exists the connector is visible and a delete that stopped
    // halfway can simply be repeated, and no item outlives it unseen. Leases go first so a run
    // still going loses the right to commit offsets before they are removed; then offsets, task
    // configs and statuses (the reconciler and REST API treat missing ones as "none yet").
    // Leases are removed in requests of their own: within one BatchWriteItem the order is not kept.
    const items = await queryPartition(this.#options, connectorKey(name), '', ['pk', 'sk']);
    const leases = items.filter((item) => item.sk?.S?.startsWith(sortKeys.leasePrefix));
    const rank = (sk: string) => (sk.startsWith(sortKeys.offsetPrefix) ? 0 : sk === sortKeys.tasks ? 1 : 2);
    const others = items
      .filter((item) => item.sk?.S !== configSortKey && !leases.includes(item))
      .sort((a, b) => rank(a.sk?.S ?? '') - rank(b.sk?.S ?? ''));
    await deleteKeys(this.#options, leases, `deleting the leases of connector ${name}`);
    await deleteKeys(this.#options, others, `deleting the items of connector ${name}`);
    try {
      await this.#options.client.send(
        new DeleteItemCommand({
          TableName: this.#options.tableName,
          Key: this.#key(name, configSortKey),
          ...versionCondition(expectedVersion),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      throw this.#configConflict(name, expectedVersion ?? 0, error);
    }
  }

  async getTasks(name: string): Promise<TaskConfigs | undefined> {
    const item = await this.#getItem(name, sortKeys.tasks);
    if (item === undefined) return undefined;
    const what = `connector ${name} tasks`;
    const list = item.tasks?.L;
    if (list === undefined) throw new StoreError(`The ${what} item has no list "tasks"; it was not written by Copycat. Delete or fix it.`);
    const tasks = list.map((task) => Object.fromEntries(Object.entries(task.M ?? {}).map(([key, value]) => [key, value.S ?? ''])));
    return { generation: requiredNumber(item, 'generation', what), tasks };
  }

  async putTasks(name: string, tasks: readonly ConnectorConfig[], expectedGeneration: number): Promise<number> {
    const generation = expectedGeneration + 1;
    const { tableName } = this.#options;
    try {
      await this.#options.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { ConditionCheck: { TableName: tableName, Key: this.#key(name, configSortKey), ConditionExpression: 'attribute_exists(pk)' } },
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...this.#key(name, sortKeys.tasks),
                  generation: n(generation),
                  count: n(tasks.length),
                  tasks: { L: tasks.map(stringMap) },
                  updatedAt: s(this.#now()),
                },
                ConditionExpression: expectedGeneration === 0 ? 'attribute_not_exists(pk)' : 'generation = :expected',
                ExpressionAttributeValues: expectedGeneration === 0 ? undefined : { ':expected': n(expectedGeneration) },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
    } catch (error) {
      const [config, put] = cancellationReasons(error) ?? [];
      if (config?.code === 'ConditionalCheckFailed') throw new ConnectorNotFoundError(name, { cause: error });
      if (put?.code === 'ConditionalCheckFailed')
        throw new StaleVersionError(name, 'tasks', expectedGeneration, Number(put.item?.generation?.N ?? 0), { cause: error });
      throw storeFailure(error, `writing the task configs of connector ${name}`);
    }
    return generation;
  }

  /** Updates the config item if it exists (and has the expected version), bumping the version; returns the new item. */
  async #updateConfig(
    name: string,
    expectedVersion: number | undefined,
    set: string,
    expression: { names: Record<string, string>; values: Item },
  ): Promise<Item> {
    const condition = versionCondition(expectedVersion);
    const bump = expectedVersion === undefined ? ' ADD #version :one' : ', #version = :next';
    try {
      const result = await this.#options.client.send(
        new UpdateItemCommand({
          TableName: this.#options.tableName,
          Key: this.#key(name, configSortKey),
          UpdateExpression: `${set}, #updatedAt = :now${bump}`,
          ConditionExpression: condition.ConditionExpression,
          ExpressionAttributeNames: {
            ...expression.names,
            ...condition.ExpressionAttributeNames,
            '#version': 'version',
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: {
            ...expression.values,
            ...condition.ExpressionAttributeValues,
            ':now': s(this.#now()),
            ...(expectedVersion === undefined ? { ':one': n(1) } : { ':next': n(expectedVersion + 1) }),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      throw this.#configConflict(name, expectedVersion ?? 0, error);
    }
  }

  /** The error for a failed conditional write of a config item. */
  #configConflict(name: string, expectedVersion: number, error: unknown): Error {
    const failure = conditionFailure(error);
    if (failure === undefined) return storeFailure(error, `writing the config of connector ${name}`);
    if (failure.item === undefined) return new ConnectorNotFoundError(name, { cause: error });
    return new StaleVersionError(name, 'config', expectedVersion, storedVersion(failure.item), { cause: error });
  }

  async #getItem(name: string, sk: string): Promise<Item | undefined> {
    const result = await this.#options.client
      .send(new GetItemCommand({ TableName: this.#options.tableName, Key: this.#key(name, sk), ConsistentRead: true }))
      .catch((error: unknown) => {
        throw storeFailure(error, `reading the ${sk} item of connector ${name}`);
      });
    return result.Item;
  }

  #key(name: string, sk: string): Item {
    return { pk: s(connectorKey(name)), sk: s(sk) };
  }

  #now(): string {
    return new Date(this.#clock()).toISOString();
  }
}

/** The condition of a write to an existing config item, at a version when one is expected (0 also matches none). */
function versionCondition(expectedVersion: number | undefined): {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
} {
  if (expectedVersion === undefined) return { ConditionExpression: 'attribute_exists(pk)' };
  const matches = expectedVersion === 0 ? '(attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected';
  return {
    ConditionExpression: `attribute_exists(pk) AND ${matches}`,
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': n(expectedVersion) },
  };
}
