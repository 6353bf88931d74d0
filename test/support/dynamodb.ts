// Reading the Copycat table directly, for integration tests that check what the stores left in it.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';

/** Every item under a connector's partition key (those whose sort key starts with `skPrefix`, when given), read consistently. */
export async function connectorItems(
  client: DynamoDBClient,
  tableName: string,
  connector: string,
  skPrefix?: string,
): Promise<Record<string, AttributeValue>[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: skPrefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': { S: `connector#${connector}` },
        ...(skPrefix === undefined ? {} : { ':prefix': { S: skPrefix } }),
      },
      ConsistentRead: true,
    }),
  );
  return Items;
}
