import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * A DynamoDB client for AWS (no endpoint: the SDK's default chain) or for DynamoDB Local (an
 * endpoint URL; DynamoDB Local accepts any credentials, so fixed local ones are supplied).
 */
export function createDynamoDbClient(endpoint?: string): DynamoDBClient {
  if (endpoint === undefined) return new DynamoDBClient({});
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

/** Resolves once DynamoDB answers ListTables. */
export async function probeDynamoDb(endpoint: string): Promise<void> {
  const client = createDynamoDbClient(endpoint);
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
  } finally {
    client.destroy();
  }
}
