import { ProducerConfigError } from './errors.ts';

/** How Copycat's producer behaves, resolved from the defaults and a connector's `producer.override.*` keys. */
export interface ProducerOptions {
  readonly idempotent: boolean;
  /** -1 (all), 1 or 0. */
  readonly acks: -1 | 0 | 1;
  readonly maxInFlightRequests: number;
  /** Attempts after the first one, with exponential backoff from `initialRetryTimeMs` up to `maxRetryTimeMs`. */
  readonly retries: number;
  readonly initialRetryTimeMs: number;
  readonly maxRetryTimeMs: number;
  /** How long the broker may take to acknowledge (Kafka's `request.timeout.ms`). */
  readonly requestTimeoutMs: number;
  readonly compression: 'none' | 'gzip';
  readonly metadataMaxAgeMs: number;
  readonly allowAutoTopicCreation: boolean;
  /** Bytes an unkeyed partition receives before the sticky partitioner moves on (Kafka's `batch.size`). */
  readonly batchSize: number;
  /** `partitioner.ignore.keys`: keyed records are spread like unkeyed ones. */
  readonly ignoreKeys: boolean;
  /** A `client.id` override; undefined: the connection's. */
  readonly clientId: string | undefined;
}

/**
 * Kafka Connect's producer defaults for source tasks (idempotent, `acks=all`, at most 5 requests
 * in flight) with kafkajs's retry schedule bounded near Kafka's `delivery.timeout.ms` (2 min).
 */
export const DEFAULT_PRODUCER_OPTIONS: ProducerOptions = Object.freeze({
  idempotent: true,
  acks: -1,
  maxInFlightRequests: 5,
  retries: 10,
  initialRetryTimeMs: 100,
  maxRetryTimeMs: 30_000,
  requestTimeoutMs: 30_000,
  compression: 'none',
  metadataMaxAgeMs: 300_000,
  allowAutoTopicCreation: true,
  batchSize: 16_384,
  ignoreKeys: false,
  clientId: undefined,
});

/**
 * Java producer settings that only tune the Java client's own buffering and have no kafkajs
 * counterpart; accepted so existing configs run unchanged, with no effect (Copycat sends each
 * poll's records as one request and waits for the acknowledgement).
 */
export const PRODUCER_SETTINGS_WITHOUT_EFFECT: readonly string[] = [
  'linger.ms',
  'buffer.memory',
  'max.block.ms',
  'delivery.timeout.ms',
  'send.buffer.bytes',
  'receive.buffer.bytes',
  'max.request.size',
  'connections.max.idle.ms',
  'reconnect.backoff.ms',
  'reconnect.backoff.max.ms',
  'metadata.max.idle.ms',
  'partitioner.adaptive.partitioning.enable',
  'partitioner.availability.timeout.ms',
  'compression.gzip.level',
];

/** Why a setting cannot be honoured, for keys Kafka knows but Copycat refuses. */
const REFUSED: Readonly<Record<string, string>> = {
  'transactional.id': 'transactions (exactly.once.support) are not supported by Copycat source tasks; remove it.',
  'transaction.timeout.ms': 'transactions (exactly.once.support) are not supported by Copycat source tasks; remove it.',
  'partitioner.class':
    "custom partitioners cannot run in Copycat; keyed records already go where Kafka's default partitioner puts them. Remove it, or set the record's partition with a transform.",
  'key.serializer': 'Kafka Connect sends converter output as bytes; serializers cannot be overridden.',
  'value.serializer': 'Kafka Connect sends converter output as bytes; serializers cannot be overridden.',
  'interceptor.classes': 'producer interceptors (Java classes) cannot run in Copycat; remove it.',
  'bootstrap.servers': 'the Kafka cluster is set for the whole deployment (KAFKA_BOOTSTRAP_SERVERS), not per connector.',
  'security.protocol': 'connection security is set for the whole deployment (KAFKA_SECURITY_PROTOCOL), not per connector.',
};

const SECURITY_PREFIXES = ['sasl.', 'ssl.'];

/**
 * The producer options for a connector: the defaults, changed by its `producer.override.*`
 * settings (given here without the prefix). Kafka's own consistency rules apply: an idempotent
 * producer needs `acks=all`, retries and at most 5 requests in flight.
 * @throws ProducerConfigError naming the `producer.override.` key that cannot be honoured.
 */
export function producerOptions(overrides: Readonly<Record<string, string>>): ProducerOptions {
  const options: { -readonly [K in keyof ProducerOptions]: ProducerOptions[K] } = { ...DEFAULT_PRODUCER_OPTIONS };
  let idempotenceSet = false;
  for (const [name, raw] of Object.entries(overrides)) {
    const key = `producer.override.${name}`;
    const value = raw.trim();
    switch (name) {
      case 'acks':
        if (value === 'all' || value === '-1') options.acks = -1;
        else if (value === '1' || value === '0') options.acks = value === '1' ? 1 : 0;
        else throw new ProducerConfigError(key, `"${value}" is not one of all, -1, 0, 1.`);
        break;
      case 'enable.idempotence':
        options.idempotent = parseBoolean(key, value);
        idempotenceSet = true;
        break;
      case 'max.in.flight.requests.per.connection':
        options.maxInFlightRequests = parseInteger(key, value, 1);
        break;
      case 'retries':
        options.retries = parseInteger(key, value, 0);
        break;
      case 'retry.backoff.ms':
        options.initialRetryTimeMs = parseInteger(key, value, 0);
        break;
      case 'retry.backoff.max.ms':
        options.maxRetryTimeMs = parseInteger(key, value, 0);
        break;
      case 'request.timeout.ms':
        options.requestTimeoutMs = parseInteger(key, value, 0);
        break;
      case 'metadata.max.age.ms':
        options.metadataMaxAgeMs = parseInteger(key, value, 0);
        break;
      case 'allow.auto.create.topics':
        options.allowAutoTopicCreation = parseBoolean(key, value);
        break;
      case 'batch.size':
        options.batchSize = parseInteger(key, value, 0);
        break;
      case 'partitioner.ignore.keys':
        options.ignoreKeys = parseBoolean(key, value);
        break;
      case 'client.id':
        options.clientId = value === '' ? undefined : value;
        break;
      case 'compression.type':
        if (value === 'none' || value === 'gzip') options.compression = value;
        else if (['snappy', 'lz4', 'zstd'].includes(value))
          throw new ProducerConfigError(key, `${value} compression is not available in Copycat's Kafka client; use gzip or none.`);
        else throw new ProducerConfigError(key, `"${value}" is not one of none, gzip, snappy, lz4, zstd.`);
        break;
      default: {
        const refused = REFUSED[name];
        if (refused !== undefined) throw new ProducerConfigError(key, refused);
        if (SECURITY_PREFIXES.some((prefix) => name.startsWith(prefix)))
          throw new ProducerConfigError(
            key,
            'connection security is set for the whole deployment (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*), not per connector.',
          );
        if (!PRODUCER_SETTINGS_WITHOUT_EFFECT.includes(name))
          throw new ProducerConfigError(
            key,
            'Copycat does not know this producer setting; remove it or see the README for the supported ones.',
          );
      }
    }
  }
  // Kafka's producer turns idempotence off by itself when acks is not all, unless it was asked for explicitly.
  if (options.acks !== -1) {
    if (idempotenceSet && options.idempotent)
      throw new ProducerConfigError('producer.override.acks', 'must be all (-1) while enable.idempotence is true.');
    options.idempotent = false;
  }
  if (options.idempotent && options.maxInFlightRequests > 5)
    throw new ProducerConfigError(
      'producer.override.max.in.flight.requests.per.connection',
      'must be at most 5 to use the idempotent producer.',
    );
  if (options.idempotent && options.retries === 0)
    throw new ProducerConfigError('producer.override.retries', 'must be non-zero when using the idempotent producer.');
  return options;
}

/** The `producer.override.*` settings of a connector config, without the prefix. */
export function producerOverrides(config: Readonly<Record<string, string>>): Record<string, string> {
  const overrides: Record<string, string> = {};
  const prefix = 'producer.override.';
  for (const [key, value] of Object.entries(config))
    if (key.startsWith(prefix) && key.length > prefix.length) overrides[key.slice(prefix.length)] = value;
  return overrides;
}

function parseBoolean(key: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  throw new ProducerConfigError(key, `"${value}" is not a boolean (true or false).`);
}

function parseInteger(key: string, value: string, min: number): number {
  const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) throw new ProducerConfigError(key, `"${value}" is not an integer of at least ${min}.`);
  return parsed;
}
