import { AbstractConfig, ConfigDef, ConfigException, Importance, LambdaValidator, Range, Type } from '../../api/config/index.ts';
import type { ConnectorProps } from '../../api/connector/connector.ts';

/** Kafka Connect's placeholder for the record's topic in `table.name.format`. */
export const TOPIC_PLACEHOLDER = `${'$'}{topic}`;

/** Where a key attribute's value comes from. */
export type KeySource =
  | { readonly kind: 'partition' | 'offset' | 'topic' | 'key' }
  | { readonly kind: 'key-field' | 'value-field'; readonly path: readonly string[] };

const KEY_SOURCE_DOC =
  "partition, offset or topic (the record's), key (the whole record key), key.<field> or value.<field> (a field of a struct or map key or value; nested fields by dots)";

/** Parses `partition`, `offset`, `topic`, `key`, `key.<field>`, `value.<field>`; undefined for blank. */
export function parseKeySource(text: string): KeySource | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed === 'partition' || trimmed === 'offset' || trimmed === 'topic' || trimmed === 'key') return { kind: trimmed };
  const [side, ...path] = trimmed.split('.');
  if ((side === 'key' || side === 'value') && path.length > 0 && path.every((part) => part !== ''))
    return { kind: side === 'key' ? 'key-field' : 'value-field', path };
  throw new Error(`"${text}" is not one of ${KEY_SOURCE_DOC}`);
}

const keySourceValidator = (optional: boolean) =>
  LambdaValidator.with(
    (name, value) => {
      const text = typeof value === 'string' ? value : '';
      try {
        if (parseKeySource(text) === undefined && !optional) throw new Error('a hash key source is required');
      } catch (error) {
        throw ConfigException.invalidValue(name, value, (error as Error).message);
      }
    },
    () => KEY_SOURCE_DOC,
  );

/** The settings of the DynamoDB sink, modelled on Confluent's DynamoDB sink connector. */
export const DYNAMODB_SINK_CONFIG_DEF = new ConfigDef()
  .define({
    name: 'aws.dynamodb.region',
    type: Type.STRING,
    defaultValue: '',
    importance: Importance.HIGH,
    documentation: 'The AWS region of the tables; blank: the region the function runs in (AWS_REGION).',
  })
  .define({
    name: 'aws.dynamodb.endpoint',
    type: Type.STRING,
    defaultValue: '',
    importance: Importance.LOW,
    documentation: "The DynamoDB endpoint URL, e.g. DynamoDB Local; blank: the region's endpoint.",
  })
  .define({
    name: 'table.name.format',
    type: Type.STRING,
    defaultValue: TOPIC_PLACEHOLDER,
    importance: Importance.MEDIUM,
    documentation: `The table each record is written to; ${TOPIC_PLACEHOLDER} is replaced by the record's topic. The table must exist.`,
  })
  .define({
    name: 'aws.dynamodb.pk.hash',
    type: Type.STRING,
    defaultValue: 'partition',
    validator: keySourceValidator(false),
    importance: Importance.HIGH,
    documentation: `Where the value of the table's hash (partition) key comes from: ${KEY_SOURCE_DOC}.`,
  })
  .define({
    name: 'aws.dynamodb.pk.sort',
    type: Type.STRING,
    defaultValue: 'offset',
    validator: keySourceValidator(true),
    importance: Importance.HIGH,
    documentation: `Where the value of the table's sort (range) key comes from (${KEY_SOURCE_DOC}); blank for a table without one.`,
  })
  .define({
    name: 'batch.size',
    type: Type.INT,
    defaultValue: 25,
    validator: Range.between(1, 25),
    importance: Importance.MEDIUM,
    documentation: 'Records per BatchWriteItem request (DynamoDB takes at most 25).',
  })
  .define({
    name: 'max.retries',
    type: Type.INT,
    defaultValue: 10,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation: 'How often items DynamoDB left unprocessed (throttling) are sent again before the batch fails as retriable.',
  })
  .define({
    name: 'retry.backoff.ms',
    type: Type.INT,
    defaultValue: 3000,
    validator: Range.atLeast(0),
    importance: Importance.MEDIUM,
    documentation: 'The longest wait between retries of unprocessed items; waits start at 50 ms and double up to it.',
  });

export interface DynamoDbSinkSettings {
  readonly region: string | undefined;
  readonly endpoint: string | undefined;
  readonly tableNameFormat: string;
  readonly hashKey: KeySource;
  readonly sortKey: KeySource | undefined;
  readonly batchSize: number;
  readonly maxRetries: number;
  readonly retryBackoffMs: number;
}

/** @throws ConfigException naming the key that is invalid. */
export function dynamoDbSinkSettings(props: ConnectorProps): DynamoDbSinkSettings {
  const config = new AbstractConfig(DYNAMODB_SINK_CONFIG_DEF, props);
  const text = (key: string) => config.getString(key)?.trim() || undefined;
  return {
    region: text('aws.dynamodb.region'),
    endpoint: text('aws.dynamodb.endpoint'),
    tableNameFormat: config.getString('table.name.format') ?? TOPIC_PLACEHOLDER,
    hashKey: parseKeySource(config.getString('aws.dynamodb.pk.hash') ?? '') as KeySource,
    sortKey: parseKeySource(config.getString('aws.dynamodb.pk.sort') ?? ''),
    batchSize: config.getInt('batch.size') ?? 25,
    maxRetries: config.getInt('max.retries') ?? 10,
    retryBackoffMs: config.getInt('retry.backoff.ms') ?? 3000,
  };
}
