import { ConfigDef, ConfigException, Importance, LambdaValidator, Range, Type, ValidString } from '../../api/config/index.ts';
import { aliases } from '../../runtime/connector-config.ts';
import { MAX_BATCH_SIZE } from '../ports/event-source-mapping.ts';

// Kafka's legal topic characters; Lambda also refuses a leading dot.
const TOPIC = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}$/;

/**
 * The keys only sink connectors have (Kafka Connect's `SinkConnectorConfig`), plus the two
 * consumer overrides that map onto the event source mapping: `consumer.override.max.poll.records`
 * becomes its batch size and `consumer.override.auto.offset.reset` its starting position.
 */
export function sinkConfigDef(): ConfigDef {
  const group = 'Common';
  return new ConfigDef()
    .define({
      name: 'topics',
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.HIGH,
      group,
      orderInGroup: 4,
      displayName: 'Topics',
      documentation: 'List of topics to consume, separated by commas.',
    })
    .define({
      name: 'topics.regex',
      type: Type.STRING,
      defaultValue: '',
      validator: LambdaValidator.with(
        (name, value) => {
          if (typeof value === 'string' && value !== '' && topicPattern(value) === undefined)
            throw ConfigException.invalidValue(name, value, 'Must be a valid regular expression');
        },
        () => 'a valid regular expression',
      ),
      importance: Importance.HIGH,
      group,
      orderInGroup: 4,
      displayName: 'Topics regex',
      documentation: 'Regular expression giving topics to consume; it must match a whole topic name.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.name',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 6,
      displayName: 'Dead Letter Queue Topic Name',
      documentation: 'The topic records that fail are written to; empty: no dead letter queue.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.replication.factor',
      type: Type.SHORT,
      defaultValue: 3,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 7,
      displayName: 'Dead Letter Queue Topic Replication Factor',
      documentation: 'Replication factor used to create the dead letter queue topic when it does not exist.',
    })
    .define({
      name: 'errors.deadletterqueue.context.headers.enable',
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 8,
      displayName: 'Enable Error Context Headers',
      documentation: 'If true, add __connect.errors.* headers with the error context to dead-lettered records.',
    })
    .define({
      name: 'consumer.override.max.poll.records',
      type: Type.INT,
      defaultValue: null,
      validator: LambdaValidator.with(
        (name, value) => {
          if (value !== null) Range.between(1, MAX_BATCH_SIZE).ensureValid(name, value);
        },
        () => `[1,...,${MAX_BATCH_SIZE}]`,
      ),
      importance: Importance.LOW,
      group: 'Consumer',
      orderInGroup: 1,
      displayName: 'Records per batch',
      documentation: `Records per sink invocation: the batch size of the event source mapping (at most ${MAX_BATCH_SIZE}).`,
    })
    .define({
      name: 'consumer.override.auto.offset.reset',
      type: Type.STRING,
      defaultValue: 'earliest',
      validator: ValidString.in('earliest', 'latest'),
      importance: Importance.LOW,
      group: 'Consumer',
      orderInGroup: 2,
      displayName: 'Where a new consumer group starts',
      documentation: 'earliest (TRIM_HORIZON) or latest (LATEST); used only while the consumer group has no committed offsets.',
    });
}

/** The checks across sink keys that a ConfigDef cannot express (Kafka Connect's `SinkConnectorConfig.validate`). */
export function sinkConfigErrors(props: Readonly<Record<string, string>>): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  const add = (key: string, message: string) => errors.set(key, [...(errors.get(key) ?? []), message]);
  const topics = aliases(props.topics);
  const regex = props['topics.regex']?.trim() ?? '';
  const dlq = props['errors.deadletterqueue.topic.name']?.trim() ?? '';
  if (topics.length > 0 && regex !== '') {
    const message = 'topics and topics.regex are mutually exclusive options, but both are set.';
    add('topics', message);
    add('topics.regex', message);
  } else if (topics.length === 0 && regex === '') {
    const message = 'Must configure one of topics or topics.regex';
    add('topics', message);
    add('topics.regex', message);
  }
  for (const topic of topics)
    if (!TOPIC.test(topic))
      add('topics', `"${topic}" is not a legal topic name: 1–249 characters of letters, digits, ".", "_" and "-", not starting with ".".`);
  if (dlq !== '' && topics.includes(dlq))
    add(
      'errors.deadletterqueue.topic.name',
      `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=${topics.join(',')}') to be consumed.`,
    );
  if (dlq !== '' && regex !== '' && topicPattern(regex)?.test(dlq))
    add(
      'errors.deadletterqueue.topic.name',
      `The DLQ topic '${dlq}' may not be matched by the regex ('topics.regex=${regex}') of topics to be consumed.`,
    );
  return errors;
}

/**
 * `topics.regex` as Kafka matches it: against the whole topic name (Java's `Matcher.matches`).
 * Undefined when it does not compile.
 */
export function topicPattern(regex: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${regex})$`, 'u');
  } catch {
    return undefined;
  }
}

/**
 * The consumer group of each topic of a sink connector. An event source mapping reads exactly one
 * topic and Lambda requires its group id to be unique among all Kafka mappings, so:
 * - a sink listing one topic in `topics` uses `connect-<name>`, Kafka Connect's own group id, so
 *   tools that look at that group keep working;
 * - a sink with several topics uses `connect-<name>-<topic>` for every topic;
 * - a sink with `topics.regex` always uses `connect-<name>-<topic>`, because the topics it matches
 *   change without a config change, and a group id must not change under a running mapping.
 * Changing `topics` from one topic to several changes the first topic's group id: its mapping is
 * recreated and the new group starts at `consumer.override.auto.offset.reset` (earliest by
 * default, so records are read again, never skipped).
 */
export function sinkGroupIds(connector: string, topics: readonly string[], byRegex: boolean): Map<string, string> {
  const single = !byRegex && topics.length === 1;
  return new Map(topics.map((topic) => [topic, single ? `connect-${connector}` : `connect-${connector}-${topic}`]));
}
