import {
  CaseInsensitiveValidString,
  ConfigDef,
  ConfigException,
  type ConfigValue,
  Importance,
  KnownClass,
  LambdaValidator,
  NonEmptyStringWithoutControlChars,
  Range,
  Type,
  ValidString,
} from '../api/config/index.ts';
import type { PluginKind } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';

/** The converters a connector uses when its config names none, as Kafka's `connect-distributed.properties`. */
export const DEFAULT_KEY_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
export const DEFAULT_VALUE_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
export const DEFAULT_HEADER_CONVERTER = 'org.apache.kafka.connect.storage.SimpleHeaderConverter';

const known = (registry: PluginRegistry, kind: PluginKind) => KnownClass.where((name) => registry.find(kind, name) !== undefined);

/**
 * The keys that shape how records are converted and transformed, and how failures are handled
 * (Kafka Connect's `ConnectorConfig` groups Transforms, Predicates and Error Handling, plus the
 * converters). `copycat transform` validates exactly these.
 */
export function recordPathConfigDef(registry: PluginRegistry): ConfigDef {
  const group = 'Common';
  return new ConfigDef()
    .define({
      name: 'key.converter',
      type: Type.CLASS,
      defaultValue: null,
      validator: known(registry, 'converter'),
      importance: Importance.LOW,
      group,
      orderInGroup: 4,
      displayName: 'Key converter class',
      documentation: `Converter class for the keys of Kafka records; overrides the worker default (${DEFAULT_KEY_CONVERTER}).`,
    })
    .define({
      name: 'value.converter',
      type: Type.CLASS,
      defaultValue: null,
      validator: known(registry, 'converter'),
      importance: Importance.LOW,
      group,
      orderInGroup: 5,
      displayName: 'Value converter class',
      documentation: `Converter class for the values of Kafka records; overrides the worker default (${DEFAULT_VALUE_CONVERTER}).`,
    })
    .define({
      name: 'header.converter',
      type: Type.CLASS,
      defaultValue: null,
      validator: known(registry, 'header-converter'),
      importance: Importance.LOW,
      group,
      orderInGroup: 6,
      displayName: 'Header converter class',
      documentation: `HeaderConverter class for record headers; overrides the worker default (${DEFAULT_HEADER_CONVERTER}).`,
    })
    .define({
      name: 'transforms',
      type: Type.LIST,
      defaultValue: '',
      validator: uniqueAliases,
      importance: Importance.LOW,
      group: 'Transforms',
      orderInGroup: 1,
      displayName: 'Transforms',
      documentation: 'Aliases for the transformations to be applied to records, in order.',
    })
    .define({
      name: 'predicates',
      type: Type.LIST,
      defaultValue: '',
      validator: uniqueAliases,
      importance: Importance.LOW,
      group: 'Predicates',
      orderInGroup: 1,
      displayName: 'Predicates',
      documentation: 'Aliases for the predicates used by transformations.',
    })
    .define({
      name: 'errors.retry.timeout',
      type: Type.LONG,
      defaultValue: 0,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 1,
      displayName: 'Retry Timeout for Errors',
      documentation:
        'The maximum duration in milliseconds that a failed operation will be reattempted. 0 means no retries, -1 infinite retries.',
    })
    .define({
      name: 'errors.retry.delay.max.ms',
      type: Type.LONG,
      defaultValue: 60000,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 2,
      displayName: 'Maximum Delay Between Retries for Errors',
      documentation: 'The maximum duration in milliseconds between consecutive retry attempts.',
    })
    .define({
      name: 'errors.tolerance',
      type: Type.STRING,
      defaultValue: 'none',
      validator: CaseInsensitiveValidString.in('none', 'all'),
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 3,
      displayName: 'Error Tolerance',
      documentation:
        "Behavior for tolerating errors during connector operation. 'none' fails the task at the first error; 'all' skips problematic records.",
    })
    .define({
      name: 'errors.log.enable',
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 4,
      displayName: 'Log Errors',
      documentation: 'If true, write each error and the details of the failed operation and problematic record to the log.',
    })
    .define({
      name: 'errors.log.include.messages',
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 5,
      displayName: 'Log Error Details',
      documentation:
        'Whether to include in the log the Connect record that resulted in a failure. Secrets in record contents may then reach the log.',
    });
}

/** Every connector's common keys (Kafka Connect's `ConnectorConfig`): name, class, tasks, then the record path. */
export function connectorConfigDef(registry: PluginRegistry): ConfigDef {
  const group = 'Common';
  const common = new ConfigDef()
    .define({
      name: 'name',
      type: Type.STRING,
      validator: new NonEmptyStringWithoutControlChars(),
      importance: Importance.HIGH,
      group,
      orderInGroup: 1,
      displayName: 'Connector name',
      documentation: 'Globally unique name to use for this connector.',
    })
    .define({
      name: 'connector.class',
      type: Type.STRING,
      validator: KnownClass.where((name) => registry.find('source', name) !== undefined || registry.find('sink', name) !== undefined),
      importance: Importance.HIGH,
      group,
      orderInGroup: 2,
      displayName: 'Connector class',
      documentation: 'Name or alias of the class for this connector.',
    })
    .define({
      name: 'tasks.max',
      type: Type.INT,
      defaultValue: 1,
      validator: Range.atLeast(1),
      importance: Importance.HIGH,
      group,
      orderInGroup: 3,
      displayName: 'Tasks max',
      documentation: 'Maximum number of tasks to use for this connector.',
    })
    .define({
      name: 'config.action.reload',
      type: Type.STRING,
      defaultValue: 'restart',
      validator: ValidString.in('none', 'restart'),
      importance: Importance.LOW,
      group,
      orderInGroup: 7,
      displayName: 'Reload Action',
      documentation: 'The action to take when a config provider reports a change: none or restart.',
    });
  for (const key of recordPathConfigDef(registry).configKeys().values()) common.define(key);
  return common;
}

/**
 * The definition enriched with each configured transform's and predicate's own keys under
 * `transforms.<alias>.` and `predicates.<alias>.` (Kafka Connect's `ConnectorConfig.enrich`).
 */
export function enrichConfigDef(base: ConfigDef, props: Readonly<Record<string, string>>, registry: PluginRegistry): ConfigDef {
  const def = new ConfigDef(base);
  const predicateAliases = aliases(props.predicates);
  aliases(props.transforms).forEach((alias, i) => {
    const prefix = `transforms.${alias}.`;
    const stage = new ConfigDef()
      .define({
        name: 'type',
        type: Type.CLASS,
        validator: known(registry, 'transformation'),
        importance: Importance.HIGH,
        documentation: 'Class for the transformation.',
      })
      .define({
        name: 'predicate',
        type: Type.STRING,
        defaultValue: null,
        validator: knownPredicate(predicateAliases),
        importance: Importance.MEDIUM,
        documentation: 'The alias of a predicate used to determine whether to apply this transformation.',
      })
      .define({
        name: 'negate',
        type: Type.BOOLEAN,
        defaultValue: false,
        importance: Importance.MEDIUM,
        documentation: 'Whether the configured predicate should be negated.',
      });
    const plugin =
      props[`${prefix}type`] === undefined
        ? undefined
        : registry.find<{ config(): ConfigDef }>('transformation', props[`${prefix}type`] as string);
    def.embed(prefix, `Transforms: ${alias}`, 100 + i * 10, mergeDefs(stage, plugin?.create().config()));
  });
  predicateAliases.forEach((alias, i) => {
    const prefix = `predicates.${alias}.`;
    const stage = new ConfigDef().define({
      name: 'type',
      type: Type.CLASS,
      validator: known(registry, 'predicate'),
      importance: Importance.HIGH,
      documentation: 'Class for the predicate.',
    });
    const plugin =
      props[`${prefix}type`] === undefined
        ? undefined
        : registry.find<{ config(): ConfigDef }>('predicate', props[`${prefix}type`] as string);
    def.embed(prefix, `Predicates: ${alias}`, 500 + i * 10, mergeDefs(stage, plugin?.create().config()));
  });
  return def;
}

/** Problems per key, only for keys that have any. */
export function configErrors(values: Iterable<ConfigValue>): Map<string, readonly string[]> {
  const errors = new Map<string, readonly string[]>();
  for (const value of values) if (value.errorMessages.length > 0) errors.set(value.name, [...value.errorMessages]);
  return errors;
}

/** The aliases of a comma-separated list setting. */
export function aliases(list: string | undefined): string[] {
  const all = (list ?? '')
    .split(',')
    .map((alias) => alias.trim())
    .filter(Boolean);
  // A repeated alias is reported by the `transforms` / `predicates` validator; build each once.
  return [...new Set(all)];
}

/** Kafka Connect's check of `transforms` and `predicates`: an alias may appear once. */
const uniqueAliases = LambdaValidator.with(
  (name, value) => {
    const list = (value ?? []) as readonly string[];
    if (new Set(list).size !== list.length) throw ConfigException.invalidValue(name, list.join(','), 'Duplicate alias provided.');
  },
  () => 'unique transformation aliases',
);

/** A transform's `predicate` must name one of `predicates` (or be unset). */
function knownPredicate(predicateAliases: readonly string[]): LambdaValidator {
  return LambdaValidator.with(
    (name, value) => {
      if (value === null || value === undefined || predicateAliases.includes(String(value).trim())) return;
      throw ConfigException.invalidValue(
        name,
        value,
        `No predicate "${value}" is defined; add it to "predicates" (now: ${predicateAliases.join(', ') || 'none'}).`,
      );
    },
    () => 'one of the aliases in "predicates"',
  );
}

function mergeDefs(stage: ConfigDef, own: ConfigDef | undefined): ConfigDef {
  if (own === undefined) return stage;
  const merged = new ConfigDef(stage);
  for (const key of own.configKeys().values()) if (!merged.names().has(key.name)) merged.define(key);
  return merged;
}
