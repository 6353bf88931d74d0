import { ConfigDef } from '../../api/config/index.ts';
import type { ConnectRecord } from '../../api/record/connect-record.ts';
import type { Predicate } from '../../api/transformation.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';

const CONFIG_DEF = new ConfigDef();

/** True for tombstones: records whose value is null, whatever their key (Kafka Connect's `RecordIsTombstone`). */
export class RecordIsTombstone<R extends ConnectRecord = ConnectRecord> implements Predicate<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(_configs: Readonly<Record<string, string>>): void {}

  test(record: R): boolean {
    return record.value === null || record.value === undefined;
  }

  toString(): string {
    return 'RecordIsTombstone{}';
  }
}

export const plugins: PluginDescriptor[] = [
  {
    kind: 'predicate',
    className: 'org.apache.kafka.connect.transforms.predicates.RecordIsTombstone',
    create: () => new RecordIsTombstone(),
  },
];
