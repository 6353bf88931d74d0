import { type TransactWriteItem, TransactWriteItemsCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { SourceMap } from '../../api/record/source-record.ts';
import { LeaseLostError } from '../errors.ts';
import type { LeaseToken } from '../lease-store.ts';
import type { OffsetEntry, OffsetStore, StoredOffset } from '../offset-store.ts';
import { canonicalJson, type KeyedOffsetEntry, latestEntries, offsetKeyOf, partitionKey } from '../partition-key.ts';
import type { Clock } from '../stores.ts';
import { deleteKeys, getKeys, queryPartition, writeBatches } from './batch.ts';
import { cancellationReasons, storeFailure } from './failures.ts';
import { type DynamoDbStoreOptions, type Item, n, s, sourceMapOf, stringOf } from './items.ts';
import { connectorKey, sortKeys } from './table.ts';

/**
 * A transaction holds at most 100 operations: the lease check plus 99 offsets. A bigger commit is
 * split into several transactions, each atomic and each fenced by the lease on its own, but not
 * atomic together: if the lease is lost between two of them, the first stays written and the rest
 * is refused. That is safe for at-least-once delivery: each partition's offset is independent and
 * every offset written is one whose records Kafka has acked, so a successor replays only what the
 * refused part covered.
 */
const offsetsPerTransaction = 99;

/** Source offsets in the Copycat table, one item per connector and source partition. */
export class DynamoDbOffsetStore implements OffsetStore {
  readonly #options: DynamoDbStoreOptions;
  readonly #clock: Clock;

  constructor(options: DynamoDbStoreOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  async get(connector: string, partitions: readonly SourceMap[]): Promise<Map<string, SourceMap>> {
    const itemKeys = new Set(partitions.map((partition) => offsetKeyOf(partitionKey(partition))));
    const keys = [...itemKeys].map((itemKey) => this.#key(connector, itemKey));
    const items = await getKeys(this.#options, keys, `reading the offsets of connector ${connector}`);
    const offsets = new Map<string, SourceMap>();
    for (const stored of items.map((item) => this.#parse(connector, item))) offsets.set(partitionKey(stored.partition), stored.offset);
    return offsets;
  }

  async list(connector: string): Promise<StoredOffset[]> {
    const items = await queryPartition(this.#options, connectorKey(connector), sortKeys.offsetPrefix);
    return items.map((item) => this.#parse(connector, item));
  }

  async commit(connector: string, entries: readonly OffsetEntry[], lease: LeaseToken): Promise<void> {
    if (lease.connector !== connector) throw new LeaseLostError(connector, lease.taskId, lease.owner, undefined);
    const latest = latestEntries(entries);
    for (let index = 0; index < latest.length; index += offsetsPerTransaction) {
      const chunk = latest.slice(index, index + offsetsPerTransaction);
      await this.#commitChunk(connector, chunk, lease);
    }
  }

  async alter(connector: string, entries: readonly OffsetEntry[]): Promise<void> {
    const requests: WriteRequest[] = latestEntries(entries).map((entry) =>
      entry.offset === null
        ? { DeleteRequest: { Key: this.#key(connector, entry.itemKey) } }
        : { PutRequest: { Item: this.#item(connector, entry, entry.offset) } },
    );
    await writeBatches(this.#options, requests, `altering the offsets of connector ${connector}`);
  }

  async reset(connector: string): Promise<void> {
    const keys = await queryPartition(this.#options, connectorKey(connector), sortKeys.offsetPrefix, ['pk', 'sk']);
    await deleteKeys(this.#options, keys, `resetting the offsets of connector ${connector}`);
  }

  async #commitChunk(connector: string, chunk: readonly KeyedOffsetEntry[], lease: LeaseToken): Promise<void> {
    const { tableName } = this.#options;
    const writes: TransactWriteItem[] = chunk.map((entry) =>
      entry.offset === null
        ? { Delete: { TableName: tableName, Key: this.#key(connector, entry.itemKey) } }
        : { Put: { TableName: tableName, Item: this.#item(connector, entry, entry.offset) } },
    );
    try {
      await this.#options.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: { pk: s(connectorKey(connector)), sk: s(sortKeys.lease(lease.taskId)) },
                // The committer's clock decides expiry, as it decided the lease's (see lease-store.ts).
                ConditionExpression: '#owner = :owner AND #expiresAt > :now',
                ExpressionAttributeNames: { '#owner': 'owner', '#expiresAt': 'expiresAt' },
                ExpressionAttributeValues: { ':owner': s(lease.owner), ':now': n(this.#clock()) },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            ...writes,
          ],
        }),
      );
    } catch (error) {
      const [check] = cancellationReasons(error) ?? [];
      if (check?.code === 'ConditionalCheckFailed')
        throw new LeaseLostError(
          connector,
          lease.taskId,
          lease.owner,
          check.item === undefined ? undefined : stringOf(check.item, 'owner'),
          {
            cause: error,
          },
        );
      throw storeFailure(error, `committing the offsets of connector ${connector} task ${lease.taskId}`);
    }
  }

  #item(connector: string, entry: KeyedOffsetEntry, offset: SourceMap): Item {
    return {
      ...this.#key(connector, entry.itemKey),
      partition: s(entry.key),
      offset: s(canonicalJson(offset)),
      updatedAt: s(new Date(this.#clock()).toISOString()),
    };
  }

  #parse(connector: string, item: Item): StoredOffset {
    const what = `connector ${connector} offset`;
    return { partition: sourceMapOf(item, 'partition', what), offset: sourceMapOf(item, 'offset', what) };
  }

  #key(connector: string, itemKey: string): Item {
    return { pk: s(connectorKey(connector)), sk: s(sortKeys.offset(itemKey)) };
  }
}
