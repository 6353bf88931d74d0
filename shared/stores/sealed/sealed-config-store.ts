import type { ConfigStore, ConnectorConfig, ConnectorConfigRecord, TargetState, TaskConfigs } from '../config-store.ts';
import { StaleVersionError } from '../errors.ts';
import { isSealed, type SealContext, type SecretSealer } from './secret-sealer.ts';

/** Whether `key` of a config of the connector whose config is `connectorConfig` holds a secret. */
export type SecretKeyTest = (key: string, connectorConfig: ConnectorConfig) => boolean;

export interface SealedConfigStoreOptions {
  readonly inner: ConfigStore;
  readonly sealer: SecretSealer;
  readonly isSecret: SecretKeyTest;
}

// Opened values kept while warm, so that a sink reading its config on every batch calls KMS once.
const OPENED_CACHE_LIMIT = 1024;

/**
 * A config store that never writes a secret in clear: the values of secret keys (the connector's
 * PASSWORD keys and keys named like secrets) of connector and task configs are sealed before they
 * reach the inner store, and opened again when read, so callers see plain configs. Values stored
 * in clear before (a config item written by the CDK constructs or by hand) are read as they are,
 * and sealed by {@link sealStoredSecrets}, which the reconciler calls, or at the next write.
 */
export class SealedConfigStore implements ConfigStore {
  readonly #inner: ConfigStore;
  readonly #sealer: SecretSealer;
  readonly #isSecret: SecretKeyTest;
  readonly #opened = new Map<string, string>();

  constructor(options: SealedConfigStoreOptions) {
    this.#inner = options.inner;
    this.#sealer = options.sealer;
    this.#isSecret = options.isSecret;
  }

  async get(name: string): Promise<ConnectorConfigRecord | undefined> {
    const record = await this.#inner.get(name);
    return record === undefined ? undefined : { ...record, config: await this.#open(name, record.config) };
  }

  list(): Promise<string[]> {
    return this.#inner.list();
  }

  async create(name: string, config: ConnectorConfig, targetState?: TargetState): Promise<ConnectorConfigRecord> {
    const record = await this.#inner.create(name, await this.#seal(name, config, config), targetState);
    return { ...record, config };
  }

  async update(name: string, config: ConnectorConfig, expectedVersion: number): Promise<ConnectorConfigRecord> {
    const record = await this.#inner.update(name, await this.#seal(name, config, config), expectedVersion);
    return { ...record, config };
  }

  setTargetState(name: string, state: TargetState, expectedVersion?: number): Promise<number> {
    return this.#inner.setTargetState(name, state, expectedVersion);
  }

  delete(name: string, expectedVersion?: number): Promise<void> {
    return this.#inner.delete(name, expectedVersion);
  }

  async getTasks(name: string): Promise<TaskConfigs | undefined> {
    const tasks = await this.#inner.getTasks(name);
    if (tasks === undefined) return undefined;
    return { ...tasks, tasks: await Promise.all(tasks.tasks.map((task) => this.#open(name, task))) };
  }

  async putTasks(name: string, tasks: readonly ConnectorConfig[], expectedGeneration: number): Promise<number> {
    // A task config's secrets are the keys that are secret for its connector (the plugin's PASSWORD keys).
    const connectorConfig = (await this.#inner.get(name))?.config ?? {};
    const sealed = await Promise.all(tasks.map((task) => this.#seal(name, task, connectorConfig)));
    return this.#inner.putTasks(name, sealed, expectedGeneration);
  }

  async sealStoredSecrets(name: string): Promise<boolean> {
    const stored = await this.#inner.get(name);
    if (stored === undefined) return false;
    const sealed = await this.#seal(name, stored.config, stored.config);
    if (Object.entries(sealed).every(([key, value]) => stored.config[key] === value)) return false;
    try {
      await this.#inner.update(name, sealed, stored.version);
      return true;
    } catch (error) {
      // Written meanwhile: that write went through this store, or the next reconcile comes back to it.
      if (error instanceof StaleVersionError) return false;
      throw error;
    }
  }

  async #seal(connector: string, config: ConnectorConfig, connectorConfig: ConnectorConfig): Promise<ConnectorConfig> {
    const entries = await Promise.all(
      Object.entries(config).map(async ([key, value]): Promise<[string, string]> => {
        if (value === '' || isSealed(value) || !this.#isSecret(key, connectorConfig)) return [key, value];
        return [key, await this.#sealer.seal(value, { connector, key })];
      }),
    );
    return Object.fromEntries(entries);
  }

  async #open(connector: string, config: ConnectorConfig): Promise<ConnectorConfig> {
    if (!Object.values(config).some(isSealed)) return config;
    const entries = await Promise.all(
      Object.entries(config).map(
        async ([key, value]): Promise<[string, string]> => [
          key,
          isSealed(value) ? await this.#openValue(value, { connector, key }) : value,
        ],
      ),
    );
    return Object.fromEntries(entries);
  }

  async #openValue(sealed: string, context: SealContext): Promise<string> {
    const cacheKey = `${context.connector}\u0000${context.key}\u0000${sealed}`;
    const cached = this.#opened.get(cacheKey);
    if (cached !== undefined) return cached;
    const plaintext = await this.#sealer.open(sealed, context);
    if (this.#opened.size >= OPENED_CACHE_LIMIT) this.#opened.clear();
    this.#opened.set(cacheKey, plaintext);
    return plaintext;
  }
}
