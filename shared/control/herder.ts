// The service behind the Kafka Connect REST API (Kafka Connect calls it the herder): every
// operation of the API on connector configs, target states, statuses and offsets, with Kafka
// Connect's checks and messages. Writes go through the ConfigStore, conditional on the version
// read, so a concurrent writer is refused (409) rather than overwritten; after a write the
// reconciler is told (`afterChange`), which converges tasks, schedules and mappings.

import type { ConfigInfos, ConfigKeyInfo } from '../api/config/index.ts';
import type { Connector, ConnectorProps } from '../api/connector/connector.ts';
import type { SourceMap } from '../api/record/source-record.ts';
import type { PluginKind } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import type { ConfigStore, ConnectorConfig, ConnectorConfigRecord, TargetState } from '../stores/config-store.ts';
import { ConnectorExistsError, ConnectorNotFoundError, InvalidConfigItemError } from '../stores/errors.ts';
import type { OffsetEntry, OffsetStore } from '../stores/offset-store.ts';
import { partitionKey } from '../stores/partition-key.ts';
import type { ConnectorStatus, StatusStore, TaskStatus } from '../stores/status-store.ts';
import { findConnectorPlugin, type RequestedConfig, unknownConnectorMessage } from './connector-validation.ts';
import { invalidConfigMessage, pluginConfigKeys, validateConnectorConfig } from './rest/connector-validation.ts';
import type {
  ConnectorInfo,
  ConnectorOffsets,
  ConnectorStateEntity,
  ConnectorStateInfo,
  ConnectorType,
  MessageEntity,
  PluginInfo,
  PluginTypeName,
  RequestedOffset,
  ServerInfo,
  TaskInfo,
  TaskStateEntity,
} from './rest/entities.ts';
import { badRequest, notFound, RestError } from './rest/errors.ts';
import { parseSinkOffsets, type SinkOffsetsPort, sinkOffsetEntity } from './rest/sink-offsets.ts';

/** What `POST /connectors/{c}/restart` and `POST /connectors/{c}/tasks/{t}/restart` ask the reconciler for. */
export interface RestartRequest {
  /** Restart the tasks too (the connector's own restart is always included unless `task` is set). */
  readonly includeTasks: boolean;
  /** Only what is FAILED. */
  readonly onlyFailed: boolean;
  /** Only this task, not the connector (`POST /connectors/{c}/tasks/{t}/restart`). */
  readonly task?: number;
}

/** Logs the herder writes; never given a config (configs may hold secrets). */
export interface HerderLogger {
  warn(message: string, error?: unknown): void;
}

export interface HerderOptions {
  readonly configs: ConfigStore;
  readonly statuses: StatusStore;
  readonly offsets: OffsetStore;
  readonly registry: PluginRegistry;
  /**
   * Called after every successful write of a connector's config or target state, and after a
   * delete: the reconciler's trigger. Locally a direct call; in AWS the DynamoDB stream triggers
   * the reconciler, so it is a no-op there. Its failure does not undo the write (the status reports it).
   */
  readonly afterChange: (connector: string) => Promise<void>;
  /** Restarts the connector and/or tasks (the reconciler's restart). */
  readonly restart: (connector: string, request: RestartRequest) => Promise<void>;
  /** Sink connectors' consumer group offsets; absent: sink offsets answer 501. */
  readonly sinkOffsets?: SinkOffsetsPort;
  /** `GET /`. `version` defaults to Copycat's; `kafka_cluster_id` to null. */
  readonly serverInfo?: { readonly version?: string; readonly commit?: string; readonly kafkaClusterId?: () => Promise<string | null> };
  /** Reported in statuses that have none yet (UNASSIGNED). */
  readonly workerId?: string;
  readonly logger?: HerderLogger;
  /** The version every plugin without its own `version()` reports (Copycat's). */
  readonly version?: string;
}

const pluginTypeNames: Record<PluginKind, PluginTypeName> = {
  source: 'source',
  sink: 'sink',
  converter: 'converter',
  'header-converter': 'header_converter',
  transformation: 'transformation',
  predicate: 'predicate',
};

/** Kafka's `InitialState` of `POST /connectors`, as target states. */
const initialStates: Record<string, TargetState> = { RUNNING: 'STARTED', PAUSED: 'PAUSED', STOPPED: 'STOPPED' };

export class Herder {
  readonly #options: HerderOptions;
  readonly #configs: ConfigStore;
  readonly #registry: PluginRegistry;
  readonly #version: string;

  constructor(options: HerderOptions) {
    this.#options = options;
    this.#configs = options.configs;
    this.#registry = options.registry;
    this.#version = options.version ?? options.serverInfo?.version ?? '0.0.0';
  }

  async serverInfo(): Promise<ServerInfo> {
    const info = this.#options.serverInfo;
    return {
      version: info?.version ?? this.#version,
      commit: info?.commit ?? 'unknown',
      kafka_cluster_id: (await info?.kafkaClusterId?.()) ?? null,
    };
  }

  /** `GET /connectors`: the names, or per name the requested expansions (`status`, `info`; others ignored, as Kafka). */
  async listConnectors(
    expand: readonly string[],
  ): Promise<string[] | Record<string, { status?: ConnectorStateInfo; info?: ConnectorInfo }>> {
    const names = await this.#configs.list();
    if (expand.length === 0) return names;
    const out: Record<string, { status?: ConnectorStateInfo; info?: ConnectorInfo }> = {};
    for (const name of names) {
      try {
        const entry: { status?: ConnectorStateInfo; info?: ConnectorInfo } = {};
        for (const expansion of expand) {
          if (expansion === 'status') entry.status = await this.connectorStatus(name);
          else if (expansion === 'info') entry.info = await this.connectorInfo(name);
        }
        out[name] = entry;
      } catch (error) {
        // Deleted while we looked (Kafka skips it too), or a malformed hand-written item: its own GET says why.
        if (!(error instanceof RestError && error.status === 404) && !(error instanceof InvalidConfigItemError)) throw error;
        if (error instanceof InvalidConfigItemError) this.#options.logger?.warn(error.message);
      }
    }
    return out;
  }

  async connectorInfo(name: string): Promise<ConnectorInfo> {
    return this.#info(await this.#require(name, `Connector ${name} not found`));
  }

  async connectorConfig(name: string): Promise<ConnectorConfig> {
    return (await this.#require(name, `Connector ${name} not found`)).config;
  }

  /** `POST /connectors`: 409 when the name is taken. `name` is already trimmed. */
  async createConnector(name: string, config: RequestedConfig, initialState: string | undefined): Promise<ConnectorInfo> {
    const props = withName(name, config);
    let targetState: TargetState = 'STARTED';
    if (initialState !== undefined) {
      const state = initialStates[initialState.toUpperCase()];
      if (state === undefined) throw badRequest(`Invalid initial_state "${initialState}": expected one of RUNNING, PAUSED, STOPPED.`);
      targetState = state;
    }
    const valid = await this.#validated(props);
    try {
      await this.#configs.create(name, valid, targetState);
    } catch (error) {
      if (error instanceof ConnectorExistsError) throw new RestError(409, `Connector ${name} already exists`, { cause: error });
      throw error;
    }
    await this.#changed(name);
    return this.connectorInfo(name);
  }

  /** `PUT /connectors/{c}/config`: creates (created: true) or replaces the config, conditional on the version read. */
  async putConnectorConfig(name: string, config: RequestedConfig): Promise<{ created: boolean; info: ConnectorInfo }> {
    const props = withName(name, config);
    // Read before validating: the version read is what the write is conditional on.
    const existing = await this.#configs.get(name);
    const valid = await this.#validated(props);
    if (existing === undefined) {
      try {
        await this.#configs.create(name, valid);
      } catch (error) {
        if (error instanceof ConnectorExistsError)
          throw new RestError(409, `Connector ${name} was created by another request at the same time; read its config and retry.`, {
            cause: error,
          });
        throw error;
      }
    } else {
      await this.#configs.update(name, valid, existing.version);
    }
    await this.#changed(name);
    return { created: existing === undefined, info: await this.connectorInfo(name) };
  }

  /** `PATCH /connectors/{c}/config`: merges the patch (a null value removes the key), then validates the result. */
  async patchConnectorConfig(name: string, patch: RequestedConfig): Promise<ConnectorInfo> {
    const existing = await this.#require(name, `Connector ${name} not found`);
    const merged: Record<string, string> = { ...existing.config };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const valid = await this.#validated(withName(name, merged));
    await this.#configs.update(name, valid, existing.version);
    await this.#changed(name);
    return this.connectorInfo(name);
  }

  async deleteConnector(name: string): Promise<void> {
    try {
      await this.#configs.delete(name);
    } catch (error) {
      if (error instanceof ConnectorNotFoundError) throw notFound(`Connector ${name} not found`, error);
      throw error;
    }
    await this.#changed(name);
  }

  async connectorStatus(name: string): Promise<ConnectorStateInfo> {
    const record = await this.#require(name, `No status found for connector ${name}`);
    const statuses = await this.#options.statuses.get(name);
    const version = this.#connectorVersion(record.config);
    return {
      name,
      connector: statuses.connector === undefined ? this.#unassigned(version) : stateEntity(statuses.connector, version),
      tasks: statuses.tasks.map((task) => taskEntity(task, version)),
      type: this.#typeOf(record.config),
    };
  }

  async taskStatus(name: string, task: number): Promise<TaskStateEntity> {
    const record = await this.#configs.get(name);
    const status = record === undefined ? undefined : (await this.#options.statuses.get(name)).tasks.find((t) => t.id === task);
    if (record === undefined || status === undefined) throw notFound(`No status found for task ${name}-${task}`);
    return taskEntity(status, this.#connectorVersion(record.config));
  }

  /**
   * `POST /connectors/{c}/restart`. Without includeTasks and onlyFailed only the connector restarts
   * and there is no answer (204); otherwise the answer is the status with what restarts marked
   * RESTARTING, as Kafka's restart plan.
   */
  async restartConnector(name: string, includeTasks: boolean, onlyFailed: boolean): Promise<ConnectorStateInfo | undefined> {
    await this.#require(name, `Unknown connector: ${name}`);
    if (!includeTasks && !onlyFailed) {
      await this.#options.restart(name, { includeTasks, onlyFailed });
      return undefined;
    }
    const status = await this.connectorStatus(name);
    const restarts = (state: string) => !onlyFailed || state === 'FAILED';
    const planned: ConnectorStateInfo = {
      ...status,
      connector: restarts(status.connector.state) ? { ...status.connector, state: 'RESTARTING' } : status.connector,
      tasks: status.tasks.map((task) => (includeTasks && restarts(task.state) ? { ...task, state: 'RESTARTING' } : task)),
    };
    await this.#options.restart(name, { includeTasks, onlyFailed });
    return planned;
  }

  async restartTask(name: string, task: number): Promise<void> {
    await this.#require(name, `Unknown connector: ${name}`);
    const tasks = await this.#configs.getTasks(name);
    if (tasks === undefined || task < 0 || task >= tasks.tasks.length) throw notFound(`Unknown task: ${name}-${task}`);
    await this.#options.restart(name, { includeTasks: true, onlyFailed: false, task });
  }

  /** PUT pause, resume (STARTED) and stop: idempotent, as Kafka's. */
  async setTargetState(name: string, state: TargetState): Promise<void> {
    const record = await this.#require(name, `Unknown connector ${name}`);
    if (record.targetState !== state) {
      try {
        await this.#configs.setTargetState(name, state);
      } catch (error) {
        if (error instanceof ConnectorNotFoundError) throw notFound(`Unknown connector ${name}`, error);
        throw error;
      }
    }
    await this.#changed(name);
  }

  async taskConfigs(name: string): Promise<TaskInfo[]> {
    await this.#require(name, `Connector ${name} not found`);
    const tasks = await this.#configs.getTasks(name);
    return (tasks?.tasks ?? []).map((config, task) => ({ id: { connector: name, task }, config }));
  }

  /**
   * `GET /connectors/{c}/topics`. Copycat does not track the topics tasks actually used: a sink
   * answers its `topics` list (nothing for `topics.regex`), a source answers no topics.
   */
  async activeTopics(name: string): Promise<Record<string, { topics: string[] }>> {
    const record = await this.#require(name, `Connector ${name} not found`);
    const topics =
      this.#typeOf(record.config) === 'sink'
        ? (record.config.topics ?? '')
            .split(',')
            .map((topic) => topic.trim())
            .filter(Boolean)
        : [];
    return { [name]: { topics } };
  }

  async resetActiveTopics(name: string): Promise<void> {
    await this.#require(name, `Connector ${name} not found`);
  }

  async offsets(name: string): Promise<ConnectorOffsets> {
    const record = await this.#require(name, `Connector ${name} not found`);
    if (this.#kindOf(record) === 'sink') return { offsets: (await this.#sinkOffsets(name).read(name)).map(sinkOffsetEntity) };
    const stored = await this.#options.offsets.list(name);
    return { offsets: stored.map(({ partition, offset }) => ({ partition: { ...partition }, offset: { ...offset } })) };
  }

  /** `PATCH /connectors/{c}/offsets`: only when STOPPED. */
  async alterOffsets(name: string, offsets: readonly RequestedOffset[]): Promise<MessageEntity> {
    if (offsets.length === 0) throw badRequest('Partitions / offsets need to be provided for an alter offsets request');
    const record = await this.#stopped(name);
    const connector = this.#connector(record);
    if (this.#kindOf(record) === 'sink') {
      const parsed = parseSinkOffsets(offsets);
      const handled = await this.#connectorAlter(
        name,
        connector,
        record.config,
        new Map(parsed.map((o) => [partitionKey({ kafka_topic: o.topic, kafka_partition: o.partition }), o.offset])),
      );
      await this.#sinkOffsets(name).alter(name, parsed);
      return modifiedMessage(handled, 'altered');
    }
    const entries = parseSourceOffsets(offsets);
    const handled = await this.#connectorAlter(
      name,
      connector,
      record.config,
      new Map(entries.map((entry) => [partitionKey(entry.partition), entry.offset])),
    );
    await this.#options.offsets.alter(name, entries);
    return modifiedMessage(handled, 'altered');
  }

  /** `DELETE /connectors/{c}/offsets`: only when STOPPED. */
  async resetOffsets(name: string): Promise<MessageEntity> {
    const record = await this.#stopped(name);
    const connector = this.#connector(record);
    if (this.#kindOf(record) === 'sink') {
      const port = this.#sinkOffsets(name);
      const current = await port.read(name);
      const handled = await this.#connectorAlter(
        name,
        connector,
        record.config,
        new Map(current.map((o) => [partitionKey({ kafka_topic: o.topic, kafka_partition: o.partition }), null])),
      );
      await port.reset(name);
      return modifiedMessage(handled, 'reset');
    }
    const current = await this.#options.offsets.list(name);
    const handled = await this.#connectorAlter(
      name,
      connector,
      record.config,
      new Map(current.map((o) => [partitionKey(o.partition), null])),
    );
    await this.#options.offsets.reset(name);
    return modifiedMessage(handled, 'reset');
  }

  /** `GET /connector-plugins`: connectors only unless `connectorsOnly` is false. */
  plugins(connectorsOnly: boolean): PluginInfo[] {
    return this.#registry
      .list()
      .filter((plugin) => !connectorsOnly || plugin.kind === 'source' || plugin.kind === 'sink')
      .map((plugin) => {
        const instance = plugin.create() as { version?: () => string };
        return {
          class: plugin.className,
          type: pluginTypeNames[plugin.kind],
          version: typeof instance.version === 'function' ? instance.version() : this.#version,
        };
      });
  }

  pluginConfig(plugin: string): ConfigKeyInfo[] {
    return pluginConfigKeys(this.#registry, plugin);
  }

  /** `PUT /connector-plugins/{plugin}/config/validate`. */
  async validate(plugin: string, config: RequestedConfig): Promise<ConfigInfos> {
    const included = config['connector.class'];
    if (included !== undefined && included !== null && !normalized(included).endsWith(normalized(plugin)))
      throw badRequest(`Included connector type ${included} does not match request type ${plugin}`);
    // Kafka answers 400 when the body has no connector.class; the path already says which one.
    return validateConnectorConfig(included === undefined ? { ...config, 'connector.class': plugin } : config, this.#registry);
  }

  async #validated(props: RequestedConfig): Promise<Record<string, string>> {
    const infos = await validateConnectorConfig(props, this.#registry);
    if (infos.error_count > 0) throw badRequest(invalidConfigMessage(infos));
    return props as Record<string, string>; // no nulls: each would have been an error
  }

  async #require(name: string, message: string): Promise<ConnectorConfigRecord> {
    const record = await this.#configs.get(name);
    if (record === undefined) throw notFound(message);
    return record;
  }

  async #stopped(name: string): Promise<ConnectorConfigRecord> {
    const record = await this.#require(name, `Connector ${name} not found`);
    if (record.targetState !== 'STOPPED')
      throw badRequest(
        `Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/${name}/stop' endpoint`,
      );
    return record;
  }

  async #changed(name: string): Promise<void> {
    try {
      await this.#options.afterChange(name);
    } catch (error) {
      // The write stands; the reconciler reports its own failure in the connector's status.
      this.#options.logger?.warn(`Connector ${name}: the reconciler failed after a config change`, error);
    }
  }

  async #info(record: ConnectorConfigRecord): Promise<ConnectorInfo> {
    const tasks = await this.#configs.getTasks(record.name);
    return {
      name: record.name,
      config: record.config,
      tasks: (tasks?.tasks ?? []).map((_, task) => ({ connector: record.name, task })),
      type: this.#typeOf(record.config),
    };
  }

  #typeOf(config: ConnectorConfig): ConnectorType {
    const kind = findConnectorPlugin(this.#registry, config['connector.class'])?.kind;
    return kind === 'source' || kind === 'sink' ? kind : 'unknown';
  }

  #kindOf(record: ConnectorConfigRecord): 'source' | 'sink' {
    const type = this.#typeOf(record.config);
    if (type === 'unknown') throw badRequest(unknownConnectorMessage(this.#registry, record.config['connector.class'] ?? ''));
    return type;
  }

  #connector(record: ConnectorConfigRecord): Connector {
    const plugin = findConnectorPlugin(this.#registry, record.config['connector.class']);
    if (plugin === undefined) throw badRequest(unknownConnectorMessage(this.#registry, record.config['connector.class'] ?? ''));
    return plugin.descriptor.create();
  }

  #connectorVersion(config: ConnectorConfig): string | undefined {
    try {
      return findConnectorPlugin(this.#registry, config['connector.class'])?.descriptor.create().version();
    } catch {
      return undefined;
    }
  }

  #unassigned(version: string | undefined): ConnectorStateEntity {
    return { state: 'UNASSIGNED', worker_id: this.#options.workerId ?? '', ...(version === undefined ? {} : { version }) };
  }

  #sinkOffsets(name: string): SinkOffsetsPort {
    if (this.#options.sinkOffsets === undefined)
      throw new RestError(
        501,
        `Connector ${name} is a sink: its offsets are its consumer group's, and this worker has no Kafka admin client configured to reach them.`,
      );
    return this.#options.sinkOffsets;
  }

  async #connectorAlter(
    name: string,
    connector: Connector,
    config: ConnectorProps,
    offsets: ReadonlyMap<string, unknown>,
  ): Promise<boolean> {
    const alter = (
      connector as { alterOffsets?: (props: ConnectorProps, offsets: ReadonlyMap<string, unknown>) => boolean | Promise<boolean> }
    ).alterOffsets;
    if (alter === undefined) return false;
    try {
      return await alter.call(connector, config, offsets);
    } catch (error) {
      throw badRequest(`Failed to modify offsets for connector ${name}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }
}

/** `checkAndPutConnectorConfigName`: a `name` in the config must be the URL's; absent, it is set. */
function withName(name: string, config: RequestedConfig): RequestedConfig {
  const included = config.name;
  if (included !== undefined && included !== null) {
    if (included !== name) throw badRequest(`Connector name configuration (${included}) doesn't match connector name in the URL (${name})`);
    return config;
  }
  return { ...config, name };
}

function stateEntity(status: ConnectorStatus | TaskStatus, version: string | undefined): ConnectorStateEntity {
  return {
    state: status.state,
    worker_id: status.workerId,
    ...(status.trace ? { trace: status.trace } : {}),
    ...(version === undefined ? {} : { version }),
  };
}

function taskEntity(status: TaskStatus, version: string | undefined): TaskStateEntity {
  return { id: status.id, ...stateEntity(status, version) };
}

function modifiedMessage(handled: boolean, kind: 'altered' | 'reset'): MessageEntity {
  return {
    message: handled
      ? `The offsets for this connector have been ${kind} successfully`
      : `The Connect framework-managed offsets for this connector have been ${kind} successfully. However, if this connector manages offsets externally, they will need to be manually ${kind} in the system that the connector uses.`,
  };
}

/** Source offsets as Kafka's `OffsetUtils.validateFormat` accepts them: maps of primitives. */
function parseSourceOffsets(offsets: readonly RequestedOffset[]): OffsetEntry[] {
  return offsets.map(({ partition, offset }) => {
    if (partition === null || typeof partition !== 'object' || Array.isArray(partition))
      throw badRequest('The partition for a source connector offset cannot be null or missing');
    return { partition: primitives(partition), offset: offset === null ? null : primitives(offset) };
  });
}

function primitives(map: unknown): SourceMap {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw badRequest('Offsets must be specified as a Map');
  for (const [key, value] of Object.entries(map))
    if (value !== null && typeof value === 'object')
      throw badRequest(
        `Offsets may only contain primitive types as values, but field ${key} contains ${Array.isArray(value) ? 'a list' : 'a map'}`,
      );
  return map as SourceMap;
}

/** Kafka's `normalizedPluginName`: `FileStreamSourceConnector` and `FileStreamSource` name the same plugin. */
function normalized(name: string): string {
  return name.endsWith('Connector') && name.length > 'Connector'.length ? name.slice(0, -'Connector'.length) : name;
}
