import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type KeySchemaElement,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

// One table holds every connector's state, each connector in its own item collection
// (pk = `connector#<name>`), told apart by the sort key:
//
//   sk = config                 name, config (map of strings), targetState, version, createdAt, updatedAt
//   sk = tasks                  generation, count, tasks (list of string maps), updatedAt
//   sk = status                 connector status: state, workerId, trace?, generation, updatedAt
//   sk = status#task#<id>       task status, same attributes
//   sk = offset#<partition>     partition, offset (canonical JSON strings), updatedAt
//   sk = lease#task#<id>        owner, generation, expiresAt (epoch ms), acquiredAt
//
// Why one table: everything about a connector is one Query away (delete, REST status); an offset
// commit can be conditional on the task's lease in one transaction (ConditionCheck + Puts), which
// needs both items reachable by one call; `putTasks` is conditional on the config in the same way;
// and there is one stream, one set of IAM grants and one alarm set to provision. The stream
// (NEW_AND_OLD_IMAGES) carries every write, and the reconciler's event filter keeps only
// `sk = "config"` records, so offset and status traffic never invokes it.
// Listing connectors is a Scan filtered on `sk = "config"`: a control-plane call over a table of
// modest size; a GSI would double the write cost of every offset commit to speed up a rare read.

/** The partition and sort key names; every item has both, as strings. */
export const partitionKeyName = 'pk';
export const sortKeyName = 'sk';

export const keySchema: readonly KeySchemaElement[] = [
  { AttributeName: partitionKeyName, KeyType: 'HASH' },
  { AttributeName: sortKeyName, KeyType: 'RANGE' },
];

export const attributeDefinitions: readonly AttributeDefinition[] = [
  { AttributeName: partitionKeyName, AttributeType: 'S' },
  { AttributeName: sortKeyName, AttributeType: 'S' },
];

/** The sort key of config items: the reconciler's stream filter matches it. */
export const configSortKey = 'config';

/**
 * The Lambda event filter pattern (FilterCriteria) that passes only config items' stream records:
 * inserts, modifications and removals of `sk = "config"`.
 */
export const configStreamFilterPattern = { dynamodb: { Keys: { [sortKeyName]: { S: [configSortKey] } } } } as const;

const connectorPrefix = 'connector#';

/** The partition key of a connector's items. */
export function connectorKey(name: string): string {
  return `${connectorPrefix}${name}`;
}

/** The connector name in a partition key, or undefined when it is not a connector's. */
export function connectorNameOf(pk: string): string | undefined {
  return pk.startsWith(connectorPrefix) ? pk.slice(connectorPrefix.length) : undefined;
}

/** Sort keys of the other item kinds. */
export const sortKeys = {
  tasks: 'tasks',
  connectorStatus: 'status',
  taskStatusPrefix: 'status#task#',
  taskStatus: (taskId: number) => `status#task#${taskId}`,
  offsetPrefix: 'offset#',
  offset: (offsetKey: string) => `offset#${offsetKey}`,
  leasePrefix: 'lease#task#',
  lease: (taskId: number) => `lease#task#${taskId}`,
} as const;

/**
 * Creates the table (on-demand, stream NEW_AND_OLD_IMAGES) if it does not exist and waits until it
 * is ACTIVE. For tests and the standalone worker; in AWS the CDK stack owns the table.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if (!(await tableExists(client, tableName))) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [...keySchema],
          AttributeDefinitions: [...attributeDefinitions],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
    } catch (error) {
      // Another process created it between our check and our call: wait for it like ours.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName: tableName });
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
