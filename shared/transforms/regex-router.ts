import { AbstractConfig, ConfigDef, Importance, Type } from '../api/config/index.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { JAVA_REGEX_VALIDATOR, JavaPattern } from './support/java-regex.ts';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'regex',
    type: Type.STRING,
    validator: JAVA_REGEX_VALIDATOR,
    importance: Importance.HIGH,
    documentation: 'Regular expression to use for matching.',
  })
  .define({ name: 'replacement', type: Type.STRING, importance: Importance.HIGH, documentation: 'Replacement string.' });

/**
 * Renames the topic of records whose whole topic matches a Java regular expression (Kafka
 * Connect's `RegexRouter`): the new topic is the topic with its first match replaced, `$1` and
 * `${name}` standing for groups. Other records pass unchanged.
 *
 * @example
 * // transforms.route.regex=(.*)-(.*), transforms.route.replacement=$2.$1: "orders-eu" → "eu.orders"
 */
export class RegexRouter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #regex: JavaPattern | null = null;
  #replacement = '';

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#regex = JavaPattern.compile(config.getString('regex') ?? '');
    this.#replacement = config.getString('replacement') ?? '';
  }

  apply(record: R): R | null {
    const regex = this.#regex;
    if (regex === null || !regex.matches(record.topic)) return record;
    return record.newRecord({ topic: regex.replaceFirst(record.topic, this.#replacement) });
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.RegexRouter', create: () => new RegexRouter() },
];
