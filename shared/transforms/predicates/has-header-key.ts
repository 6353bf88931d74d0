import { AbstractConfig, ConfigDef, Importance, NonEmptyString, Type } from '../../api/config/index.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import type { Predicate } from '../../api/transformation.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';

const CONFIG_DEF = new ConfigDef().define({
  name: 'name',
  type: Type.STRING,
  validator: new NonEmptyString(),
  importance: Importance.MEDIUM,
  documentation: 'The header name.',
});

/** True for records with at least one header of the configured name, whatever its value (Kafka Connect's `HasHeaderKey`). */
export class HasHeaderKey<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #name = '';

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    this.#name = new AbstractConfig(CONFIG_DEF, configs).getString('name') ?? '';
  }

  test(record: R): boolean {
    return record.headers.allWithName(this.#name).length > 0;
  }

  toString(): string {
    return `HasHeaderKey{name='${this.#name}'}`;
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'predicate', className: 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey', create: () => new HasHeaderKey() },
];
