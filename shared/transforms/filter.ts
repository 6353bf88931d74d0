import { ConfigDef } from '../api/config/index.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';

const CONFIG_DEF = new ConfigDef();

/**
 * Drops every record (Kafka Connect's `Filter`). Meant to run under a predicate:
 * `transforms.drop.predicate=isTombstone` drops only the records the predicate matches.
 */
export class Filter<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(_configs: Readonly<Record<string, string>>): void {}

  apply(_record: R): R | null {
    return null;
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.Filter', create: () => new Filter() },
];
