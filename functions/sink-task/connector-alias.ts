import { SINK_ALIAS_PREFIX, sinkAliasName } from '../../shared/control/aws/resource-names.ts';
import { EnvironmentError } from '../../shared/errors.ts';
import type { ConfigStore } from '../../shared/stores/config-store.ts';

/**
 * The alias an invocation came through, from `context.invokedFunctionArn`
 * (`arn:aws:lambda:<region>:<account>:function:<name>:<alias>`).
 * @throws EnvironmentError when the function was not invoked through a `sink-<name>` alias.
 */
export function invokedAlias(invokedFunctionArn: string): string {
  const qualifier = invokedFunctionArn.split(':')[7];
  if (qualifier === undefined || !qualifier.startsWith(SINK_ALIAS_PREFIX))
    throw new EnvironmentError(
      `The sink task function was invoked as ${invokedFunctionArn}, not through a ${SINK_ALIAS_PREFIX}<connector> alias: only the event source mappings the reconciler creates on those aliases may invoke it.`,
    );
  return qualifier;
}

/**
 * Finds the connector of a `sink-<name>` alias. A name that fits an alias unchanged is the alias
 * without its prefix; a sanitized one (hashed, see resource-names.ts) is found among the stored
 * connector names. Answers are kept for the life of the process: an alias never changes connector.
 */
export class ConnectorAliases {
  readonly #configs: Pick<ConfigStore, 'get' | 'list'>;
  readonly #known = new Map<string, string>();

  constructor(configs: Pick<ConfigStore, 'get' | 'list'>) {
    this.#configs = configs;
  }

  async connectorOf(alias: string): Promise<string> {
    const known = this.#known.get(alias);
    if (known !== undefined) return known;
    const candidate = alias.slice(SINK_ALIAS_PREFIX.length);
    let connector: string | undefined;
    if (sinkAliasName(candidate) === alias && (await this.#configs.get(candidate)) !== undefined) connector = candidate;
    else connector = (await this.#configs.list()).find((name) => sinkAliasName(name) === alias);
    if (connector === undefined)
      throw new EnvironmentError(`No sink connector has the alias ${alias} (deleted?); the reconciler removes its event source mapping.`);
    this.#known.set(alias, connector);
    return connector;
  }
}
