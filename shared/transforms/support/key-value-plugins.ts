import type { Transformation } from '../../api/transformation.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';
import type { OperatingSide } from './operating-side.ts';

/**
 * The `$Key` and `$Value` descriptors of a transform written once for both sides, under Kafka
 * Connect's class names: `keyValuePlugins('InsertField', (side) => new InsertField(side))`
 * registers `org.apache.kafka.connect.transforms.InsertField$Key` and `...$Value`.
 */
export function keyValuePlugins(simpleName: string, create: (side: OperatingSide) => Transformation): PluginDescriptor<Transformation>[] {
  return [
    { kind: 'transformation', className: `org.apache.kafka.connect.transforms.${simpleName}$Key`, create: () => create('key') },
    { kind: 'transformation', className: `org.apache.kafka.connect.transforms.${simpleName}$Value`, create: () => create('value') },
  ];
}
