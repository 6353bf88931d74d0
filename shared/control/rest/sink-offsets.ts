// Sink connectors' offsets are their consumer group's committed offsets (`connect-<name>`), which
// only the Kafka admin client can read or change. The REST API reaches them through this port;
// the Kafka adapter implements it.
import { badRequest } from './errors.ts';

/** One partition's committed offset of a sink connector's consumer group. */
export interface SinkPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume; null (in an alteration) removes the committed offset. */
  readonly offset: number | null;
}

/**
 * The consumer group offsets of a sink connector (Kafka Connect reads and alters them with the
 * admin client: `listConsumerGroupOffsets`, `alterConsumerGroupOffsets`,
 * `deleteConsumerGroupOffsets`). The group is `connect-<connector>`. The REST API calls `alter`
 * and `reset` only while the connector is STOPPED, so the group has no active members.
 */
export interface SinkOffsetsPort {
  /** Every committed offset of the connector's group (an empty list when the group has none). */
  read(connector: string): Promise<SinkPartitionOffset[]>;
  /** Sets (or, for null offsets, deletes) the committed offsets of the given partitions. */
  alter(connector: string, offsets: readonly SinkPartitionOffset[]): Promise<void>;
  /** Deletes every committed offset of the group (Kafka Connect deletes the group). */
  reset(connector: string): Promise<void>;
}

export const KAFKA_TOPIC_KEY = 'kafka_topic';
export const KAFKA_PARTITION_KEY = 'kafka_partition';
export const KAFKA_OFFSET_KEY = 'kafka_offset';

/** As Kafka Connect shows a sink offset: `{"kafka_topic","kafka_partition"}` → `{"kafka_offset"}`. */
export function sinkOffsetEntity(offset: SinkPartitionOffset): {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
} {
  return {
    partition: { [KAFKA_TOPIC_KEY]: offset.topic, [KAFKA_PARTITION_KEY]: offset.partition },
    offset: offset.offset === null ? null : { [KAFKA_OFFSET_KEY]: offset.offset },
  };
}

/**
 * Parses the body of a sink connector's offsets PATCH with Kafka's rules and messages
 * (`SinkUtils.parseSinkConnectorOffsets`): both `10` and `"10"` are accepted.
 */
export function parseSinkOffsets(
  entries: readonly { partition: Record<string, unknown> | null; offset: Record<string, unknown> | null }[],
): SinkPartitionOffset[] {
  return entries.map(({ partition, offset }) => {
    if (partition === null) throw badRequest('The partition for a sink connector offset cannot be null or missing');
    if (!(KAFKA_TOPIC_KEY in partition) || !(KAFKA_PARTITION_KEY in partition))
      throw badRequest(`The partition for a sink connector offset must contain the keys '${KAFKA_TOPIC_KEY}' and '${KAFKA_PARTITION_KEY}'`);
    if (partition[KAFKA_TOPIC_KEY] === null) throw badRequest('Kafka topic names must be valid strings and may not be null');
    if (partition[KAFKA_PARTITION_KEY] === null) throw badRequest('Kafka partitions must be valid numbers and may not be null');
    const rawPartition = partition[KAFKA_PARTITION_KEY];
    const partitionNumber = javaInteger(rawPartition, 2 ** 31);
    if (partitionNumber === undefined)
      throw badRequest(
        `Failed to parse the following Kafka partition value in the provided offsets: '${String(rawPartition)}'. Partition values for sink connectors need to be integers.`,
      );
    const topic = String(partition[KAFKA_TOPIC_KEY]);
    if (offset === null) return { topic, partition: partitionNumber, offset: null };
    if (!(KAFKA_OFFSET_KEY in offset))
      throw badRequest(`The offset for a sink connector should either be null or contain the key '${KAFKA_OFFSET_KEY}'`);
    const rawOffset = offset[KAFKA_OFFSET_KEY];
    const offsetNumber = javaInteger(rawOffset, 2 ** 63);
    if (offsetNumber === undefined)
      throw badRequest(
        `Failed to parse the following Kafka offset value in the provided offsets: '${String(rawOffset)}'. Offset values for sink connectors need to be integers.`,
      );
    return { topic, partition: partitionNumber, offset: offsetNumber };
  });
}

/** `Integer.parseInt(String.valueOf(value))` / `Long.parseLong`: an integer within ±limit, or undefined. */
function javaInteger(value: unknown, limit: number): number | undefined {
  const text = String(value);
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const number = Number(text);
  return number >= -limit && number < limit && Number.isSafeInteger(number) ? number : undefined;
}
