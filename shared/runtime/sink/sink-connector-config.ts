import { AbstractConfig, ConfigDef, ConfigException, Importance, LambdaValidator, Type, ValidList } from '../../api/config/index.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { aliases, recordPathConfigDef } from '../connector-config.ts';

/** `errors.retry.timeout=-1`: retry for ever (bounded in Copycat by the invocation's time budget). */
export const RETRY_FOREVER = -1;

// Kafka's legal topic characters; Lambda also refuses a leading dot.
const LEGAL_TOPIC = /^[a-zA-Z0-9_-][a-zA-Z0-9._-]{0,248}$/;

/**
 * The keys only sink connectors have (Kafka Connect's `SinkConnectorConfig`): the topics to read
 * and the dead letter queue. The checks across keys that a ConfigDef cannot make are
 * {@link sinkTopicErrors}; the control plane validates both before it maps topics to event sources.
 */
export function sinkConnectorConfigDef(): ConfigDef {
  return new ConfigDef()
    .define({
      name: 'topics',
      type: Type.LIST,
      defaultValue: '',
      validator: ValidList.anyNonDuplicateValues(true, false),
      importance: Importance.HIGH,
      group: 'Common',
      orderInGroup: 4,
      displayName: 'Topics',
      documentation: 'List of topics to consume, separated by commas',
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
      group: 'Common',
      orderInGroup: 4,
      displayName: 'Topics regex',
      documentation: 'Regular expression giving topics to consume. Only one of topics or topics.regex should be specified.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.name',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 6,
      displayName: 'Dead Letter Queue Topic Name',
      documentation:
        'The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.replication.factor',
      type: Type.SHORT,
      defaultValue: 3,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 7,
      displayName: 'Dead Letter Queue Topic Replication Factor',
      documentation: "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
    })
    .define({
      name: 'errors.deadletterqueue.context.headers.enable',
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 8,
      displayName: 'Enable Error Context Headers',
      documentation:
        'If true, add headers containing error context to the messages written to the dead letter queue. To avoid clashing with headers from the original record, all error context header keys start with __connect.errors.',
    });
}

/**
 * The checks across a sink's keys that a ConfigDef cannot make, per key (Kafka Connect's
 * `SinkConnectorConfig.validate`, with its messages): exactly one of `topics` and `topics.regex`,
 * legal topic names, and a dead letter queue topic that is not one of the topics read.
 */
export function sinkTopicErrors(props: Readonly<Record<string, string>>): Map<string, string[]> {
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
    if (!LEGAL_TOPIC.test(topic))
      add('topics', `"${topic}" is not a legal topic name: 1–249 characters of letters, digits, ".", "_" and "-", not starting with ".".`);
  if (dlq !== '' && topics.includes(dlq))
    add(
      'topics',
      `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=[${topics.join(', ')}]') consumed by the connector`,
    );
  if (dlq !== '' && regex !== '' && topicPattern(regex)?.test(dlq))
    add(
      'topics.regex',
      `The DLQ topic '${dlq}' may not be matched by the regex for the topics ('topics.regex=${regex}') consumed by the connector`,
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

/** How a sink handles failed records, read from its connector config. */
export interface SinkErrorSettings {
  /** `errors.retry.timeout` in ms: 0 no retries, -1 for ever. */
  readonly retryTimeoutMs: number;
  /** `errors.retry.delay.max.ms`. */
  readonly retryDelayMaxMs: number;
  /** `errors.tolerance=all`. */
  readonly toleratesAll: boolean;
  /** `errors.deadletterqueue.topic.name`, or undefined when blank. */
  readonly deadLetterTopic: string | undefined;
  readonly deadLetterReplicationFactor: number;
  /** `errors.deadletterqueue.context.headers.enable`. */
  readonly contextHeaders: boolean;
  /** `errors.log.enable`. */
  readonly logErrors: boolean;
  /** `errors.log.include.messages`. */
  readonly logMessages: boolean;
}

/**
 * The error-handling keys of a sink connector config, parsed with their Kafka Connect defaults.
 * @throws ConfigException when one of them is invalid (the reconciler has validated them already).
 */
export function sinkErrorSettings(props: Readonly<Record<string, string>>, registry: PluginRegistry): SinkErrorSettings {
  const def = new ConfigDef();
  for (const key of recordPathConfigDef(registry).configKeys().values()) if (key.name.startsWith('errors.')) def.define(key);
  for (const key of sinkConnectorConfigDef().configKeys().values()) if (key.name.startsWith('errors.')) def.define(key);
  const relevant: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) if (key.startsWith('errors.')) relevant[key] = value;
  const config = new AbstractConfig(def, relevant);
  const dlq = config.getString('errors.deadletterqueue.topic.name')?.trim() ?? '';
  return {
    retryTimeoutMs: Number(config.getLong('errors.retry.timeout') ?? 0),
    retryDelayMaxMs: Number(config.getLong('errors.retry.delay.max.ms') ?? 60_000),
    toleratesAll: (config.getString('errors.tolerance') ?? 'none').trim().toLowerCase() === 'all',
    deadLetterTopic: dlq === '' ? undefined : dlq,
    deadLetterReplicationFactor: config.getShort('errors.deadletterqueue.topic.replication.factor') ?? 3,
    contextHeaders: config.getBoolean('errors.deadletterqueue.context.headers.enable') ?? false,
    logErrors: config.getBoolean('errors.log.enable') ?? false,
    logMessages: config.getBoolean('errors.log.include.messages') ?? false,
  };
}
