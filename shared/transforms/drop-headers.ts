import { AbstractConfig, ConfigDef, Importance, Type, ValidList } from '../api/config/index.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import { Headers } from '../api/record/headers.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';

const CONFIG_DEF = new ConfigDef().define({
  name: 'headers',
  type: Type.LIST,
  validator: ValidList.anyNonDuplicateValues(false, false),
  importance: Importance.HIGH,
  documentation: 'The name of the headers to be removed.',
});

/** Removes every header with one of the configured names; the others keep their order (Kafka Connect's `DropHeaders`). */
export class DropHeaders<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #headers: ReadonlySet<string> = new Set();

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    this.#headers = new Set(new AbstractConfig(CONFIG_DEF, configs).getList('headers') ?? []);
  }

  apply(record: R): R | null {
    const kept = [...record.headers].filter((header) => !this.#headers.has(header.key));
    return record.newRecord({ headers: new Headers(kept) });
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.DropHeaders', create: () => new DropHeaders() },
];
