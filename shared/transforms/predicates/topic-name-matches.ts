import { AbstractConfig, CompositeValidator, ConfigDef, Importance, NonEmptyString, Type } from '../../api/config/index.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import type { Predicate } from '../../api/transformation.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';
import { JAVA_REGEX_VALIDATOR, JavaPattern } from '../support/java-regex.ts';

const CONFIG_DEF = new ConfigDef().define({
  name: 'pattern',
  type: Type.STRING,
  validator: CompositeValidator.of(new NonEmptyString(), JAVA_REGEX_VALIDATOR),
  importance: Importance.MEDIUM,
  documentation: "A Java regular expression for matching against the name of a record's topic.",
});

/** True for records whose whole topic name matches a Java regular expression (Kafka Connect's `TopicNameMatches`). */
export class TopicNameMatches<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #pattern: JavaPattern | null = null;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    this.#pattern = JavaPattern.compile(new AbstractConfig(CONFIG_DEF, configs).getString('pattern') ?? '');
  }

  test(record: R): boolean {
    return record.topic !== null && this.#pattern !== null && this.#pattern.matches(record.topic);
  }

  toString(): string {
    return `TopicNameMatches{pattern=${this.#pattern}}`;
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'predicate', className: 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches', create: () => new TopicNameMatches() },
];
