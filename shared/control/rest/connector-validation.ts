// Kafka Connect's `AbstractHerder.validateConnectorConfig`: the common keys (enriched with each
// transform's and predicate's), the sink keys for sinks, the connector's own definition and
// `validate`, and each configured converter's prefixed keys, merged into one `ConfigInfos`.
import {
  ConfigDef,
  type ConfigInfos,
  type ConfigKeyInfo,
  ConfigValue,
  convertConfigKey,
  Importance,
  mergeConfigInfos,
  prefixedConfigInfos,
  Type,
  ValidList,
  validationResult,
} from '../../api/config/index.ts';
import type { Connector } from '../../api/connector/connector.ts';
import { withConverterType } from '../../converters/converter-config.ts';
import type { PluginDescriptor, PluginKind } from '../../plugins/plugin.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { connectorConfigDef, enrichConfigDef } from '../../runtime/connector-config.ts';
import { withPrefix } from '../../runtime/transformation-chain.ts';
import { badRequest, notFound } from './errors.ts';

/** A connector config as a request carries it: Kafka keeps JSON nulls, and reports them as errors. */
export type RequestedConfig = Readonly<Record<string, string | null>>;

/** The connector plugin a `connector.class` names, or undefined. */
export function findConnector(registry: PluginRegistry, connectorClass: string | undefined): PluginDescriptor<Connector> | undefined {
  if (connectorClass === undefined) return undefined;
  return registry.find<Connector>('source', connectorClass) ?? registry.find<Connector>('sink', connectorClass);
}

/** The keys every sink has besides the common ones (Kafka's `SinkConnectorConfig`). */
export function sinkConfigDef(base: ConfigDef): ConfigDef {
  return new ConfigDef(base)
    .define({
      name: 'topics',
      type: Type.LIST,
      defaultValue: '',
      validator: ValidList.anyNonDuplicateValues(true, false),
      importance: Importance.HIGH,
      group: 'Common',
      orderInGroup: 4,
      displayName: 'Topics',
      documentation: 'List of topics to consume, separated by commas',
    })
    .define({
      name: 'topics.regex',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.HIGH,
      group: 'Common',
      orderInGroup: 4,
      displayName: 'Topics regex',
      documentation: 'Regular expression giving topics to consume. Only one of topics or topics.regex should be specified.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.name',
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 6,
      displayName: 'Dead Letter Queue Topic Name',
      documentation: 'The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed.',
    })
    .define({
      name: 'errors.deadletterqueue.topic.replication.factor',
      type: Type.SHORT,
      defaultValue: 3,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 7,
      displayName: 'Dead Letter Queue Topic Replication Factor',
      documentation: "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
    })
    .define({
      name: 'errors.deadletterqueue.context.headers.enable',
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      group: 'Error Handling',
      orderInGroup: 8,
      displayName: 'Enable Error Context Headers',
      documentation: 'If true, add headers containing error context to the messages written to the dead letter queue.',
    });
}

/** Kafka's `SinkConnectorConfig.validate`: exactly one of `topics` and `topics.regex`, and not the DLQ topic. */
function validateSinkTopics(props: Readonly<Record<string, string>>, values: Map<string, ConfigValue>): void {
  const topics = props.topics ?? '';
  const regex = props['topics.regex'] ?? '';
  const dlq = (props['errors.deadletterqueue.topic.name'] ?? '').trim();
  const add = (name: string, value: string, message: string) => {
    const existing = values.get(name) ?? new ConfigValue(name, value);
    values.set(name, existing);
    existing.addErrorMessage(message);
  };
  const hasTopics = topics.trim() !== '';
  const hasRegex = regex.trim() !== '';
  if (hasTopics && hasRegex) {
    const message = 'topics and topics.regex are mutually exclusive options, but both are set.';
    add('topics', topics, message);
    add('topics.regex', regex, message);
  }
  if (!hasTopics && !hasRegex) {
    const message = 'Must configure one of topics or topics.regex';
    add('topics', topics, message);
    add('topics.regex', regex, message);
  }
  if (dlq !== '' && hasTopics) {
    const list = topics.split(',').map((topic) => topic.trim());
    if (list.includes(dlq))
      add(
        'topics',
        topics,
        `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=[${list.join(', ')}]') consumed by the connector`,
      );
  }
  if (dlq !== '' && hasRegex) {
    let matches = false;
    try {
      matches = new RegExp(`^(?:${regex})$`).test(dlq);
    } catch {
      add('topics.regex', regex, `Invalid regex: ${regex}`);
    }
    if (matches)
      add(
        'topics.regex',
        regex,
        `The DLQ topic '${dlq}' may not be matched by the regex for the topics ('topics.regex=${regex}') consumed by the connector`,
      );
  }
}

/** The common (and, for sinks, sink) definition of a connector kind, before enrichment. */
function baseDefinition(registry: PluginRegistry, kind: 'source' | 'sink'): ConfigDef {
  const common = connectorConfigDef(registry);
  return kind === 'sink' ? sinkConfigDef(common) : common;
}

/**
 * Validates a connector config as Kafka Connect's `PUT /connector-plugins/{c}/config/validate`
 * and config writes do. Throws a 400 RestError when there is no `connector.class` or no plugin
 * has it; otherwise answers the `ConfigInfos` (whose `error_count` may be above 0).
 */
export async function validateConnectorConfig(props: RequestedConfig, registry: PluginRegistry): Promise<ConfigInfos> {
  const connectorClass = props['connector.class'];
  if (connectorClass === undefined || connectorClass === null)
    throw badRequest(`Connector config ${javaMap(props)} contains no connector type`);
  const descriptor = findConnector(registry, connectorClass);
  if (descriptor === undefined) throw badRequest(unknownConnectorMessage(registry, connectorClass));
  const kind = descriptor.kind === 'sink' ? 'sink' : 'source';
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) if (value !== null) strings[key] = value;

  const enriched = enrichConfigDef(baseDefinition(registry, kind), strings, registry);
  const commonValues = enriched.validateAll(strings);
  if (kind === 'sink') validateSinkTopics(strings, commonValues);
  const connector = descriptor.create();
  const own = connector.config();
  const ownValues = own.validateAll(strings);
  const extra = (await connector.validate?.(strings)) ?? {};
  for (const [key, messages] of Object.entries(extra)) {
    const value = ownValues.get(key) ?? commonValues.get(key) ?? setValue(ownValues, new ConfigValue(key, strings[key] ?? null));
    for (const message of messages) value.addErrorMessage(message);
  }
  for (const [key, value] of Object.entries(props))
    if (value === null)
      (ownValues.get(key) ?? commonValues.get(key) ?? setValue(commonValues, new ConfigValue(key))).addErrorMessage(
        'Null value can not be supplied as the configuration value.',
      );
  const connectorInfos = validationResult(connectorClass, [
    { definition: enriched, values: [...commonValues.values()] },
    { definition: own, values: [...ownValues.values()] },
  ]);
  return mergeConfigInfos(connectorClass, connectorInfos, ...converterInfos(strings, registry));
}

/** Each explicitly configured converter's own keys under its prefix (`value.converter.schemas.enable`). */
function converterInfos(props: Readonly<Record<string, string>>, registry: PluginRegistry): ConfigInfos[] {
  const converters: [string, PluginKind, boolean | undefined][] = [
    ['key.converter', 'converter', true],
    ['value.converter', 'converter', false],
    ['header.converter', 'header-converter', undefined],
  ];
  const infos: ConfigInfos[] = [];
  for (const [key, kind, isKey] of converters) {
    const className = props[key]?.trim();
    if (!className) continue;
    const plugin = registry.find<{ config(): ConfigDef }>(kind, className);
    if (plugin === undefined) continue; // the common definition already reports the unknown class
    const definition = plugin.create().config();
    infos.push(
      prefixedConfigInfos(definition.configKeys(), definition.validate(withConverterType(withPrefix(props, `${key}.`), isKey)), `${key}.`),
    );
  }
  return infos;
}

/** The 400 message of a config with errors, as Kafka's `maybeAddConfigErrors`. */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const lines = [`Connector configuration is invalid and contains the following ${infos.error_count} error(s):`];
  for (const config of infos.configs) for (const error of config.value?.errors ?? []) lines.push(error);
  lines.push('You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`');
  return lines.join('\n');
}

/** Kafka's `Plugins.newConnector` message, listing the connector plugins there are. */
export function unknownConnectorMessage(registry: PluginRegistry, connectorClass: string): string {
  const available = [...registry.classNames('source'), ...registry.classNames('sink')];
  return `Failed to find any class that implements Connector and which name matches ${connectorClass}, available connectors are: ${available.join(', ')}`;
}

const pluginKinds: readonly PluginKind[] = ['source', 'sink', 'converter', 'header-converter', 'transformation', 'predicate'];

/**
 * `GET /connector-plugins/{plugin}/config` (Kafka's `connectorPluginConfig`): the plugin's own keys,
 * then, for connectors, the framework's keys it does not redefine.
 */
export function pluginConfigKeys(registry: PluginRegistry, pluginName: string): ConfigKeyInfo[] {
  for (const kind of pluginKinds) {
    const plugin = registry.find<{ config?(): ConfigDef }>(kind, pluginName);
    if (plugin === undefined) continue;
    const own = plugin.create().config?.() ?? new ConfigDef();
    const keys = new Map(own.configKeys());
    if (kind === 'source' || kind === 'sink')
      for (const [name, key] of enrichConfigDef(baseDefinition(registry, kind), {}, registry).configKeys())
        if (!keys.has(name)) keys.set(name, key);
    return [...keys.values()].map((key) => convertConfigKey(key));
  }
  throw notFound(`Unknown plugin ${pluginName}.`);
}

function setValue(values: Map<string, ConfigValue>, value: ConfigValue): ConfigValue {
  values.set(value.name, value);
  return value;
}

// Java's `Map.toString`. Values of keys that look secret are hidden: the message may be logged.
function javaMap(props: RequestedConfig): string {
  const entries = Object.entries(props).map(([key, value]) => `${key}=${/password|secret/i.test(key) ? '[hidden]' : value}`);
  return `{${entries.join(', ')}}`;
}
