import { ConfigException } from '../../api/config/index.ts';
import { ConnectException } from '../../api/errors.ts';
import type { NewTopicSpec, TopicAdmin } from '../../kafka/record-producer.ts';
import { aliases } from '../connector-config.ts';

const PREFIX = 'topic.creation.';
const DEFAULT_GROUP = 'default';
const OWN_KEYS = new Set(['include', 'exclude', 'replication.factor', 'partitions']);

/** One KIP-158 group: which topics it covers and how to create them. */
export interface TopicCreationGroup {
  readonly name: string;
  readonly include: RegExp;
  readonly exclude: RegExp;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string>>;
}

/**
 * Topic creation for a source connector, as Kafka Connect's `TopicCreation` (KIP-158): on only
 * when the config has `topic.creation.*` keys; then each topic a record goes to is created before
 * the first send unless it exists, with the settings of the first group of `topic.creation.groups`
 * that includes and does not exclude it, or of the `default` group.
 */
export class TopicCreation {
  readonly #groups: readonly TopicCreationGroup[];
  readonly #default: TopicCreationGroup | undefined;
  readonly #known = new Set<string>();

  private constructor(groups: readonly TopicCreationGroup[], fallback: TopicCreationGroup | undefined) {
    this.#groups = groups;
    this.#default = fallback;
  }

  /** @throws ConfigException naming the key when the `topic.creation.*` settings are invalid. */
  static fromConfig(props: Readonly<Record<string, string>>): TopicCreation {
    if (!Object.keys(props).some((key) => key.startsWith(PREFIX))) return new TopicCreation([], undefined);
    const fallback = parseGroup(props, DEFAULT_GROUP, undefined);
    const names = aliases(props[`${PREFIX}groups`]).filter((name) => name !== DEFAULT_GROUP);
    return new TopicCreation(
      names.map((name) => parseGroup(props, name, fallback)),
      fallback,
    );
  }

  get enabled(): boolean {
    return this.#default !== undefined;
  }

  /** The group whose settings create `topic`. */
  groupFor(topic: string): TopicCreationGroup | undefined {
    if (this.#default === undefined) return undefined;
    return this.#groups.find((group) => matches(group, topic)) ?? this.#default;
  }

  /** The topic as Kafka Connect would create it, or undefined when creation is off. */
  newTopic(topic: string): NewTopicSpec | undefined {
    const group = this.groupFor(topic);
    if (group === undefined) return undefined;
    return { topic, partitions: group.partitions, replicationFactor: group.replicationFactor, configs: group.configs };
  }

  /**
   * Makes sure every topic exists before records are sent to it. Topics found or created are
   * remembered, so each is checked once per process.
   * @throws ConnectException when a topic can neither be found nor created.
   */
  async ensure(topics: Iterable<string>, admin: TopicAdmin | undefined): Promise<string[]> {
    if (this.#default === undefined) return [];
    const unknown = [...new Set(topics)].filter((topic) => !this.#known.has(topic));
    if (unknown.length === 0) return [];
    if (admin === undefined)
      throw new ConnectException('Topic creation is configured (topic.creation.*), but this worker has no Kafka admin client.');
    const existing = await admin.existingTopics(unknown);
    const created: string[] = [];
    for (const topic of unknown) {
      if (!existing.has(topic)) {
        const spec = this.newTopic(topic) as NewTopicSpec;
        try {
          if (await admin.createTopic(spec)) created.push(topic);
        } catch (error) {
          throw new ConnectException(
            `Task failed to create new topic ${topic}. Ensure that the task is authorized to create topics or that the topic exists and restart the task`,
            {
              cause: error,
            },
          );
        }
      }
      this.#known.add(topic);
    }
    return created;
  }
}

function parseGroup(props: Readonly<Record<string, string>>, name: string, fallback: TopicCreationGroup | undefined): TopicCreationGroup {
  const prefix = `${PREFIX}${name}.`;
  const key = (suffix: string) => `${prefix}${suffix}`;
  const isDefault = fallback === undefined;
  const includeList = props[key('include')] === undefined ? (isDefault ? ['.*'] : []) : aliases(props[key('include')]);
  const excludeList = aliases(props[key('exclude')]);
  const replicationFactor = integer(props, key('replication.factor'), fallback?.replicationFactor);
  if (replicationFactor !== -1 && (replicationFactor < 1 || replicationFactor > 32767))
    throw ConfigException.invalidValue(
      key('replication.factor'),
      replicationFactor,
      "Replication factor must be positive and not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default",
    );
  const partitions = integer(props, key('partitions'), fallback?.partitions);
  if (partitions !== -1 && partitions < 1)
    throw ConfigException.invalidValue(
      key('partitions'),
      partitions,
      "Number of partitions must be positive, or -1 to use the broker's default",
    );
  const configs: Record<string, string> = {};
  for (const [name, value] of Object.entries(props))
    if (name.startsWith(prefix) && !OWN_KEYS.has(name.slice(prefix.length))) configs[name.slice(prefix.length)] = value;
  return {
    name,
    include: wholeMatch(key('include'), includeList),
    exclude: wholeMatch(key('exclude'), excludeList),
    partitions,
    replicationFactor,
    configs,
  };
}

function integer(props: Readonly<Record<string, string>>, key: string, fallback: number | undefined): number {
  const raw = props[key]?.trim();
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new ConfigException(`Missing required configuration "${key}" which has no default value.`, { key });
  }
  const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw ConfigException.invalidValue(key, raw, 'Not a number of type INT');
  return value;
}

/** Java's `Pattern.compile(String.join("|", list)).matcher(topic).matches()`: the whole name must match. */
function wholeMatch(key: string, patterns: readonly string[]): RegExp {
  try {
    return new RegExp(`^(?:${patterns.join('|')})$`, 'u');
  } catch (error) {
    throw ConfigException.invalidValue(key, patterns.join(','), `Syntax error in regular expression: ${(error as Error).message}`);
  }
}

function matches(group: TopicCreationGroup, topic: string): boolean {
  return !group.exclude.test(topic) && group.include.test(topic);
}
