import { ConfigDef } from '../../api/config/index.ts';
import type { Connector, SinkConnector, SourceConnector } from '../../api/connector/connector.ts';
import type { PluginDescriptor } from '../../plugins/plugin.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { configErrors, connectorConfigDef } from '../../runtime/connector-config.ts';
import { validateRecordPath } from '../../runtime/record-path.ts';
import { sinkConfigDef, sinkConfigErrors } from './sink-config.ts';

/** A connector plugin found by `connector.class`. */
export type ConnectorPlugin =
  | { readonly kind: 'source'; readonly descriptor: PluginDescriptor<SourceConnector> }
  | { readonly kind: 'sink'; readonly descriptor: PluginDescriptor<SinkConnector> };

/** What validating a stored connector config found. */
export interface ConnectorValidation {
  /** The config as the connector sees it: the stored map with `name` filled in. */
  readonly props: Readonly<Record<string, string>>;
  /** Undefined when `connector.class` is missing or names no installed plugin. */
  readonly plugin: ConnectorPlugin | undefined;
  /** Problems per key, only keys that have any; empty when the config is valid. */
  readonly errors: ReadonlyMap<string, readonly string[]>;
}

/** The connector plugin `connector.class` names, sources first (as the common `connector.class` validator). */
export function findConnectorPlugin(registry: PluginRegistry, className: string | undefined): ConnectorPlugin | undefined {
  if (className === undefined || className.trim() === '') return undefined;
  const source = registry.find<SourceConnector>('source', className);
  if (source !== undefined) return { kind: 'source', descriptor: source };
  const sink = registry.find<SinkConnector>('sink', className);
  return sink === undefined ? undefined : { kind: 'sink', descriptor: sink };
}

/**
 * Validates a connector config the way Kafka Connect does before it starts a connector: the common
 * keys, transforms, predicates and converters; the sink keys and their cross-checks for a sink; the
 * connector's own `config()` definition; and its optional `validate`. Every problem is collected.
 */
export async function validateConnectorConfig(
  name: string,
  config: Readonly<Record<string, string>>,
  registry: PluginRegistry,
): Promise<ConnectorValidation> {
  const props: Record<string, string> = { ...config, name: config.name ?? name };
  const plugin = findConnectorPlugin(registry, props['connector.class']);
  const base = new ConfigDef(connectorConfigDef(registry));
  if (plugin?.kind === 'sink') for (const key of sinkConfigDef().configKeys().values()) base.define(key);
  const errors = new Map<string, string[]>();
  const add = (key: string, messages: Iterable<string>) => {
    const known = errors.get(key) ?? [];
    for (const message of messages) if (!known.includes(message)) known.push(message);
    if (known.length > 0) errors.set(key, known);
  };
  for (const [key, messages] of validateRecordPath(props, registry, base)) add(key, messages);
  if (config.name !== undefined && config.name !== name)
    add('name', [`The connector is stored as "${name}" but its config says name=${config.name}; they must be the same.`]);
  const className = props['connector.class'];
  if (plugin === undefined && className !== undefined && className.trim() !== '') {
    const available = [...registry.classNames('source'), ...registry.classNames('sink')];
    errors.set('connector.class', [
      `Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${available.join(', ') || '(none)'}`,
    ]);
  }
  if (plugin === undefined) return { props, plugin, errors };

  if (plugin.kind === 'sink') for (const [key, messages] of sinkConfigErrors(props)) add(key, messages);
  try {
    const connector: Connector = plugin.descriptor.create();
    for (const [key, messages] of configErrors(connector.config().validate(props))) add(key, messages);
    const own = (await connector.validate?.(props)) ?? {};
    for (const [key, messages] of Object.entries(own)) add(key, messages);
  } catch (error) {
    add('connector.class', [`${className} failed to validate the config: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return { props, plugin, errors };
}

/** The FAILED status trace of an invalid config: every invalid key and why, one per line. */
export function invalidConfigTrace(name: string, errors: ReadonlyMap<string, readonly string[]>): string {
  const lines = [...errors].flatMap(([key, messages]) => messages.map((message) => `${key}: ${message}`));
  return [
    `Connector ${name}: the connector configuration is invalid and contains the following ${lines.length} error(s):`,
    ...lines,
    'Fix these keys and write the config again; PUT /connector-plugins/{plugin}/config/validate gives the same list.',
  ].join('\n');
}
