// JsonConverter's settings (Kafka's `JsonConverterConfig`), declared as Kafka declares them.
import {
  AbstractConfig,
  CaseInsensitiveValidString,
  type ConfigDef,
  type ConfigProps,
  Importance,
  Type,
  Width,
} from '../../api/config/index.ts';
import { type ConverterType, newConverterConfigDef } from '../converter-config.ts';

export const SCHEMAS_ENABLE_CONFIG = 'schemas.enable';
export const SCHEMAS_CACHE_SIZE_CONFIG = 'schemas.cache.size';
export const SCHEMA_CONTENT_CONFIG = 'schema.content';
export const DECIMAL_FORMAT_CONFIG = 'decimal.format';
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

/** How Decimals are written: as base64 of their unscaled bytes, or as JSON numbers. */
export type DecimalFormat = 'BASE64' | 'NUMERIC';

const CONFIG_DEF: ConfigDef = newConverterConfigDef()
  .define({
    name: SCHEMAS_ENABLE_CONFIG,
    type: Type.BOOLEAN,
    defaultValue: true,
    importance: Importance.HIGH,
    documentation: 'Include schemas within each of the serialized values and keys.',
    group: 'Schemas',
    orderInGroup: 0,
    width: Width.MEDIUM,
    displayName: 'Enable Schemas',
  })
  .define({
    name: SCHEMAS_CACHE_SIZE_CONFIG,
    type: Type.INT,
    defaultValue: 1000,
    importance: Importance.HIGH,
    documentation: 'The maximum number of schemas that can be cached in this converter instance.',
    group: 'Schemas',
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Schema Cache Size',
  })
  .define({
    name: SCHEMA_CONTENT_CONFIG,
    type: Type.STRING,
    defaultValue: null,
    importance: Importance.HIGH,
    documentation:
      'When set, this is used as the schema for all messages, and the schemas within each of the message will be ignored.' +
      "Otherwise, the schema will be included in the content of each message. This configuration applies only 'schemas.enable' is true, and it exclusively affects the sink connector.",
    group: 'Schemas',
    orderInGroup: 2,
    width: Width.MEDIUM,
    displayName: 'Schema Content',
  })
  .define({
    name: DECIMAL_FORMAT_CONFIG,
    type: Type.STRING,
    defaultValue: 'BASE64',
    validator: CaseInsensitiveValidString.in('BASE64', 'NUMERIC'),
    importance: Importance.LOW,
    documentation:
      "Controls which format this converter will serialize decimals in. This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'",
    group: 'Serialization',
    orderInGroup: 0,
    width: Width.MEDIUM,
    displayName: 'Decimal Format',
  })
  .define({
    name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
    type: Type.BOOLEAN,
    defaultValue: true,
    importance: Importance.LOW,
    documentation:
      'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.',
    group: 'Serialization',
    orderInGroup: 1,
    width: Width.MEDIUM,
    displayName: 'Replace null with default',
  });

/** JsonConverter's settings, parsed and checked (Kafka's messages for bad values). */
export class JsonConverterConfig extends AbstractConfig {
  readonly type: ConverterType;
  readonly schemasEnabled: boolean;
  readonly schemaCacheSize: number;
  readonly decimalFormat: DecimalFormat;
  readonly replaceNullWithDefault: boolean;
  /** The fixed schema's JSON (`schema.content`), or null when not set or empty. */
  readonly schemaContent: string | null;

  static configDef(): ConfigDef {
    return CONFIG_DEF;
  }

  constructor(props: ConfigProps) {
    super(CONFIG_DEF, props);
    this.type = this.getString('converter.type') as ConverterType;
    this.schemasEnabled = this.getBoolean(SCHEMAS_ENABLE_CONFIG) ?? true;
    this.schemaCacheSize = this.getInt(SCHEMAS_CACHE_SIZE_CONFIG) ?? 1000;
    this.decimalFormat = (this.getString(DECIMAL_FORMAT_CONFIG) ?? 'BASE64').toUpperCase() as DecimalFormat;
    this.replaceNullWithDefault = this.getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG) ?? true;
    const content = this.getString(SCHEMA_CONTENT_CONFIG);
    this.schemaContent = content === null || content === '' ? null : content;
  }
}
