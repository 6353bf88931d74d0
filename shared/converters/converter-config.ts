// What every converter's config has (Kafka's `ConverterConfig`): `converter.type`, which the worker
// sets to `key`, `value` or `header` before the converter sees its settings.
import { ConfigDef, Importance, Type, ValidString } from '../api/config/index.ts';

export const CONVERTER_TYPE_CONFIG = 'converter.type';

/** How a converter is used: for record keys, record values or headers (`ConverterType`). */
export type ConverterType = 'key' | 'value' | 'header';

/** A new definition holding `converter.type`, for a converter to add its own keys to (`ConverterConfig.newConfigDef`). */
export function newConverterConfigDef(): ConfigDef {
  return new ConfigDef().define({
    name: CONVERTER_TYPE_CONFIG,
    type: Type.STRING,
    validator: ValidString.in('key', 'value', 'header'),
    importance: Importance.LOW,
    documentation: 'How this converter will be used.',
  });
}

/**
 * The settings with `converter.type` set: to `key` or `value` when configured as a key or value
 * converter (Kafka's `configure(configs, isKey)`), else as given, or `header` when not given — a
 * header converter is configured with one argument, and Kafka's worker always adds `header` then.
 */
export function withConverterType(configs: Readonly<Record<string, string>>, isKey: boolean | undefined): Record<string, string> {
  if (isKey !== undefined) return { ...configs, [CONVERTER_TYPE_CONFIG]: isKey ? 'key' : 'value' };
  return CONVERTER_TYPE_CONFIG in configs ? { ...configs } : { ...configs, [CONVERTER_TYPE_CONFIG]: 'header' };
}
