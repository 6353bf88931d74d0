// The REST side of connector validation: the `config/validate` answer (and the 400 before a
// config is written) from the one validation in ../connector-validation.ts, and the plugin's keys
// for `GET /connector-plugins/{plugin}/config`.
import { ConfigDef, type ConfigInfos, type ConfigKeyInfo, convertConfigKey } from '../../api/config/index.ts';
import type { PluginKind } from '../../plugins/plugin.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { enrichConfigDef } from '../../runtime/connector-config.ts';
import {
  findConnectorPlugin,
  frameworkConfigDef,
  type RequestedConfig,
  unknownConnectorMessage,
  validateConnector,
} from '../connector-validation.ts';
import { badRequest, notFound } from './errors.ts';

/**
 * Validates a connector config as Kafka Connect's `PUT /connector-plugins/{c}/config/validate`
 * and config writes do. Throws a 400 RestError when there is no `connector.class` or no plugin
 * has it; otherwise answers the `ConfigInfos` (whose `error_count` may be above 0).
 */
export async function validateConnectorConfig(props: RequestedConfig, registry: PluginRegistry): Promise<ConfigInfos> {
  const connectorClass = props['connector.class'];
  if (connectorClass === undefined || connectorClass === null)
    throw badRequest(`Connector config ${javaMap(props)} contains no connector type`);
  if (findConnectorPlugin(registry, connectorClass) === undefined) throw badRequest(unknownConnectorMessage(registry, connectorClass));
  return (await validateConnector(props, registry)).infos;
}

/** The 400 message of a config with errors, as Kafka's `maybeAddConfigErrors`. */
export function invalidConfigMessage(infos: ConfigInfos): string {
  const lines = [`Connector configuration is invalid and contains the following ${infos.error_count} error(s):`];
  for (const config of infos.configs) for (const error of config.value?.errors ?? []) lines.push(error);
  lines.push('You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`');
  return lines.join('\n');
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
      for (const [name, key] of enrichConfigDef(frameworkConfigDef(registry, kind), {}, registry).configKeys())
        if (!keys.has(name)) keys.set(name, key);
    return [...keys.values()].map((key) => convertConfigKey(key));
  }
  throw notFound(`Unknown plugin ${pluginName}.`);
}

// Java's `Map.toString`. Values of keys that look secret are hidden: the message may be logged.
function javaMap(props: RequestedConfig): string {
  const entries = Object.entries(props).map(([key, value]) => `${key}=${/password|secret/i.test(key) ? '[hidden]' : value}`);
  return `{${entries.join(', ')}}`;
}
