import { AbstractConfig, ConfigDef, Importance, NonNullValidator, Type } from '../api/config/index.ts';
import type { SchemaAndValue } from '../api/converter.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Transformation } from '../api/transformation.ts';
import { parseString } from '../converters/values/values.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';

const CONFIG_DEF = new ConfigDef()
  .define({
    name: 'header',
    type: Type.STRING,
    validator: new NonNullValidator(),
    importance: Importance.HIGH,
    documentation: 'The name of the header.',
  })
  .define({
    name: 'value.literal',
    type: Type.STRING,
    validator: new NonNullValidator(),
    importance: Importance.HIGH,
    documentation: 'The literal value that is to be set as the header value on all records.',
  });

/**
 * Adds one header to every record (Kafka Connect's `InsertHeader`). The literal is typed as Kafka
 * Connect's `Values.parseString` types text: `42` becomes an int8, `true` a boolean, `[1,2]` an
 * array, `null` a null header, anything else a string.
 */
export class InsertHeader<R extends ConnectRecord = ConnectRecord> implements Transformation<R> {
  static readonly CONFIG_DEF: ConfigDef = CONFIG_DEF;
  #header = '';
  #literal: SchemaAndValue | null = null;

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(configs: Readonly<Record<string, string>>): void {
    const config = new AbstractConfig(CONFIG_DEF, configs);
    this.#header = config.getString('header') ?? '';
    this.#literal = parseString(config.getString('value.literal'));
  }

  apply(record: R): R | null {
    const headers = record.headers.duplicate().add(this.#header, this.#literal?.value ?? null, this.#literal?.schema ?? null);
    return record.newRecord({ headers });
  }
}

export const plugins: PluginDescriptor[] = [
  { kind: 'transformation', className: 'org.apache.kafka.connect.transforms.InsertHeader', create: () => new InsertHeader() },
];
