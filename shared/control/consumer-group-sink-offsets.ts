import type { ConsumerGroupOffsets } from '../kafka/consumer-group-offsets.ts';
import { aliases } from '../runtime/connector-config.ts';
import { topicPattern } from '../runtime/sink/sink-connector-config.ts';
import type { ConfigStore } from '../stores/config-store.ts';
import { sinkGroupIds } from './reconciler/index.ts';
import type { SinkOffsetsPort, SinkPartitionOffset } from './rest/sink-offsets.ts';

/**
 * A sink connector's offsets are its consumer groups' (one per topic when the event source
 * mappings need that, see `sinkGroupIds`): read, altered and reset with the Kafka admin client.
 */
export class ConsumerGroupSinkOffsets implements SinkOffsetsPort {
  readonly #configs: Pick<ConfigStore, 'get'>;
  readonly #groups: ConsumerGroupOffsets;
  readonly #topicsMatching: (pattern: RegExp) => Promise<string[]>;

  constructor(options: {
    readonly configs: Pick<ConfigStore, 'get'>;
    readonly groups: ConsumerGroupOffsets;
    readonly topicsMatching: (pattern: RegExp) => Promise<string[]>;
  }) {
    this.#configs = options.configs;
    this.#groups = options.groups;
    this.#topicsMatching = options.topicsMatching;
  }

  async read(connector: string): Promise<SinkPartitionOffset[]> {
    const offsets: SinkPartitionOffset[] = [];
    for (const [topic, groupId] of await this.#groupsOf(connector)) offsets.push(...(await this.#groups.read(groupId, [topic])));
    return offsets.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  async alter(connector: string, offsets: readonly SinkPartitionOffset[]): Promise<void> {
    const groups = await this.#groupsOf(connector);
    for (const topic of new Set(offsets.map((offset) => offset.topic))) {
      // A topic the connector does not read gets the group the connector would use for it.
      const groupId = groups.get(topic) ?? sinkGroupIds(connector, [...groups.keys(), topic], false).get(topic) ?? `connect-${connector}`;
      await this.#groups.alter(
        groupId,
        topic,
        offsets.filter((offset) => offset.topic === topic),
      );
    }
  }

  async reset(connector: string): Promise<void> {
    for (const groupId of new Set((await this.#groupsOf(connector)).values())) await this.#groups.reset(groupId);
  }

  async #groupsOf(connector: string): Promise<Map<string, string>> {
    const config = (await this.#configs.get(connector))?.config ?? {};
    const regex = config['topics.regex']?.trim() ?? '';
    const topics = regex === '' ? aliases(config.topics) : await this.#topicsMatching(topicPattern(regex) as RegExp);
    return sinkGroupIds(connector, topics, regex !== '');
  }
}
