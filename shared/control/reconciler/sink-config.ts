import { ConfigDef, Importance, LambdaValidator, Range, Type, ValidString } from '../../api/config/index.ts';
import { MAX_BATCH_SIZE } from '../ports/event-source-mapping.ts';

/**
 * The two consumer overrides a sink may set that map onto its event source mappings (the sink
 * keys themselves are the runtime's `sinkConnectorConfigDef`): `consumer.override.max.poll.records`
 * becomes the batch size and `consumer.override.auto.offset.reset` the starting position.
 */
export function sinkMappingConfigDef(): ConfigDef {
  return new ConfigDef()
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
