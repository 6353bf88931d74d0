export type { ConfigStore, ConnectorConfig, ConnectorConfigRecord, TargetState, TaskConfigs } from './config-store.ts';
export { targetStates } from './config-store.ts';
export { createDynamoDbClient } from './dynamodb/client.ts';
export { parseConfigItem } from './dynamodb/config-item.ts';
export { DynamoDbConfigStore } from './dynamodb/config-store.ts';
export type { DynamoDbStoreOptions } from './dynamodb/items.ts';
export { DynamoDbLeaseStore } from './dynamodb/lease-store.ts';
export { DynamoDbOffsetStore } from './dynamodb/offset-store.ts';
export { DynamoDbStatusStore } from './dynamodb/status-store.ts';
export { createDynamoDbStores, type DynamoDbStoresOptions } from './dynamodb/stores.ts';
export {
  attributeDefinitions,
  configSortKey,
  configStreamFilterPattern,
  connectorKey,
  connectorNameOf,
  ensureTable,
  keySchema,
  partitionKeyName,
  sortKeyName,
} from './dynamodb/table.ts';
export {
  ConnectorExistsError,
  ConnectorNotFoundError,
  InvalidConfigItemError,
  LeaseHeldError,
  LeaseLostError,
  StaleVersionError,
  StoreError,
  StoreUnavailableError,
  type VersionedSubject,
} from './errors.ts';
export type { Lease, LeaseRequest, LeaseStore, LeaseToken } from './lease-store.ts';
export { MemoryConfigStore } from './memory/config-store.ts';
export { MemoryLeaseStore } from './memory/lease-store.ts';
export { MemoryOffsetStore } from './memory/offset-store.ts';
export { MemoryStatusStore } from './memory/status-store.ts';
export { createMemoryStores } from './memory/stores.ts';
export { type MemoryStoreOptions, MemoryTable } from './memory/table.ts';
export type { OffsetEntry, OffsetStore, StoredOffset } from './offset-store.ts';
export { canonicalJson, offsetKeyOf, partitionKey } from './partition-key.ts';
export type {
  ConnectorState,
  ConnectorStatus,
  ConnectorStatuses,
  StatusStore,
  StatusUpdate,
  TaskState,
  TaskStatus,
} from './status-store.ts';
export type { Clock, Stores } from './stores.ts';
