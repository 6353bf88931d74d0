import { BatchGetItemCommand, BatchWriteItemCommand, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { StoreUnavailableError } from '../errors.ts';
import { storeFailure } from './failures.ts';
import { type DynamoDbStoreOptions, type Item, s } from './items.ts';

const batchWriteLimit = 25;
const batchGetLimit = 100;
const maxAttempts = 8;

/** Every item of one partition whose sort key starts with `prefix` (all of them for ''), consistently read, in key order. */
export async function queryPartition(
  { client, tableName }: DynamoDbStoreOptions,
  pk: string,
  prefix: string,
  projection?: readonly string[],
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const names: Record<string, string> = { '#pk': 'pk' };
    const values: Item = { ':pk': s(pk) };
    let condition = '#pk = :pk';
    if (prefix !== '') {
      names['#sk'] = 'sk';
      values[':prefix'] = s(prefix);
      condition += ' AND begins_with(#sk, :prefix)';
    }
    projection?.forEach((name, index) => {
      names[`#p${index}`] = name;
    });
    const page = await client
      .send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ProjectionExpression: projection?.map((_, index) => `#p${index}`).join(', '),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      )
      .catch((error: unknown) => {
        throw storeFailure(error, `reading the items of ${pk}`);
      });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/** Deletes items by key, 25 per request, retrying what DynamoDB left unprocessed. */
export async function deleteKeys(options: DynamoDbStoreOptions, keys: readonly Item[], doing: string): Promise<void> {
  await writeBatches(
    options,
    keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk as Item[string], sk: key.sk as Item[string] } } })),
    doing,
  );
}

/** Runs write requests in batches of 25 (not atomic as a whole; each request is), retrying unprocessed ones with backoff. */
export async function writeBatches(
  { client, tableName }: DynamoDbStoreOptions,
  requests: readonly WriteRequest[],
  doing: string,
): Promise<void> {
  for (let index = 0; index < requests.length; index += batchWriteLimit) {
    let pending: WriteRequest[] = requests.slice(index, index + batchWriteLimit);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts)
        throw new StoreUnavailableError(`DynamoDB kept throttling ${doing}; ${pending.length} writes were not made. Retry later.`);
      if (attempt > 1) await backoff(attempt);
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } })).catch((error: unknown) => {
        throw storeFailure(error, doing);
      });
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

/** Reads items by key, 100 per request, consistently, retrying unprocessed keys with backoff. */
export async function getKeys({ client, tableName }: DynamoDbStoreOptions, keys: readonly Item[], doing: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let index = 0; index < keys.length; index += batchGetLimit) {
    let pending: Item[] = keys.slice(index, index + batchGetLimit);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) throw new StoreUnavailableError(`DynamoDB kept throttling ${doing}; retry later.`);
      if (attempt > 1) await backoff(attempt);
      const result = await client
        .send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }))
        .catch((error: unknown) => {
          throw storeFailure(error, doing);
        });
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(2_000, 25 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}
