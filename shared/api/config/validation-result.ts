// The answer of Kafka Connect's `PUT /connector-plugins/{plugin}/config/validate`, built from
// definitions and ConfigValues the way Kafka's `AbstractHerder.generateResult` builds it. Field
// names and order are those Kafka 4.3's REST entities serialise (`ConfigInfos`, `ConfigInfo`,
// `ConfigKeyInfo`, `ConfigValueInfo`), so JSON.stringify gives what Kafka Connect answers.
import type { ConfigDef } from './config-def.ts';
import type { ConfigKey } from './config-key.ts';
import { ConfigValue } from './config-value.ts';
import { convertToString } from './parse-type.ts';
import { NO_DEFAULT_VALUE, type Type } from './types.ts';

/** A key's definition as the REST API shows it. Values are strings or null; PASSWORD defaults show `[hidden]`. */
export interface ConfigKeyInfo {
  name: string;
  /** Kafka's upper-case type name, e.g. `INT`. */
  type: Type;
  /** True when the key has no default. */
  required: boolean;
  /** The default as a string (LIST joined with `,`, DOUBLE as `1.0`), or null when required or null. */
  default_value: string | null;
  importance: string;
  documentation: string | null;
  group: string | null;
  /** Kafka 4.3 names this `order_in_group`; Kafka 3.x named it `order`. */
  order_in_group: number;
  width: string;
  display_name: string;
  dependents: string[];
}

/** A key's validation outcome as the REST API shows it. PASSWORD values show `[hidden]`. */
export interface ConfigValueInfo {
  name: string;
  value: string | null;
  /** Each a string, or null where a recommender suggested null. */
  recommended_values: (string | null)[];
  errors: string[];
  visible: boolean;
}

/** One entry of `configs`: `definition` is null for a value no definition knows; `value` is null for a key nobody validated. */
export interface ConfigInfo {
  definition: ConfigKeyInfo | null;
  value: ConfigValueInfo | null;
}

/** The whole `config/validate` answer. */
export interface ConfigInfos {
  /** The connector class that was validated. */
  name: string;
  error_count: number;
  groups: string[];
  configs: ConfigInfo[];
}

/** One definition and the ConfigValues validated against it (a connector's `validate` may have added errors). */
export interface ValidatedPart {
  readonly definition: ConfigDef;
  readonly values: readonly ConfigValue[];
}

/** A key's definition for the REST API, its name prefixed (converter keys show as `value.converter.x`). */
export function convertConfigKey(key: ConfigKey, prefix = ''): ConfigKeyInfo {
  const required = key.defaultValue === NO_DEFAULT_VALUE;
  return {
    name: prefix + key.name,
    type: key.type,
    required,
    default_value: key.defaultValue === NO_DEFAULT_VALUE ? null : convertToString(key.defaultValue, key.type),
    importance: key.importance,
    documentation: key.documentation,
    group: key.group,
    order_in_group: key.orderInGroup,
    width: key.width,
    display_name: key.displayName,
    dependents: [...key.dependents],
  };
}

/** A ConfigValue for the REST API; `type` is its key's type, or null when no definition knows it. */
export function convertConfigValue(value: ConfigValue, type: Type | null): ConfigValueInfo {
  // Kafka prints a LIST key's recommended values one by one, as strings.
  const recommendedType = type === 'LIST' ? 'STRING' : type;
  return {
    name: value.name,
    value: convertToString(value.value, type),
    recommended_values: value.recommendedValues.map((recommended) => convertToString(recommended, recommendedType)),
    errors: [...value.errorMessages],
    visible: value.visible,
  };
}

/**
 * Kafka's `generateResult`: first the values no key defines, then every key in order with its
 * value (null if none). `error_count` counts error messages, not keys.
 */
export function generateResult(
  connectorClass: string,
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: readonly ConfigValue[],
  groups: readonly string[],
): ConfigInfos {
  let errorCount = 0;
  const configs: ConfigInfo[] = [];
  const valuesByName = new Map<string, ConfigValue>();
  for (const configValue of configValues) {
    valuesByName.set(configValue.name, configValue);
    if (!configKeys.has(configValue.name)) {
      configs.push({ definition: null, value: convertConfigValue(configValue, null) });
      errorCount += configValue.errorMessages.length;
    }
  }
  for (const [name, key] of configKeys) {
    const configValue = valuesByName.get(name);
    if (configValue !== undefined) errorCount += configValue.errorMessages.length;
    configs.push({
      definition: convertConfigKey(key),
      value: configValue === undefined ? null : convertConfigValue(configValue, key.type),
    });
  }
  return { name: connectorClass, error_count: errorCount, groups: [...groups], configs };
}

/**
 * The answer for one plugin's own keys under a prefix (a converter's, under `value.converter.`),
 * as Kafka's `prefixedConfigInfos`: names prefixed, `error_count` counts keys with errors, and
 * `name` is empty, for {@link mergeConfigInfos} to fill in.
 */
export function prefixedConfigInfos(
  configKeys: ReadonlyMap<string, ConfigKey>,
  configValues: readonly ConfigValue[],
  prefix: string,
): ConfigInfos {
  let errorCount = 0;
  const groups = new Set<string>();
  const configs: ConfigInfo[] = [];
  for (const configValue of configValues) {
    const key = configKeys.get(configValue.name);
    if (key?.group) groups.add(key.group);
    if (configValue.errorMessages.length > 0) errorCount++;
    // As in Kafka, the prefixed copy starts out visible whatever the plugin said.
    const prefixed = new ConfigValue(
      prefix + configValue.name,
      configValue.value,
      configValue.recommendedValues,
      configValue.errorMessages,
    );
    configs.push({
      definition: key === undefined ? null : convertConfigKey(key, prefix),
      value: convertConfigValue(prefixed, key?.type ?? null),
    });
  }
  return { name: '', error_count: errorCount, groups: [...groups], configs };
}

/** Several answers as one (Kafka's `mergeConfigInfos`): errors added up, groups without repeats, configs in turn. */
export function mergeConfigInfos(connectorClass: string, ...parts: readonly (ConfigInfos | null | undefined)[]): ConfigInfos {
  const merged: ConfigInfos = { name: connectorClass, error_count: 0, groups: [], configs: [] };
  for (const part of parts) {
    if (!part) continue;
    merged.error_count += part.error_count;
    for (const group of part.groups) if (!merged.groups.includes(group)) merged.groups.push(group);
    merged.configs.push(...part.configs);
  }
  return merged;
}

/**
 * The `config/validate` answer for a connector, from its parts in order — typically the common
 * connector definition (groups `Common`, `Transforms`, `Predicates`, `Error Handling`, and the
 * embedded `Transforms: <alias>` ones) and then the connector's own — as Kafka Connect merges
 * them: a key defined again by a later part takes the later definition but keeps its first
 * position; groups come in the order first seen unless `groups` says otherwise.
 */
export function validationResult(connectorClass: string, parts: readonly ValidatedPart[], groups?: readonly string[]): ConfigInfos {
  const configKeys = new Map<string, ConfigKey>();
  const seenGroups = new Set<string>();
  const configValues: ConfigValue[] = [];
  for (const part of parts) {
    for (const [name, key] of part.definition.configKeys()) configKeys.set(name, key);
    for (const group of part.definition.groups()) seenGroups.add(group);
    configValues.push(...part.values);
  }
  return generateResult(connectorClass, configKeys, configValues, groups ?? [...seenGroups]);
}
