// The one validation of a connector config (Kafka Connect's `AbstractHerder.validateConnectorConfig`):
// the common keys enriched with each transform's and predicate's, the sink keys and their
// cross-checks for sinks, each named converter's prefixed keys, the connector's own definition and
// `validate`. The REST API answers it as `ConfigInfos` (and refuses to write a config with errors);
// the reconciler takes its errors per key ({@link configErrorsOf}) before it starts a connector.
import { ConfigDef, type ConfigInfos, ConfigValue, mergeConfigInfos, prefixedConfigInfos, validationResult } from '../api/config/index.ts';
import type { Connector, SinkConnector, SourceConnector } from '../api/connector/connector.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { connectorConfigDef, enrichConfigDef } from '../runtime/connector-config.ts';
import { converterValidations } from '../runtime/record-converters.ts';
import { negateErrors } from '../runtime/record-path.ts';
import { sinkConnectorConfigDef, sinkTopicErrors } from '../runtime/sink/sink-connector-config.ts';
import { sinkMappingConfigDef } from './reconciler/sink-config.ts';

/** A connector config as a request carries it: Kafka keeps JSON nulls, and reports them as errors. */
export type RequestedConfig = Readonly<Record<string, string | null>>;

/** A connector plugin found by `connector.class`. */
export type ConnectorPlugin =
  | { readonly kind: 'source'; readonly descriptor: PluginDescriptor<SourceConnector> }
  | { readonly kind: 'sink'; readonly descriptor: PluginDescriptor<SinkConnector> };

/** What validating a connector config found. */
export interface ConnectorConfigValidation {
  /** Undefined when `connector.class` is missing or names no installed plugin: only the common keys were validated. */
  readonly plugin: ConnectorPlugin | undefined;
  /** Kafka's `config/validate` answer; `error_count` above 0 when the config is invalid. */
  readonly infos: ConfigInfos;
}

/** The connector plugin `connector.class` names, sources first (as the common `connector.class` validator). */
export function findConnectorPlugin(registry: PluginRegistry, className: string | null | undefined): ConnectorPlugin | undefined {
  if (className === undefined || className === null || className.trim() === '') return undefined;
  const source = registry.find<SourceConnector>('source', className);
  if (source !== undefined) return { kind: 'source', descriptor: source };
  const sink = registry.find<SinkConnector>('sink', className);
  return sink === undefined ? undefined : { kind: 'sink', descriptor: sink };
}

/** Kafka's `Plugins.newConnector` message, listing the connector plugins there are. */
export function unknownConnectorMessage(registry: PluginRegistry, connectorClass: string): string {
  const available = [...registry.classNames('source'), ...registry.classNames('sink')];
  return `Failed to find any class that implements Connector and which name matches ${connectorClass}, available connectors are: ${available.join(', ')}`;
}

/** The framework's keys of a connector kind, before enrichment: the common ones, and for sinks the sink and mapping keys. */
export function frameworkConfigDef(registry: PluginRegistry, kind: 'source' | 'sink' | undefined): ConfigDef {
  const definition = connectorConfigDef(registry);
  if (kind !== 'sink') return definition;
  const sink = new ConfigDef(definition);
  for (const key of sinkConnectorConfigDef().configKeys().values()) sink.define(key);
  for (const key of sinkMappingConfigDef().configKeys().values()) sink.define(key);
  return sink;
}

/** Validates a connector config; see the file comment for what is checked. Every problem is collected. */
export async function validateConnector(props: RequestedConfig, registry: PluginRegistry): Promise<ConnectorConfigValidation> {
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) if (value !== null) strings[key] = value;
  const className = strings['connector.class'] ?? '';
  const plugin = findConnectorPlugin(registry, className);

  const definition = enrichConfigDef(frameworkConfigDef(registry, plugin?.kind), strings, registry);
  const common = definition.validateAll(strings);
  const converters = converterValidations(strings, registry, true);
  addErrors(common, negateErrors(strings), strings);

  let own = new ConfigDef();
  const ownValues = new Map<string, ConfigValue>();
  if (plugin === undefined) {
    // The common validator only says the class is unknown; Kafka's message lists the ones there are.
    if (className.trim() !== '') {
      const message = unknownConnectorMessage(registry, className);
      common.set('connector.class', new ConfigValue('connector.class', className, [], [message]));
    }
  } else {
    if (plugin.kind === 'sink') addErrors(common, sinkTopicErrors(strings), strings);
    try {
      const connector: Connector = plugin.descriptor.create();
      own = connector.config();
      for (const [key, value] of own.validateAll(strings)) ownValues.set(key, value);
      const extra = (await connector.validate?.(strings)) ?? {};
      for (const [key, messages] of Object.entries(extra))
        for (const message of messages) configValue(key, [ownValues, common], ownValues, strings[key]).addErrorMessage(message);
    } catch (error) {
      const message = `${className} failed to validate the config: ${error instanceof Error ? error.message : String(error)}`;
      configValue('connector.class', [common], common, className).addErrorMessage(message);
    }
  }
  for (const [key, value] of Object.entries(props))
    if (value === null)
      configValue(key, [ownValues, common], common).addErrorMessage('Null value can not be supplied as the configuration value.');

  const connectorInfos = validationResult(className, [
    { definition, values: [...common.values()] },
    { definition: own, values: [...ownValues.values()] },
  ]);
  const converterInfos = converters.map(({ prefix, definition, values }) => prefixedConfigInfos(definition.configKeys(), values, prefix));
  return { plugin, infos: mergeConfigInfos(className, connectorInfos, ...converterInfos) };
}

/** The problems of a validated config per key, only keys that have any, each message once. */
export function configErrorsOf(infos: ConfigInfos): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const { value } of infos.configs) {
    if (value === null || value.errors.length === 0) continue;
    const known = errors.get(value.name) ?? [];
    for (const message of value.errors) if (!known.includes(message)) known.push(message);
    errors.set(value.name, known);
  }
  return errors;
}

/** Adds each key's messages to its ConfigValue. */
function addErrors(
  values: Map<string, ConfigValue>,
  errors: ReadonlyMap<string, readonly string[]>,
  props: Readonly<Record<string, string>>,
): void {
  for (const [key, messages] of errors)
    for (const message of messages) configValue(key, [values], values, props[key]).addErrorMessage(message);
}

/**
 * The ConfigValue of `key` in the first of `lookIn` that has one, or a new one holding `text`
 * added to `addTo`: a problem with a key no definition validated still shows in the answer.
 */
function configValue(
  key: string,
  lookIn: readonly ReadonlyMap<string, ConfigValue>[],
  addTo: Map<string, ConfigValue>,
  text: string | null = null,
): ConfigValue {
  for (const values of lookIn) {
    const value = values.get(key);
    if (value !== undefined) return value;
  }
  const value = new ConfigValue(key, text);
  addTo.set(key, value);
  return value;
}
