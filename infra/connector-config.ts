import { Fn, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MAX_SCHEDULED_TASK } from '../shared/control/aws/resource-names.ts';
import type { TargetState } from '../shared/stores/config-store.ts';
import { InfraValidationError } from './errors.ts';

/**
 * A transform or predicate: its `type` (class) and its other keys, as in
 * `transforms.<alias>.type`, `transforms.<alias>.<key>`.
 */
export interface ConnectorPluginConfig {
  /** The class, e.g. `org.apache.kafka.connect.transforms.InsertField$Value`. */
  readonly type: string;
  /** The plugin's other keys (`predicate`, `negate`, `field`, ...), values as Kafka Connect writes them. */
  readonly [key: string]: string;
}

/**
 * The keys every connector has (Kafka Connect's `ConnectorConfig`), each prop named after its key
 * in camel case. Keys without a prop go in `config`, verbatim.
 */
export interface ConnectorProps {
  /** The connector name (`name`): non-empty, no control characters; its schedules, alias and consumer group derive from it. */
  readonly name: string;
  /** `connector.class`: the class or alias of a connector Copycat has (e.g. `FileStreamSource`, `io.confluent.connect.jdbc.JdbcSinkConnector`). */
  readonly connectorClass: string;
  /**
   * `tasks.max`: the most tasks the connector may split into (1 or more; sources at most 100000).
   * @default 1
   */
  readonly tasksMax?: number;
  /** `key.converter`. @default - the worker's (the connector config omits it) */
  readonly keyConverter?: string;
  /** `value.converter`. @default - the worker's */
  readonly valueConverter?: string;
  /** `header.converter`. @default - the worker's */
  readonly headerConverter?: string;
  /**
   * `transforms` in order of application, by alias (letters, digits, `_`, `-`, `.`); each alias's
   * keys become `transforms.<alias>.<key>`.
   * @default - no transforms
   */
  readonly transforms?: Readonly<Record<string, ConnectorPluginConfig>>;
  /** `predicates` by alias; each becomes `predicates.<alias>.<key>`. @default - no predicates */
  readonly predicates?: Readonly<Record<string, ConnectorPluginConfig>>;
  /** `errors.tolerance`. @default - 'none' (Kafka Connect's default) */
  readonly errorsTolerance?: 'none' | 'all';
  /** `errors.retry.timeout` in ms: -1 (forever) or 0 and more. @default - 0 */
  readonly errorsRetryTimeoutMs?: number;
  /** `errors.retry.delay.max.ms`: 0 and more. @default - 60000 */
  readonly errorsRetryDelayMaxMs?: number;
  /** `errors.log.enable`. @default - false */
  readonly errorsLogEnable?: boolean;
  /** `errors.log.include.messages`. @default - false */
  readonly errorsLogIncludeMessages?: boolean;
  /**
   * Every other key (connector-specific ones such as `connection.url`, `file`, `copycat.source.*`),
   * verbatim; values may be tokens (a bucket name, a secret ARN). A key that a prop above sets is
   * refused: set it one way only.
   * @default - none
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * The target state written with the config (`STARTED`, `PAUSED`, `STOPPED`). Unset, a new
   * connector starts and a redeploy keeps whatever state it was put in at run time (pause/resume
   * through the REST API survive a config change).
   * @default - STARTED for a new connector, unchanged for an existing one
   */
  readonly targetState?: TargetState;
}

/** The keys only sink connectors have (Kafka Connect's `SinkConnectorConfig`). */
export interface SinkConnectorKeys {
  /** `topics`: the topics to consume (legal topic names). One of `topics` and `topicsRegex` is required. */
  readonly topics?: readonly string[];
  /** `topics.regex`: consume every topic whose whole name matches. */
  readonly topicsRegex?: string;
  /** `errors.deadletterqueue.topic.name`: where failed records go (with `errorsTolerance: 'all'`). @default - no dead letter queue */
  readonly errorsDeadletterqueueTopicName?: string;
  /** `errors.deadletterqueue.topic.replication.factor` (1–32767). @default - 3 */
  readonly errorsDeadletterqueueTopicReplicationFactor?: number;
  /** `errors.deadletterqueue.context.headers.enable`. @default - false */
  readonly errorsDeadletterqueueContextHeadersEnable?: boolean;
  /** `consumer.override.max.poll.records`: the event source mapping's batch size (1–10000). @default - 100 */
  readonly consumerOverrideMaxPollRecords?: number;
  /** `consumer.override.auto.offset.reset`: where a new consumer group starts. @default - 'earliest' */
  readonly consumerOverrideAutoOffsetReset?: 'earliest' | 'latest';
}

/** The keys only source connectors have. */
export interface SourceConnectorKeys {
  /** `offset.flush.interval.ms`: how often offsets are committed during a run (1 and more). @default - 60000 */
  readonly offsetFlushIntervalMs?: number;
  /** `topic.creation.default.replication.factor` (1–32767, or -1 for the broker's default); enables topic creation with the partitions key. @default - no topic creation */
  readonly topicCreationDefaultReplicationFactor?: number;
  /** `topic.creation.default.partitions` (1 and more, or -1 for the broker's default). @default - no topic creation */
  readonly topicCreationDefaultPartitions?: number;
}

const ALIAS = /^[A-Za-z0-9_.-]+$/;
// Kafka's legal topic characters; Lambda also refuses a leading dot (as shared/control/reconciler/sink-config.ts).
const TOPIC = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The Kafka Connect config (flat string map, `name` included as the REST API stores it) of a
 * connector's props, validated; unresolved tokens pass unchecked.
 * @throws InfraValidationError naming the prop.
 */
export function connectorConfig(
  scope: IConstruct,
  kind: 'source' | 'sink',
  props: ConnectorProps & SinkConnectorKeys & SourceConnectorKeys,
): Record<string, string> {
  const fail = (prop: string, message: string): never => {
    throw new InfraValidationError(scope, prop, message);
  };
  const literal = (value: unknown): boolean => !Token.isUnresolved(value);
  if (literal(props.name) && (props.name.length === 0 || CONTROL.test(props.name)))
    fail('name', `${JSON.stringify(props.name)} must be non-empty, without control characters.`);
  if (literal(props.connectorClass) && props.connectorClass.trim().length === 0) fail('connectorClass', 'must name a connector class.');
  const tasksMax = props.tasksMax ?? 1;
  const maxTasks = kind === 'source' ? MAX_SCHEDULED_TASK + 1 : Number.MAX_SAFE_INTEGER;
  if (literal(tasksMax) && !(Number.isInteger(tasksMax) && tasksMax >= 1 && tasksMax <= maxTasks))
    fail('tasksMax', `must be a whole number from 1${kind === 'source' ? ` to ${maxTasks}` : ' up'}, got ${tasksMax}.`);

  const typed: [prop: string, key: string, value: string | number | boolean | undefined][] = [
    ['connectorClass', 'connector.class', props.connectorClass],
    ['tasksMax', 'tasks.max', tasksMax],
    ['keyConverter', 'key.converter', props.keyConverter],
    ['valueConverter', 'value.converter', props.valueConverter],
    ['headerConverter', 'header.converter', props.headerConverter],
    ['errorsTolerance', 'errors.tolerance', props.errorsTolerance],
    ['errorsRetryTimeoutMs', 'errors.retry.timeout', integer('errorsRetryTimeoutMs', props.errorsRetryTimeoutMs, -1)],
    ['errorsRetryDelayMaxMs', 'errors.retry.delay.max.ms', integer('errorsRetryDelayMaxMs', props.errorsRetryDelayMaxMs, 0)],
    ['errorsLogEnable', 'errors.log.enable', props.errorsLogEnable],
    ['errorsLogIncludeMessages', 'errors.log.include.messages', props.errorsLogIncludeMessages],
  ];
  if (props.errorsTolerance !== undefined && !['none', 'all'].includes(props.errorsTolerance))
    fail('errorsTolerance', `must be 'none' or 'all', got ${JSON.stringify(props.errorsTolerance)}.`);
  if (kind === 'sink') typed.push(...sinkKeys(props, fail));
  else typed.push(...sourceKeys(props));

  const config: Record<string, string> = { name: props.name };
  const setBy = new Map<string, string>([['name', 'name']]);
  const set = (prop: string, key: string, value: string | number | boolean | undefined) => {
    if (value === undefined) return;
    const other = setBy.get(key);
    if (other !== undefined) fail(prop, `sets "${key}", which ${other} sets too: set it one way only.`);
    setBy.set(key, prop);
    config[key] = typeof value === 'number' && Token.isUnresolved(value) ? Token.asString(value) : String(value);
  };
  for (const [prop, key, value] of typed) set(prop, key, value);
  for (const [group, plugins] of [
    ['transforms', props.transforms],
    ['predicates', props.predicates],
  ] as const) {
    if (plugins === undefined) continue;
    const aliases = Object.keys(plugins);
    for (const alias of aliases) {
      if (!ALIAS.test(alias)) fail(group, `alias ${JSON.stringify(alias)} must be letters, digits, "_", "-" or ".".`);
      const plugin = plugins[alias] as ConnectorPluginConfig;
      if (literal(plugin.type) && (typeof plugin.type !== 'string' || plugin.type.trim() === ''))
        fail(group, `${alias} needs a type (its class).`);
      for (const [key, value] of Object.entries(plugin)) set(group, `${group}.${alias}.${key}`, value);
    }
    if (aliases.length > 0) set(group, group, aliases.join(','));
  }
  for (const [key, value] of Object.entries(props.config ?? {})) {
    if (key.length === 0) fail('config', 'has an empty key.');
    if (key === 'name') {
      if (literal(value) && value !== props.name) fail('config', `"name" is ${JSON.stringify(value)} but the connector is ${props.name}.`);
      continue;
    }
    set(`config["${key}"]`, key, value);
  }
  return config;

  function integer(prop: string, value: number | undefined, min: number): number | undefined {
    if (value !== undefined && literal(value) && !(Number.isSafeInteger(value) && value >= min))
      fail(prop, `must be a whole number of ${min} or more, got ${value}.`);
    return value;
  }
}

function sinkKeys(
  props: SinkConnectorKeys,
  fail: (prop: string, message: string) => never,
): [string, string, string | number | boolean | undefined][] {
  const { topics, topicsRegex } = props;
  const hasTopics = topics !== undefined && (Token.isUnresolved(topics) || topics.length > 0);
  if (hasTopics === (topicsRegex !== undefined))
    fail(
      'topics',
      hasTopics ? 'topics and topicsRegex are mutually exclusive: set one.' : 'set topics or topicsRegex: a sink needs topics to consume.',
    );
  for (const topic of topics === undefined || Token.isUnresolved(topics) ? [] : topics)
    if (!Token.isUnresolved(topic) && !TOPIC.test(topic))
      fail('topics', `"${topic}" is not a legal topic name: 1–249 letters, digits, ".", "_" and "-", not starting with ".".`);
  if (topicsRegex !== undefined && !Token.isUnresolved(topicsRegex)) {
    try {
      new RegExp(topicsRegex);
    } catch (error) {
      fail('topicsRegex', `${JSON.stringify(topicsRegex)} is not a regular expression: ${(error as Error).message}`);
    }
  }
  const dlq = props.errorsDeadletterqueueTopicName;
  if (dlq !== undefined && !Token.isUnresolved(dlq) && !TOPIC.test(dlq))
    fail('errorsDeadletterqueueTopicName', `"${dlq}" is not a legal topic name.`);
  const factor = props.errorsDeadletterqueueTopicReplicationFactor;
  if (factor !== undefined && !Token.isUnresolved(factor) && !(Number.isInteger(factor) && factor >= 1 && factor <= 32_767))
    fail('errorsDeadletterqueueTopicReplicationFactor', `must be a whole number from 1 to 32767, got ${factor}.`);
  const batch = props.consumerOverrideMaxPollRecords;
  if (batch !== undefined && !Token.isUnresolved(batch) && !(Number.isInteger(batch) && batch >= 1 && batch <= 10_000))
    fail('consumerOverrideMaxPollRecords', `must be a whole number from 1 to 10000 (the event source mapping's batch size), got ${batch}.`);
  return [
    ['topics', 'topics', topics === undefined ? undefined : Token.isUnresolved(topics) ? Fn.join(',', [...topics]) : topics.join(',')],
    ['topicsRegex', 'topics.regex', topicsRegex],
    ['errorsDeadletterqueueTopicName', 'errors.deadletterqueue.topic.name', dlq],
    ['errorsDeadletterqueueTopicReplicationFactor', 'errors.deadletterqueue.topic.replication.factor', factor],
    [
      'errorsDeadletterqueueContextHeadersEnable',
      'errors.deadletterqueue.context.headers.enable',
      props.errorsDeadletterqueueContextHeadersEnable,
    ],
    ['consumerOverrideMaxPollRecords', 'consumer.override.max.poll.records', batch],
    ['consumerOverrideAutoOffsetReset', 'consumer.override.auto.offset.reset', props.consumerOverrideAutoOffsetReset],
  ];
}

function sourceKeys(props: SourceConnectorKeys): [string, string, string | number | undefined][] {
  return [
    ['offsetFlushIntervalMs', 'offset.flush.interval.ms', props.offsetFlushIntervalMs],
    ['topicCreationDefaultReplicationFactor', 'topic.creation.default.replication.factor', props.topicCreationDefaultReplicationFactor],
    ['topicCreationDefaultPartitions', 'topic.creation.default.partitions', props.topicCreationDefaultPartitions],
  ];
}
