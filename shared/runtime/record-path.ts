import { type ConfigDef, ConfigException } from '../api/config/index.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { aliases, configErrors, enrichConfigDef, recordPathConfigDef } from './connector-config.ts';
import type { RecordConverters } from './record-conversion.ts';
import { buildConverters, converterConfigErrors } from './record-converters.ts';
import { TransformationChain } from './transformation-chain.ts';

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
  for (const [key, messages] of negateErrors(props)) errors.set(key, messages);
  return errors.size > 0 ? errors : recordPathBuildErrors(props, registry);
}

/** Kafka Connect's check that a transform's `negate` comes with the `predicate` it negates. */
export function negateErrors(props: Readonly<Record<string, string>>): Map<string, readonly string[]> {
  const errors = new Map<string, readonly string[]>();
  for (const alias of aliases(props.transforms)) {
    const prefix = `transforms.${alias}.`;
    if (props[`${prefix}negate`] !== undefined && !props[`${prefix}predicate`]?.trim()) {
      errors.set(`${prefix}negate`, [
        `Config '${prefix}negate' was provided but there is no config '${prefix}predicate' defining a predicate to be negated.`,
      ]);
    }
  }
  return errors;
}

/**
 * The problems that show only when a plugin is configured (a regex that does not compile, an
 * encoding Node lacks), for a config whose keys are otherwise valid: building the path once makes
 * them surface at validation, not on the first record.
 */
export function recordPathBuildErrors(props: Readonly<Record<string, string>>, registry: PluginRegistry): Map<string, readonly string[]> {
  try {
    buildRecordPath(props, registry).chain.close();
    return new Map();
  } catch (error) {
    if (!(error instanceof ConfigException)) throw error;
    return new Map([[error.key ?? 'transforms', [error.message]]]);
  }
}

/** Builds the record path of a config that {@link validateRecordPath} accepted. */
export function buildRecordPath(props: Readonly<Record<string, string>>, registry: PluginRegistry): RecordPath {
  return {
    converters: buildConverters(props, registry),
    chain: TransformationChain.fromConfig(props, registry),
    toleratesErrors: (props['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all',
  };
}
