import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Clock, Stores } from '../stores.ts';
import { createDynamoDbClient } from './client.ts';
import { DynamoDbConfigStore } from './config-store.ts';
import { DynamoDbLeaseStore } from './lease-store.ts';
import { DynamoDbOffsetStore } from './offset-store.ts';
import { DynamoDbStatusStore } from './status-store.ts';

export interface DynamoDbStoresOptions {
  readonly tableName: string;
  /** DynamoDB Local's URL; absent: AWS with the SDK's default chain. Ignored when `client` is given. */
  readonly endpoint?: string;
  /** A client to share; `close()` then leaves it open. */
  readonly client?: DynamoDBClient;
  readonly clock?: Clock;
}

/** The four stores on one table. */
export function createDynamoDbStores(options: DynamoDbStoresOptions): Stores {
  const client = options.client ?? createDynamoDbClient(options.endpoint);
  const shared = { client, tableName: options.tableName, ...(options.clock === undefined ? {} : { clock: options.clock }) };
  return {
    configs: new DynamoDbConfigStore(shared),
    offsets: new DynamoDbOffsetStore(shared),
    statuses: new DynamoDbStatusStore(shared),
    leases: new DynamoDbLeaseStore(shared),
    close: () => {
      if (options.client === undefined) client.destroy();
    },
  };
}
