import { isDeepStrictEqual } from 'node:util';
import type { ConnectorProps } from '../../api/connector/connector.ts';
import { CopycatError } from '../../errors.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { aliases } from '../../runtime/connector-config.ts';
import { topicPattern } from '../../runtime/sink/sink-connector-config.ts';
import type { ConfigStore, ConnectorConfig, ConnectorConfigRecord } from '../../stores/config-store.ts';
import { ConnectorNotFoundError, InvalidConfigItemError, StaleVersionError } from '../../stores/errors.ts';
import type { StatusStore, TaskState } from '../../stores/status-store.ts';
import type { Clock } from '../../stores/stores.ts';
import { type EventSourceMappingPort, normalizeSinkMapping, type SinkMapping } from '../ports/event-source-mapping.ts';
import type { SchedulerPort, TaskSchedule } from '../ports/scheduler.ts';
import { ReconcileAllError, type ReconcileFailure, TaskNotFoundError } from './errors.ts';
import type { ReconciledState, ReconcileOutcome } from './outcome.ts';
import { type RestartRequest, type RestartResult, restartPlan } from './restart.ts';
import { sinkGroupIds } from './sink-config.ts';
import { computeTaskConfigs, sameTaskConfigs } from './task-configs.ts';
import { invalidConfigTrace, validateConnectorConfig } from './validation.ts';

/** What the reconciler works with; every dependency is passed in. */
export interface ReconcilerOptions {
  readonly configs: ConfigStore;
  readonly statuses: StatusStore;
  readonly scheduler: SchedulerPort;
  readonly mappings: EventSourceMappingPort;
  readonly registry: PluginRegistry;
  /**
   * The cluster's topics whose whole name matches `pattern` (a sink's `topics.regex`), internal
   * topics excluded, as a Kafka consumer subscribing by pattern sees them.
   */
  readonly topicsMatching: (pattern: RegExp) => Promise<string[]>;
  /** Written as `workerId` of the statuses the reconciler sets. */
  readonly workerId: string;
  /** @default Date.now */
  readonly clock?: Clock;
  /** Minutes between runs of a source task's schedule, ≥ 1. @default 1 */
  readonly scheduleIntervalMinutes?: number;
  /** A sink mapping's batch size unless the connector sets `consumer.override.max.poll.records`; 1–10,000. @default 500 (Kafka's `max.poll.records`) */
  readonly batchSize?: number;
  /** A sink mapping's batching window in whole seconds, 0–300. @default 1 */
  readonly batchingWindowSeconds?: number;
  /** Whether sink mappings ask for partial batch failures (only honoured by provisioned-mode Kafka ESMs). @default false */
  readonly reportBatchItemFailures?: boolean;
}

// At most this many runs when a concurrent writer moved the task generation or a status first.
const ATTEMPTS = 3;

/**
 * Converges connectors on their configs (Kafka Connect's herder, without workers to rebalance):
 * config → validation → `taskConfigs(tasks.max)` → task configs with a generation → schedules
 * (source tasks) or event source mappings (sink topics) → statuses. Idempotent: a second run over
 * an unchanged config writes nothing and makes no mutating port call.
 *
 * Statuses it owns: the connector's (RUNNING, PAUSED, STOPPED, FAILED) and a task's state when a
 * task appears, its generation changes, or the connector is paused or resumed. A task is RUNNING
 * as soon as its schedule or mapping is enabled (it runs whenever it is invoked); a FAILED task of
 * the current generation stays FAILED until it is restarted, as in Kafka Connect.
 */
export class Reconciler {
  readonly #o: ReconcilerOptions;
  readonly #clock: Clock;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Converges one connector; retries when a concurrent writer moved its generation first. */
  async reconcile(name: string): Promise<ReconcileOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#reconcileOnce(name);
      } catch (error) {
        if (!(error instanceof StaleVersionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Converges every connector, then removes the schedules and mappings of connectors that no
   * longer exist. One connector failing does not stop the others: the failures are thrown
   * together at the end as a {@link ReconcileAllError}.
   */
  async reconcileAll(): Promise<ReconcileOutcome[]> {
    const names = await this.#o.configs.list();
    const outcomes: ReconcileOutcome[] = [];
    const failures: ReconcileFailure[] = [];
    const attempt = async (connector: string, run: () => Promise<ReconcileOutcome | undefined>) => {
      try {
        const outcome = await run();
        if (outcome !== undefined) outcomes.push(outcome);
      } catch (error) {
        failures.push({ connector, error });
      }
    };
    for (const name of names) await attempt(name, () => this.reconcile(name));
    const known = new Set(names);
    const [schedules, mappings] = await Promise.all([this.#o.scheduler.list(), this.#o.mappings.list()]);
    const orphans = new Set([...schedules, ...mappings].map((item) => item.connector).filter((name) => !known.has(name)));
    for (const name of orphans)
      await attempt(name, async () => {
        // Created since the listing: its own reconciler run owns its schedules.
        const exists = await this.#o.configs.get(name).then(
          (record) => record !== undefined,
          (error: unknown) => error instanceof InvalidConfigItemError,
        );
        return exists ? undefined : this.#removeAll(name);
      });
    if (failures.length > 0) throw new ReconcileAllError(failures, outcomes);
    return outcomes;
  }

  /**
   * Restarts a connector and, with `includeTasks`, its tasks (KIP-745). Restarted parts are set
   * RESTARTING; restarting any task moves the task configs to a new generation, so every run of
   * the old one (the failed task's and the others') stops at its next lease check, and the next
   * invocation starts afresh. Then the connector is reconciled, which starts it again.
   * @throws ConnectorNotFoundError when the connector has no config.
   */
  async restart(name: string, request: RestartRequest = {}): Promise<RestartResult> {
    await this.#existing(name);
    const [statuses, tasks] = await Promise.all([this.#o.statuses.get(name), this.#o.configs.getTasks(name)]);
    const plan = restartPlan(name, statuses, tasks?.tasks.length ?? 0, request);
    return { ...plan, outcome: await this.#restart(name, plan.restartConnector, plan.restartTasks) };
  }

  /**
   * Restarts one task (`POST /connectors/{name}/tasks/{task}/restart`).
   * @throws ConnectorNotFoundError, or TaskNotFoundError when the connector has no such task.
   */
  async restartTask(name: string, task: number): Promise<ReconcileOutcome> {
    await this.#existing(name);
    const count = (await this.#o.configs.getTasks(name))?.tasks.length ?? 0;
    if (!Number.isInteger(task) || task < 0 || task >= count) throw new TaskNotFoundError(name, task, count);
    return this.#restart(name, false, [task]);
  }

  async #restart(name: string, connector: boolean, tasks: readonly number[]): Promise<ReconcileOutcome> {
    const stored = await this.#o.configs.getTasks(name);
    let generation = stored?.generation ?? 0;
    if (stored !== undefined && tasks.length > 0) generation = await this.#o.configs.putTasks(name, stored.tasks, generation);
    const restarting = { state: 'RESTARTING', workerId: this.#o.workerId, generation } as const;
    if (connector) await this.#o.statuses.putConnector(name, restarting);
    for (const task of tasks) await this.#o.statuses.putTask(name, task, restarting);
    return this.reconcile(name);
  }

  async #existing(name: string): Promise<ConnectorConfigRecord> {
    const record = await this.#o.configs.get(name);
    if (record === undefined) throw new ConnectorNotFoundError(name);
    return record;
  }

  async #reconcileOnce(name: string): Promise<ReconcileOutcome> {
    const changes: string[] = [];
    let record: ConnectorConfigRecord | undefined;
    try {
      record = await this.#o.configs.get(name);
    } catch (error) {
      if (error instanceof InvalidConfigItemError) return this.#fail(name, changes, error.message);
      throw error;
    }
    if (record === undefined) return this.#removeAll(name);
    if (await this.#o.configs.sealStoredSecrets?.(name)) changes.push('secrets sealed in the state table');

    const validation = await validateConnectorConfig(name, record.config, this.#o.registry);
    if (validation.errors.size > 0 || validation.plugin === undefined)
      return this.#fail(name, changes, invalidConfigTrace(name, validation.errors), validation.errors);
    const { plugin, props } = validation;

    try {
      if (record.targetState === 'STOPPED') return await this.#stop(name, changes);
      let taskConfigs: ConnectorConfig[];
      try {
        taskConfigs = await computeTaskConfigs(name, plugin, props);
      } catch (error) {
        return await this.#fail(name, changes, traceOf(name, 'failed to start and compute its task configs', error));
      }
      const generation = await this.#writeTasks(name, taskConfigs, changes);
      const enabled = record.targetState === 'STARTED';
      if (plugin.kind === 'source') {
        await this.#matchSchedules(name, taskConfigs.length, generation, enabled, changes);
        await this.#removeMappings(name, changes);
      } else {
        await this.#matchMappings(name, props, enabled, changes);
        await this.#removeSchedules(name, 0, changes);
      }
      const state = enabled ? 'RUNNING' : 'PAUSED';
      await this.#setStatuses(name, state, taskConfigs.length, generation, changes);
      return this.#outcome(name, state, generation, taskConfigs.length, changes);
    } catch (error) {
      if (error instanceof ConnectorNotFoundError) return this.#removeAll(name); // deleted while we worked
      // A schedule or mapping the port refuses for good (e.g. an illegal group id): say so in the status.
      if (error instanceof CopycatError && !error.retriable && !(error instanceof StaleVersionError))
        return this.#fail(name, changes, traceOf(name, 'could not be scheduled', error));
      throw error;
    }
  }

  /** KIP-875's STOPPED: no tasks (task configs emptied), so nothing scheduled or mapped; offsets stay. */
  async #stop(name: string, changes: string[]): Promise<ReconcileOutcome> {
    const generation = await this.#writeTasks(name, [], changes);
    await this.#removeSchedules(name, 0, changes);
    await this.#removeMappings(name, changes);
    const current = await this.#o.statuses.get(name);
    if (current.connector?.state !== 'STOPPED' || current.connector.generation !== generation) {
      await this.#o.statuses.putConnector(name, { state: 'STOPPED', workerId: this.#o.workerId, generation });
      changes.push('connector status STOPPED');
    }
    if (current.tasks.length > 0) {
      await this.#o.statuses.deleteTasksAbove(name, 0);
      changes.push('task statuses removed');
    }
    return this.#outcome(name, 'STOPPED', generation, 0, changes);
  }

  /** Writes the task configs with a new generation only when they changed; returns the current generation. */
  async #writeTasks(name: string, taskConfigs: readonly ConnectorConfig[], changes: string[]): Promise<number> {
    const stored = await this.#o.configs.getTasks(name);
    const generation = stored?.generation ?? 0;
    if (sameTaskConfigs(stored?.tasks ?? [], taskConfigs)) return generation;
    const next = await this.#o.configs.putTasks(name, taskConfigs, generation);
    changes.push(`task configs: ${taskConfigs.length} task(s) at generation ${next}`);
    return next;
  }

  async #matchSchedules(name: string, count: number, generation: number, enabled: boolean, changes: string[]): Promise<void> {
    const intervalMinutes = this.#o.scheduleIntervalMinutes ?? 1;
    const current = await this.#o.scheduler.list(name);
    for (let task = 0; task < count; task++) {
      const desired: TaskSchedule = { connector: name, task, generation, enabled, intervalMinutes };
      const existing = current.find((schedule) => schedule.task === task);
      if (
        existing !== undefined &&
        existing.generation === generation &&
        existing.enabled === enabled &&
        (existing.intervalMinutes ?? 1) === intervalMinutes
      )
        continue;
      await this.#o.scheduler.put(desired);
      changes.push(
        `schedule of task ${task} ${existing === undefined ? 'created' : 'updated'} (generation ${generation}, ${enabled ? 'enabled' : 'disabled'})`,
      );
    }
    await this.#removeSchedules(name, count, changes, current);
  }

  /** Removes the schedules of tasks `from` and up. */
  async #removeSchedules(name: string, from: number, changes: string[], listed?: readonly TaskSchedule[]): Promise<void> {
    for (const schedule of listed ?? (await this.#o.scheduler.list(name))) {
      if (schedule.task < from) continue;
      await this.#o.scheduler.remove(name, schedule.task);
      changes.push(`schedule of task ${schedule.task} removed`);
    }
  }

  async #matchMappings(name: string, props: ConnectorProps, enabled: boolean, changes: string[]): Promise<void> {
    const regex = props['topics.regex']?.trim() ?? '';
    const topics = regex === '' ? aliases(props.topics) : await this.#topicsMatching(regex, props);
    const groupIds = sinkGroupIds(name, topics, regex !== '');
    const maxPollRecords = props['consumer.override.max.poll.records']?.trim();
    const current = await this.#o.mappings.list(name);
    for (const [topic, groupId] of groupIds) {
      const desired: SinkMapping = {
        connector: name,
        topic,
        groupId,
        enabled,
        batchSize: maxPollRecords ? Number.parseInt(maxPollRecords, 10) : (this.#o.batchSize ?? 500),
        batchingWindowSeconds: this.#o.batchingWindowSeconds ?? 1,
        startingPosition: props['consumer.override.auto.offset.reset']?.trim() === 'latest' ? 'LATEST' : 'TRIM_HORIZON',
        reportBatchItemFailures: this.#o.reportBatchItemFailures ?? false,
      };
      const existing = current.find((mapping) => mapping.topic === topic);
      if (existing !== undefined && isDeepStrictEqual({ ...normalizeSinkMapping(existing) }, { ...normalizeSinkMapping(desired) }))
        continue;
      await this.#o.mappings.put(desired);
      changes.push(
        `mapping of topic ${topic} ${existing === undefined ? 'created' : 'updated'} (group ${groupId}, ${enabled ? 'enabled' : 'disabled'})`,
      );
    }
    for (const mapping of current) {
      if (groupIds.has(mapping.topic)) continue;
      await this.#o.mappings.remove(name, mapping.topic);
      changes.push(`mapping of topic ${mapping.topic} removed`);
    }
  }

  /** `topics.regex` resolved against the cluster, without the dead letter topic, sorted. */
  async #topicsMatching(regex: string, props: ConnectorProps): Promise<string[]> {
    const pattern = topicPattern(regex) as RegExp; // validated
    const dlq = props['errors.deadletterqueue.topic.name']?.trim();
    const topics = await this.#o.topicsMatching(pattern);
    return [...new Set(topics)].filter((topic) => topic !== dlq && pattern.test(topic)).sort();
  }

  async #removeMappings(name: string, changes: string[]): Promise<void> {
    const current = await this.#o.mappings.list(name);
    if (current.length === 0) return;
    await this.#o.mappings.remove(name);
    changes.push(`mappings of topics ${current.map((mapping) => mapping.topic).join(', ')} removed`);
  }

  async #removeAll(name: string): Promise<ReconcileOutcome> {
    const changes: string[] = [];
    await this.#removeSchedules(name, 0, changes);
    await this.#removeMappings(name, changes);
    return this.#outcome(name, 'DELETED', 0, 0, changes);
  }

  async #setStatuses(name: string, state: 'RUNNING' | 'PAUSED', count: number, generation: number, changes: string[]): Promise<void> {
    const workerId = this.#o.workerId;
    const current = await this.#o.statuses.get(name);
    if (current.connector?.state !== state || current.connector.generation !== generation) {
      await this.#o.statuses.putConnector(name, { state, workerId, generation });
      changes.push(`connector status ${state}`);
    }
    for (let id = 0; id < count; id++) {
      const task = current.tasks.find((status) => status.id === id);
      const keep = task !== undefined && task.generation >= generation && (task.state === state || task.state === 'FAILED');
      if (keep) continue;
      await this.#o.statuses.putTask(name, id, { state: state satisfies TaskState, workerId, generation });
      changes.push(`task ${id} status ${state}`);
    }
    if (current.tasks.some((status) => status.id >= count)) {
      await this.#o.statuses.deleteTasksAbove(name, count);
      changes.push(`statuses of tasks ${count} and up removed`);
    }
  }

  /** Sets the connector FAILED with `trace` (once: an identical FAILED status is not rewritten) and touches nothing else. */
  async #fail(name: string, changes: string[], trace: string, errors?: ReadonlyMap<string, readonly string[]>): Promise<ReconcileOutcome> {
    const tasks = await this.#o.configs.getTasks(name);
    const generation = tasks?.generation ?? 0;
    const current = (await this.#o.statuses.get(name)).connector;
    if (current?.state !== 'FAILED' || current.trace !== trace || current.generation !== generation) {
      await this.#o.statuses.putConnector(name, { state: 'FAILED', workerId: this.#o.workerId, trace, generation });
      changes.push('connector status FAILED');
    }
    return { ...this.#outcome(name, 'FAILED', generation, tasks?.tasks.length ?? 0, changes), trace, ...(errors ? { errors } : {}) };
  }

  #outcome(connector: string, state: ReconciledState, generation: number, tasks: number, changes: string[]): ReconcileOutcome {
    return { connector, state, generation, tasks, changes, reconciledAt: new Date(this.#clock()).toISOString() };
  }
}

function traceOf(name: string, what: string, error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `Connector ${name} ${what}: ${detail}`;
}
