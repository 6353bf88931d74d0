import type { ConfigDef } from '../api/config/index.ts';
import type { PluginKind } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import {
  configErrors,
  DEFAULT_HEADER_CONVERTER,
  DEFAULT_KEY_CONVERTER,
  DEFAULT_VALUE_CONVERTER,
  enrichConfigDef,
  recordPathConfigDef,
} from './connector-config.ts';
import type { RecordConverters } from './record-conversion.ts';
import { buildConverters } from './record-converters.ts';
import { TransformationChain, withPrefix } from './transformation-chain.ts';

/** A connector's converters and SMT chain, built from its config: what every record passes through. */
export interface RecordPath {
  readonly converters: RecordConverters;
  readonly chain: TransformationChain;
  /** `errors.tolerance=all`: failed records are skipped (and dead-lettered by sinks) instead of failing the task. */
  readonly toleratesErrors: boolean;
}

/**
 * Every problem of a config's record path, per key: the common keys, each transform's and
 * predicate's own keys, and each converter's prefixed settings. Empty when the config is valid.
 */
export function validateRecordPath(
  props: Readonly<Record<string, string>>,
  registry: PluginRegistry,
  base: ConfigDef = recordPathConfigDef(registry),
): Map<string, readonly string[]> {
  const errors = configErrors(enrichConfigDef(base, props, registry).validate(props));
  const converters: [string, PluginKind, string][] = [
    ['key.converter', 'converter', DEFAULT_KEY_CONVERTER],
    ['value.converter', 'converter', DEFAULT_VALUE_CONVERTER],
    ['header.converter', 'header-converter', DEFAULT_HEADER_CONVERTER],
  ];
  for (const [key, kind, fallback] of converters) {
    const plugin = registry.find<{ config(): ConfigDef }>(kind, props[key]?.trim() || fallback);
    if (plugin === undefined) continue;
    for (const [name, messages] of configErrors(
      plugin
        .create()
        .config()
        .validate(withPrefix(props, `${key}.`)),
    ))
      errors.set(`${key}.${name}`, messages);
  }
  return errors;
}

/** Builds the record path of a config that {@link validateRecordPath} accepted. */
export function buildRecordPath(props: Readonly<Record<string, string>>, registry: PluginRegistry): RecordPath {
  return {
    converters: buildConverters(props, registry),
    chain: TransformationChain.fromConfig(props, registry),
    toleratesErrors: (props['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all',
  };
}
