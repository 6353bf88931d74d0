import { type ConfigDef, ConfigException } from '../api/config/index.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import {
  aliases,
  configErrors,
  DEFAULT_HEADER_CONVERTER,
  DEFAULT_KEY_CONVERTER,
  DEFAULT_VALUE_CONVERTER,
  enrichConfigDef,
  recordPathConfigDef,
} from './connector-config.ts';
import type { RecordConverters } from './record-conversion.ts';
import { buildConverters, converterConfigErrors } from './record-converters.ts';
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
  for (const [key, messages] of converterConfigErrors(props, registry)) errors.set(key, messages);
  for (const alias of aliases(props.transforms)) {
    const prefix = `transforms.${alias}.`;
    if (props[`${prefix}negate`] !== undefined && !props[`${prefix}predicate`]?.trim()) {
      errors.set(`${prefix}negate`, [
        `Config '${prefix}negate' was provided but there is no config '${prefix}predicate' defining a predicate to be negated.`,
      ]);
    }
  }
  if (errors.size > 0) return errors;
  // Some problems show only when a plugin is configured (a regex that does not compile, an
  // encoding Node lacks): build the path once so they surface here, not on the first record.
  try {
    buildRecordPath(props, registry).chain.close();
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error;
    errors.set(error.key ?? 'transforms', [error.message]);
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
