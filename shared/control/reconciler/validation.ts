import type { PluginRegistry } from '../../plugins/registry.ts';
import { recordPathBuildErrors } from '../../runtime/record-path.ts';
import { type ConnectorPlugin, configErrorsOf, validateConnector } from '../connector-validation.ts';

/** What validating a stored connector config found. */
export interface ConnectorValidation {
  /** The config as the connector sees it: the stored map with `name` filled in. */
  readonly props: Readonly<Record<string, string>>;
  /** Undefined when `connector.class` is missing or names no installed plugin. */
  readonly plugin: ConnectorPlugin | undefined;
  /** Problems per key, only keys that have any; empty when the config is valid. */
  readonly errors: ReadonlyMap<string, readonly string[]>;
}

/**
 * Validates a stored connector config before the reconciler starts the connector: the checks the
 * REST API makes before it writes one (the same {@link validateConnector}, so a config written
 * straight to the store is held to them too), then a build of its record path. The stored name
 * and the config's `name` must agree.
 */
export async function validateConnectorConfig(
  name: string,
  config: Readonly<Record<string, string>>,
  registry: PluginRegistry,
): Promise<ConnectorValidation> {
  const props: Record<string, string> = { ...config, name: config.name ?? name };
  const { plugin, infos } = await validateConnector(props, registry);
  const errors = configErrorsOf(infos);
  // Some problems show only when a plugin is configured: building the record path once makes them
  // the connector's FAILED status, not the first record's.
  if (errors.size === 0) for (const [key, messages] of recordPathBuildErrors(props, registry)) errors.set(key, [...messages]);
  if (config.name !== undefined && config.name !== name)
    errors.set('name', [
      ...(errors.get('name') ?? []),
      `The connector is stored as "${name}" but its config says name=${config.name}; they must be the same.`,
    ]);
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
