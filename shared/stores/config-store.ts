/** The target state of a connector, as Kafka Connect's `TargetState` (KIP-875 added STOPPED). */
export type TargetState = 'STARTED' | 'PAUSED' | 'STOPPED';

export const targetStates: readonly TargetState[] = ['STARTED', 'PAUSED', 'STOPPED'];

/** A connector or task config: Kafka Connect's flat map of strings. */
export type ConnectorConfig = Readonly<Record<string, string>>;

/** A connector as stored: its config, what it should be doing, and the version every write bumps. */
export interface ConnectorConfigRecord {
  readonly name: string;
  readonly config: ConnectorConfig;
  readonly targetState: TargetState;
  /** 1 after `create`, +1 on every write; the optimistic-concurrency token of `update`. */
  readonly version: number;
  /** ISO-8601; absent on items written by hand without it. */
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
}

/** The task configs the reconciler computed from a connector config. */
export interface TaskConfigs {
  /** +1 each time the tasks are recomputed; runs and statuses carry the generation they belong to. */
  readonly generation: number;
  readonly tasks: readonly ConnectorConfig[];
}

/**
 * Connector configs, target states and task configs (Kafka Connect's `ConfigBackingStore`).
 * Every write is conditional: two writers of one connector never silently overwrite each other.
 */
export interface ConfigStore {
  /** The connector, or undefined; throws InvalidConfigItemError when its item is malformed. */
  get(name: string): Promise<ConnectorConfigRecord | undefined>;
  /** The names of every connector, sorted (malformed items included: they exist, `get` says what is wrong). */
  list(): Promise<string[]>;
  /** Stores a new connector at version 1; ConnectorExistsError when the name is taken. */
  create(name: string, config: ConnectorConfig, targetState?: TargetState): Promise<ConnectorConfigRecord>;
  /**
   * Replaces the config if the stored version is still `expectedVersion` (0 matches a hand-written
   * item without a version); StaleVersionError otherwise, ConnectorNotFoundError when absent.
   */
  update(name: string, config: ConnectorConfig, expectedVersion: number): Promise<ConnectorConfigRecord>;
  /** Sets the target state (conditional on `expectedVersion` when given); returns the new version. */
  setTargetState(name: string, state: TargetState, expectedVersion?: number): Promise<number>;
  /**
   * Removes every item of the connector: leases, offsets, task configs, statuses, then the config.
   * ConnectorNotFoundError when absent, StaleVersionError when `expectedVersion` is given and stale.
   */
  delete(name: string, expectedVersion?: number): Promise<void>;
  getTasks(name: string): Promise<TaskConfigs | undefined>;
  /**
   * Replaces the task configs if their generation is still `expectedGeneration` (0: none stored
   * yet) and returns the new generation; StaleVersionError if it moved, ConnectorNotFoundError
   * when the connector has no config (so a reconciler racing a delete leaves nothing behind).
   */
  putTasks(name: string, tasks: readonly ConnectorConfig[], expectedGeneration: number): Promise<number>;
  /**
   * Stores that seal secrets: rewrites the connector's config when secrets in it are stored in
   * clear (written around the store, e.g. by the CDK constructs or by hand), conditional on its
   * version; true when it did. The reconciler calls it for every connector it reconciles.
   */
  sealStoredSecrets?(name: string): Promise<boolean>;
}
