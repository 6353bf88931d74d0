import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ConditionalCheckFailedException, CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { stack, uniqueName } from '../../support/stack.ts';

describe('DynamoDB Local', () => {
  const client = createDynamoDbClient(stack.dynamoDbEndpoint);
  after(() => client.destroy());

  it('when a write is conditional on a stale version, it is rejected and the item keeps the newer one', async () => {
    // Prepare
    const TableName = uniqueName('versions');
    await client.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const write = (version: number, expected: number | undefined) =>
      client.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'connector#orders' }, version: { N: String(version) } },
          ConditionExpression: expected === undefined ? 'attribute_not_exists(pk)' : 'version = :expected',
          ExpressionAttributeValues: expected === undefined ? undefined : { ':expected': { N: String(expected) } },
        }),
      );
    await write(1, undefined);
    await write(2, 1);
    // Act
    const stale = write(2, 1);
    // Assess
    await assert.rejects(stale, ConditionalCheckFailedException);
    const item = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'connector#orders' } }, ConsistentRead: true }));
    assert.equal(item.Item?.version?.N, '2');
  });
});
