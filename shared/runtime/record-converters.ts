import type { Converter, HeaderConverter } from '../api/converter.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { DEFAULT_HEADER_CONVERTER, DEFAULT_KEY_CONVERTER, DEFAULT_VALUE_CONVERTER } from './connector-config.ts';
import type { RecordConverters } from './record-conversion.ts';
import { withPrefix } from './transformation-chain.ts';

/**
 * The key, value and header converters a validated connector config names (or the defaults),
 * each configured with its prefixed settings, as Kafka Connect's worker does.
 */
export function buildConverters(props: Readonly<Record<string, string>>, registry: PluginRegistry): RecordConverters {
  const keyClass = props['key.converter']?.trim() || DEFAULT_KEY_CONVERTER;
  const valueClass = props['value.converter']?.trim() || DEFAULT_VALUE_CONVERTER;
  const headerClass = props['header.converter']?.trim() || DEFAULT_HEADER_CONVERTER;
  const key = registry.find<Converter>('converter', keyClass)?.create() as Converter;
  key.configure(withPrefix(props, 'key.converter.'), true);
  const value = registry.find<Converter>('converter', valueClass)?.create() as Converter;
  value.configure(withPrefix(props, 'value.converter.'), false);
  const header = registry.find<HeaderConverter>('header-converter', headerClass)?.create() as HeaderConverter;
  header.configure(withPrefix(props, 'header.converter.'));
  return { key, value, header, keyClass, valueClass, headerClass };
}
