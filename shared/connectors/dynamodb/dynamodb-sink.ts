import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DynamoDBClient,
  PutItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { ConfigDef } from '../../api/config/index.ts';
import type { ConnectorProps, SinkConnector } from '../../api/connector/connector.ts';
import type { SinkTask, SinkTaskContext } from '../../api/connector/sink-task.ts';
import { Struct } from '../../api/data/struct.ts';
import { ConnectException, DataException, RetriableException } from '../../api/errors.ts';
import type { SinkRecord } from '../../api/record/sink-record.ts';
import type { SinkPluginDescriptor } from '../../runtime/sink/sink-plugin.ts';
import { type Item, toAttributeValue, toItem, toKeyAttribute } from './attribute-values.ts';
import {
  DYNAMODB_SINK_CONFIG_DEF,
  type DynamoDbSinkSettings,
  dynamoDbSinkSettings,
  type KeySource,
  TOPIC_PLACEHOLDER,
} from './dynamodb-sink-config.ts';

export const DYNAMODB_SINK_CONNECTOR = 'io.confluent.connect.aws.dynamodb.DynamoDbSinkConnector';
export const DYNAMODB_SINK_TASK = 'io.confluent.connect.aws.dynamodb.DynamoDbSinkTask';
const VERSION = '0.1.0';

/**
 * Writes record values as DynamoDB items, one table per topic (`table.name.format`), the table's
 * hash and sort key taken from the record as `aws.dynamodb.pk.hash` / `.pk.sort` say. Replays are
 * idempotent: a record always maps to the same item key, and a put replaces the whole item.
 */
export class DynamoDbSinkConnector implements SinkConnector {
  readonly type = 'sink' as const;
  #props: ConnectorProps = {};

  version(): string {
    return VERSION;
  }

  start(props: ConnectorProps): void {
    dynamoDbSinkSettings(props);
    this.#props = { ...props };
  }

  taskClass(): string {
    return DYNAMODB_SINK_TASK;
  }

  taskConfigs(maxTasks: number): ConnectorProps[] {
    return Array.from({ length: maxTasks }, () => ({ ...this.#props }));
  }

  stop(): void {}

  config(): ConfigDef {
    return DYNAMODB_SINK_CONFIG_DEF;
  }

  alterOffsets(): boolean {
    return true;
  }
}

interface TableKeys {
  readonly hash: { readonly name: string; readonly type: 'S' | 'N' | 'B' };
  readonly sort: { readonly name: string; readonly type: 'S' | 'N' | 'B' } | undefined;
}

interface PendingWrite {
  readonly record: SinkRecord;
  readonly request: WriteRequest;
  /** The item key as text, to keep two writes of one item out of one request (DynamoDB refuses that). */
  readonly keyId: string;
}

export interface DynamoDbSinkTaskOptions {
  /** Makes the DynamoDB client. @default a client for the configured region and endpoint */
  readonly createClient?: (settings: DynamoDbSinkSettings) => DynamoDBClient;
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRIABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);

/**
 * The DynamoDB sink task: each `put` writes its records with BatchWriteItem (up to `batch.size`
 * per request), sending DynamoDB's unprocessed items again with backoff; a tombstone deletes the
 * item. A record that cannot become an item (no key value, a type DynamoDB refuses) is reported
 * through the errant record reporter, so `errors.tolerance` and the dead letter queue apply.
 */
export class DynamoDbSinkTask implements SinkTask {
  readonly #options: DynamoDbSinkTaskOptions;
  #settings: DynamoDbSinkSettings | undefined;
  #client: DynamoDBClient | undefined;
  #context: SinkTaskContext | undefined;
  readonly #tables = new Map<string, Promise<TableKeys>>();

  constructor(options: DynamoDbSinkTaskOptions = {}) {
    this.#options = options;
  }

  version(): string {
    return VERSION;
  }

  initialize(context: SinkTaskContext): void {
    this.#context = context;
  }

  start(props: ConnectorProps): void {
    this.#settings = dynamoDbSinkSettings(props);
    this.#client = (this.#options.createClient ?? defaultClient)(this.#settings);
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    const byTable = new Map<string, PendingWrite[]>();
    for (const record of records) {
      const table = this.#tableName(record.topic);
      try {
        const keys = await this.#tableKeys(table);
        const write = writeRequest(record, keys, this.#config().hashKey, this.#config().sortKey);
        byTable.set(table, [...(byTable.get(table) ?? []), { record, ...write }]);
      } catch (error) {
        if (!(error instanceof DataException)) throw error;
        await this.#reject(record, error);
      }
    }
    for (const [table, writes] of byTable) for (const chunk of chunks(writes, this.#config().batchSize)) await this.#write(table, chunk);
  }

  flush(): void {}

  stop(): void {
    this.#client?.destroy();
    this.#client = undefined;
    this.#tables.clear();
  }

  #config(): DynamoDbSinkSettings {
    if (this.#settings === undefined) throw new ConnectException('DynamoDbSinkTask used before start.');
    return this.#settings;
  }

  #dynamo(): DynamoDBClient {
    if (this.#client === undefined) throw new ConnectException('DynamoDbSinkTask used before start.');
    return this.#client;
  }

  #tableName(topic: string): string {
    return this.#config().tableNameFormat.replaceAll(TOPIC_PLACEHOLDER, topic);
  }

  #tableKeys(table: string): Promise<TableKeys> {
    let keys = this.#tables.get(table);
    if (keys === undefined) {
      keys = this.#describe(table);
      this.#tables.set(table, keys);
      keys.catch(() => this.#tables.delete(table));
    }
    return keys;
  }

  async #describe(table: string): Promise<TableKeys> {
    let description: DescribeTableCommandOutput;
    try {
      description = await this.#dynamo().send(new DescribeTableCommand({ TableName: table }));
    } catch (error) {
      if (nameOf(error) === 'ResourceNotFoundException')
        throw new ConnectException(
          `DynamoDB table ${table} does not exist; create it (table.name.format names it) with the key the sink's aws.dynamodb.pk.* settings fill.`,
          { cause: error },
        );
      throw failure(error, `describing table ${table}`);
    }
    const types = new Map((description.Table?.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
    const key = (type: 'HASH' | 'RANGE') => {
      const name = description.Table?.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
      return name === undefined ? undefined : { name, type: (types.get(name) ?? 'S') as 'S' | 'N' | 'B' };
    };
    const hash = key('HASH');
    const sort = key('RANGE');
    if (hash === undefined) throw new ConnectException(`DynamoDB table ${table} reports no hash key.`);
    if (sort !== undefined && this.#config().sortKey === undefined)
      throw new ConnectException(
        `DynamoDB table ${table} has the sort key ${sort.name}; set aws.dynamodb.pk.sort to where its value comes from.`,
      );
    if (sort === undefined && this.#config().sortKey !== undefined)
      throw new ConnectException(`DynamoDB table ${table} has no sort key; set aws.dynamodb.pk.sort to blank.`);
    return { hash, sort };
  }

  /** One BatchWriteItem, then its unprocessed items again until none are left or the retries are spent. */
  async #write(table: string, chunk: readonly PendingWrite[]): Promise<void> {
    const { maxRetries, retryBackoffMs } = this.#config();
    let pending: WriteRequest[] = chunk.map((write) => write.request);
    for (let attempt = 0; ; attempt++) {
      let unprocessed: WriteRequest[];
      try {
        const result = await this.#dynamo().send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        unprocessed = result.UnprocessedItems?.[table] ?? [];
      } catch (error) {
        // One bad item fails the whole request: write them one by one to find (and report) it.
        if (nameOf(error) === 'ValidationException') return this.#writeEach(table, chunk);
        throw failure(error, `writing ${pending.length} item(s) to table ${table}`);
      }
      if (unprocessed.length === 0) return;
      if (attempt >= maxRetries)
        throw new RetriableException(
          `DynamoDB left ${unprocessed.length} item(s) of table ${table} unprocessed after ${maxRetries} retries (throttling?); the batch will be written again.`,
        );
      await (this.#options.sleep ?? sleep)(Math.min(50 * 2 ** attempt, retryBackoffMs));
      pending = unprocessed;
    }
  }

  async #writeEach(table: string, chunk: readonly PendingWrite[]): Promise<void> {
    for (const write of chunk) {
      try {
        if (write.request.PutRequest?.Item !== undefined)
          await this.#dynamo().send(new PutItemCommand({ TableName: table, Item: write.request.PutRequest.Item }));
        else if (write.request.DeleteRequest?.Key !== undefined)
          await this.#dynamo().send(new DeleteItemCommand({ TableName: table, Key: write.request.DeleteRequest.Key }));
      } catch (error) {
        if (nameOf(error) !== 'ValidationException') throw failure(error, `writing an item to table ${table}`);
        await this.#reject(
          write.record,
          new DataException(`DynamoDB rejected the item for table ${table}: ${(error as Error).message}`, { cause: error }),
        );
      }
    }
  }

  async #reject(record: SinkRecord, error: Error): Promise<void> {
    const reporter = this.#context?.errantRecordReporter;
    if (reporter === null || reporter === undefined) throw error;
    await reporter.report(record, error);
  }
}

/** The write of one record: a put of its value as an item, or for a tombstone a delete, keyed as the table wants. */
export function writeRequest(
  record: SinkRecord,
  keys: TableKeys,
  hashSource: KeySource,
  sortSource: KeySource | undefined,
): Omit<PendingWrite, 'record'> {
  const key: Item = {
    [keys.hash.name]: toKeyAttribute(
      keyValue(record, hashSource),
      keys.hash.type,
      `The hash key ${keys.hash.name} (${describeSource(hashSource)})`,
    ),
  };
  if (keys.sort !== undefined && sortSource !== undefined)
    key[keys.sort.name] = toKeyAttribute(
      keyValue(record, sortSource),
      keys.sort.type,
      `The sort key ${keys.sort.name} (${describeSource(sortSource)})`,
    );
  const keyId = JSON.stringify(
    Object.entries(key).map(([name, value]) => [name, value.S ?? value.N ?? Buffer.from(value.B ?? []).toString('base64')]),
  );
  if (record.value === null || record.value === undefined) return { request: { DeleteRequest: { Key: key } }, keyId };
  const attributes: Item =
    record.value instanceof Struct || record.value instanceof Map
      ? toItem(record.value, record.valueSchema)
      : { value: toAttributeValue(record.value, record.valueSchema) };
  return { request: { PutRequest: { Item: { ...attributes, ...key } } }, keyId };
}

function keyValue(record: SinkRecord, source: KeySource): unknown {
  switch (source.kind) {
    case 'partition':
      return record.kafkaPartition;
    case 'offset':
      return record.kafkaOffset;
    case 'topic':
      return record.topic;
    case 'key':
      return record.key;
    case 'key-field':
      return field(record.key, source.path, 'key');
    case 'value-field':
      if (record.value === null || record.value === undefined)
        throw new DataException(
          `A tombstone has no value to take the key field ${source.path.join('.')} from; key deletable tables by the record key.`,
        );
      return field(record.value, source.path, 'value');
  }
}

function field(value: unknown, path: readonly string[], side: string): unknown {
  let current = value;
  for (const [index, name] of path.entries()) {
    const where = `${side}.${path.slice(0, index + 1).join('.')}`;
    if (current instanceof Struct) {
      if (current.schema.field(name) === undefined) throw new DataException(`The record has no field ${where}.`);
      current = current.getWithoutDefault(name);
    } else if (current instanceof Map) {
      if (!current.has(name)) throw new DataException(`The record has no field ${where}.`);
      current = current.get(name);
    } else throw new DataException(`The record's ${side} is not a struct or map, so it has no field ${where}.`);
  }
  return current;
}

function describeSource(source: KeySource): string {
  return source.kind === 'key-field'
    ? `key.${source.path.join('.')}`
    : source.kind === 'value-field'
      ? `value.${source.path.join('.')}`
      : source.kind;
}

/** Writes of distinct items, at most `size` each, in record order (a repeated item starts a new chunk). */
function chunks(writes: readonly PendingWrite[], size: number): PendingWrite[][] {
  const result: PendingWrite[][] = [];
  let current: PendingWrite[] = [];
  let ids = new Set<string>();
  for (const write of writes) {
    if (current.length === size || ids.has(write.keyId)) {
      result.push(current);
      current = [];
      ids = new Set();
    }
    current.push(write);
    ids.add(write.keyId);
  }
  if (current.length > 0) result.push(current);
  return result;
}

function failure(error: unknown, doing: string): Error {
  const name = nameOf(error);
  const message = `DynamoDB failed while ${doing}: ${name}: ${error instanceof Error ? error.message : String(error)}`;
  const details = error as { $fault?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  const retriable = RETRIABLE.has(name) || details?.$fault === 'server' || details?.$metadata?.httpStatusCode === undefined;
  return retriable ? new RetriableException(message, { cause: error }) : new ConnectException(message, { cause: error });
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/;

function defaultClient(settings: DynamoDbSinkSettings): DynamoDBClient {
  const region = settings.region ?? process.env.AWS_REGION;
  // DynamoDB Local accepts any credentials: a loopback endpoint works without AWS ones configured.
  const local = settings.endpoint !== undefined && LOOPBACK.test(settings.endpoint) && process.env.AWS_ACCESS_KEY_ID === undefined;
  return new DynamoDBClient({
    ...(region === undefined ? {} : { region }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(local ? { region: region ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** Registered under Confluent's class name and the `DynamoDbSink` alias. */
export const dynamoDbSinkPlugin: SinkPluginDescriptor = {
  kind: 'sink',
  className: DYNAMODB_SINK_CONNECTOR,
  aliases: ['DynamoDbSink'],
  create: () => new DynamoDbSinkConnector(),
  createTask: () => new DynamoDbSinkTask(),
};
