import type { ConfigDef, ConfigValue } from '../api/config/index.ts';
import type { Converter, HeaderConverter } from '../api/converter.ts';
import { withConverterType } from '../converters/converter-config.ts';
import type { PluginKind } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { configErrors, DEFAULT_HEADER_CONVERTER, DEFAULT_KEY_CONVERTER, DEFAULT_VALUE_CONVERTER } from './connector-config.ts';
import type { RecordConverters } from './record-conversion.ts';
import { configurePlugin, createPlugin, withPrefix } from './transformation-chain.ts';

/** The three converter slots of a connector config. */
const slots = [
  { key: 'key.converter', kind: 'converter', fallback: DEFAULT_KEY_CONVERTER, isKey: true },
  { key: 'value.converter', kind: 'converter', fallback: DEFAULT_VALUE_CONVERTER, isKey: false },
  { key: 'header.converter', kind: 'header-converter', fallback: DEFAULT_HEADER_CONVERTER, isKey: undefined },
] as const satisfies readonly { key: string; kind: PluginKind; fallback: string; isKey: boolean | undefined }[];

type Slot = (typeof slots)[number];

/**
 * The class and settings a slot runs with. As in Kafka Connect's worker, a connector's
 * `key.converter.*` / `value.converter.*` settings apply only when the connector also names the
 * converter class; otherwise the worker default runs with its own settings (none here). Header
 * converter settings always apply.
 */
function slotSettings(props: Readonly<Record<string, string>>, slot: Slot): { className: string; settings: Record<string, string> } {
  const named = props[slot.key]?.trim();
  const className = named || slot.fallback;
  const settings = named || slot.isKey === undefined ? withPrefix(props, `${slot.key}.`) : {};
  return { className, settings: withConverterType(settings, slot.isKey) };
}

/** One converter's settings validated against its definition; `prefix` is its slot's (`value.converter.`). */
export interface ConverterValidation {
  readonly prefix: string;
  readonly definition: ConfigDef;
  readonly values: readonly ConfigValue[];
}

/**
 * Each converter's settings validated, as it would run. With `onlyNamed`, only the converters the
 * config names (Kafka's `config/validate` answer leaves the worker defaults out).
 */
export function converterValidations(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  onlyNamed = false,
): ConverterValidation[] {
  const validations: ConverterValidation[] = [];
  for (const slot of slots) {
    if (onlyNamed && !props[slot.key]?.trim()) continue;
    const { className, settings } = slotSettings(props, slot);
    const plugin = registry.find<{ config(): ConfigDef }>(slot.kind, className);
    if (plugin === undefined) continue; // the common definition reports the unknown class
    const definition = plugin.create().config();
    validations.push({ prefix: `${slot.key}.`, definition, values: definition.validate(settings) });
  }
  return validations;
}

/** Problems of each converter's settings, keyed by the full config key (e.g. `value.converter.schemas.enable`). */
export function converterConfigErrors(props: Readonly<Record<string, string>>, registry: PluginRegistry): Map<string, readonly string[]> {
  const errors = new Map<string, readonly string[]>();
  for (const { prefix, values } of converterValidations(props, registry))
    for (const [name, messages] of configErrors(values)) errors.set(`${prefix}${name}`, messages);
  return errors;
}

/**
 * The key, value and header converters a validated connector config names (or the defaults),
 * each configured with its settings, as Kafka Connect's worker does.
 */
export function buildConverters(props: Readonly<Record<string, string>>, registry: PluginRegistry): RecordConverters {
  const [keySlot, valueSlot, headerSlot] = slots.map((slot) => slotSettings(props, slot)) as [
    ReturnType<typeof slotSettings>,
    ReturnType<typeof slotSettings>,
    ReturnType<typeof slotSettings>,
  ];
  const key = createPlugin<Converter>(registry, 'converter', keySlot.className, 'key.converter');
  configurePlugin('key.converter.', () => key.configure(keySlot.settings, true));
  const value = createPlugin<Converter>(registry, 'converter', valueSlot.className, 'value.converter');
  configurePlugin('value.converter.', () => value.configure(valueSlot.settings, false));
  const header = createPlugin<HeaderConverter>(registry, 'header-converter', headerSlot.className, 'header.converter');
  configurePlugin('header.converter.', () => header.configure(headerSlot.settings));
  return { key, value, header, keyClass: keySlot.className, valueClass: valueSlot.className, headerClass: headerSlot.className };
}
