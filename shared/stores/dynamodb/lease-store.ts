import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { LeaseHeldError, LeaseLostError } from '../errors.ts';
import type { Lease, LeaseRequest, LeaseStore, LeaseToken } from '../lease-store.ts';
import type { Clock } from '../stores.ts';
import { conditionFailure, storeFailure } from './failures.ts';
import { type DynamoDbStoreOptions, type Item, n, numberOf, requiredNumber, requiredString, s, stringOf } from './items.ts';
import { connectorKey, sortKeys } from './table.ts';

const names = { '#owner': 'owner', '#expiresAt': 'expiresAt' };

/** Task leases in the Copycat table; the clock rule is described on LeaseStore. */
export class DynamoDbLeaseStore implements LeaseStore {
  readonly #options: DynamoDbStoreOptions;
  readonly #clock: Clock;

  constructor(options: DynamoDbStoreOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  async acquire(connector: string, taskId: number, request: LeaseRequest): Promise<LeaseToken> {
    const now = this.#clock();
    const token: LeaseToken = { connector, taskId, owner: request.owner, generation: request.generation, expiresAt: now + request.ttlMs };
    try {
      await this.#options.client.send(
        new PutItemCommand({
          TableName: this.#options.tableName,
          Item: {
            ...this.#key(connector, taskId),
            owner: s(token.owner),
            generation: n(token.generation),
            expiresAt: n(token.expiresAt),
            acquiredAt: n(now),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt <= :now OR #owner = :owner',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':now': n(now), ':owner': s(token.owner) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      const failure = conditionFailure(error);
      if (failure?.item !== undefined)
        throw new LeaseHeldError(connector, taskId, stringOf(failure.item, 'owner') ?? '?', numberOf(failure.item, 'expiresAt') ?? 0, {
          cause: error,
        });
      throw storeFailure(error, `acquiring the lease of connector ${connector} task ${taskId}`);
    }
    return token;
  }

  async renew(token: LeaseToken, ttlMs: number): Promise<LeaseToken> {
    const now = this.#clock();
    const renewed: LeaseToken = { ...token, expiresAt: now + ttlMs };
    try {
      await this.#options.client.send(
        new UpdateItemCommand({
          TableName: this.#options.tableName,
          Key: this.#key(token.connector, token.taskId),
          UpdateExpression: 'SET #expiresAt = :expiresAt',
          // An expired lease is lost even if nobody took it yet: its holder may already have been presumed dead.
          ConditionExpression: '#owner = :owner AND #expiresAt > :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':expiresAt': n(renewed.expiresAt), ':now': n(now), ':owner': s(token.owner) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      const failure = conditionFailure(error);
      if (failure !== undefined)
        throw new LeaseLostError(
          token.connector,
          token.taskId,
          token.owner,
          failure.item === undefined ? undefined : stringOf(failure.item, 'owner'),
          {
            cause: error,
          },
        );
      throw storeFailure(error, `renewing the lease of connector ${token.connector} task ${token.taskId}`);
    }
    return renewed;
  }

  async release(token: LeaseToken): Promise<boolean> {
    try {
      await this.#options.client.send(
        new DeleteItemCommand({
          TableName: this.#options.tableName,
          Key: this.#key(token.connector, token.taskId),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': s(token.owner) },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailure(error) !== undefined) return false;
      throw storeFailure(error, `releasing the lease of connector ${token.connector} task ${token.taskId}`);
    }
  }

  async get(connector: string, taskId: number): Promise<Lease | undefined> {
    const result = await this.#options.client
      .send(new GetItemCommand({ TableName: this.#options.tableName, Key: this.#key(connector, taskId), ConsistentRead: true }))
      .catch((error: unknown) => {
        throw storeFailure(error, `reading the lease of connector ${connector} task ${taskId}`);
      });
    if (result.Item === undefined) return undefined;
    const what = `connector ${connector} task ${taskId} lease`;
    return {
      owner: requiredString(result.Item, 'owner', what),
      generation: requiredNumber(result.Item, 'generation', what),
      expiresAt: requiredNumber(result.Item, 'expiresAt', what),
    };
  }

  #key(connector: string, taskId: number): Item {
    return { pk: s(connectorKey(connector)), sk: s(sortKeys.lease(taskId)) };
  }
}
