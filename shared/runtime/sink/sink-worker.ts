import type { ConnectorProps } from '../../api/connector/connector.ts';
import { CopycatError } from '../../errors.ts';
import { type KafkaBatchResponse, parseKafkaEvent, partitionId } from '../../kafka/esm-event.ts';
import type { RecordProducerFactory, TopicAdmin } from '../../kafka/record-producer.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import type { ConfigStore, ConnectorConfigRecord, TaskConfigs } from '../../stores/config-store.ts';
import { StaleVersionError } from '../../stores/errors.ts';
import type { ConnectorStatuses, StatusStore } from '../../stores/status-store.ts';
import type { MetricsSink } from '../metrics.ts';
import { withPrefix } from '../transformation-chain.ts';
import { buildSinkRunner } from './build-sink-runner.ts';
import { javaStackTrace } from './error-trace.ts';
import { type RetryClock, systemClock } from './retry.ts';
import { sinkErrorSettings } from './sink-connector-config.ts';
import { isSinkPlugin } from './sink-plugin.ts';
import type { SinkBatchResult, SinkRunner } from './sink-runner.ts';

/**
 * Every invocation runs task 0 of the connector: Lambda already runs one invocation per partition
 * at most, so parallelism comes from partitions, not from `tasks.max`.
 */
export const SINK_TASK_ID = 0;

/** What the sink worker needs; every dependency is passed in. */
export interface SinkWorkerOptions {
  readonly configs: Pick<ConfigStore, 'get' | 'getTasks'>;
  readonly statuses: Pick<StatusStore, 'get' | 'putTask'>;
  readonly registry: PluginRegistry;
  /** Producers for dead letter queues (`producer.override.*` of the connector apply). Required only for connectors with one. */
  readonly producers?: RecordProducerFactory;
  /** Creates a missing dead letter topic, as Kafka Connect does; without it the topic must exist. */
  readonly topicAdmin?: TopicAdmin;
  /** Written as `workerId` of the statuses this worker sets (the function and request in AWS). */
  readonly workerId: string | (() => string);
  readonly clock?: RetryClock;
  /** Where `errors.log.enable` and lifecycle problems are written. @default console.error */
  readonly log?: (line: string) => void;
  /** Told the figures of every batch (records in, out, skipped, dead-lettered). */
  readonly metrics?: MetricsSink;
  /**
   * How long a running connector's config, task configs and status, read for one batch, serve the
   * next ones (ms): a warm function delivering batches back to back then reads the table about once
   * a second rather than three times a batch, and a config change or pause takes effect within
   * that time (the event source mapping stops delivery on pause anyway). A connector that cannot
   * run is read again for every batch, so a restart takes effect at once. @default 1000
   */
  readonly stateCacheMs?: number;
}

/** One delivered batch for a connector. */
export interface SinkInvocation {
  readonly connector: string;
  /** The event as delivered (an ESM event in AWS, the local mapping's event in standalone). */
  readonly event: unknown;
  /** The mapping answers partial failures with `batchItemFailures` rather than failing the whole batch. */
  readonly reportBatchItemFailures: boolean;
  /** Epoch ms by which the invocation must answer; retries stop in time. */
  readonly deadline?: number;
}

/** The sink connector cannot run now (deleted, paused, stopped, FAILED, not a sink): the batch is delivered again later. */
export class SinkUnavailableError extends CopycatError {
  readonly connector: string;

  constructor(connector: string, reason: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(`Sink connector ${connector} ${reason}`, { retriable: options.retriable ?? true, cause: options.cause });
    this.name = 'SinkUnavailableError';
    this.connector = connector;
  }
}

interface Loaded {
  readonly configVersion: number;
  readonly generation: number;
  readonly runner: SinkRunner;
}

/** The connector's state as read from the stores, and when. */
interface ReadState {
  readonly at: number;
  readonly record: ConnectorConfigRecord | undefined;
  readonly tasks: TaskConfigs | undefined;
  readonly statuses: ConnectorStatuses;
}

const DEFAULT_STATE_CACHE_MS = 1000;

/**
 * Runs sink connectors' batches in one process (a Lambda instance, or the standalone worker): it
 * loads the connector config and task config from the stores, keeps a started task per connector
 * while warm (rebuilt when the config version or the task generation moves), runs the batch,
 * sets the task FAILED when `errors.tolerance` is exceeded, and answers the event source mapping:
 * nothing (success), `batchItemFailures`, or an error so that the batch is not committed.
 *
 * Batches of one connector run one after the other.
 */
export class SinkWorker {
  readonly #o: SinkWorkerOptions;
  readonly #loaded = new Map<string, Loaded>();
  /** Only states the connector can run in are kept; see {@link SinkWorkerOptions.stateCacheMs}. */
  readonly #states = new Map<string, ReadState>();
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: SinkWorkerOptions) {
    this.#o = options;
  }

  /**
   * Runs one batch. Resolves with the response for the mapping (`{"batchItemFailures": [...]}`
   * when it reports them, else undefined); rejects when the batch must be delivered again whole.
   */
  handle(invocation: SinkInvocation): Promise<KafkaBatchResponse | undefined> {
    const previous = this.#queues.get(invocation.connector) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#handle(invocation));
    this.#queues.set(invocation.connector, next);
    void next
      .finally(() => {
        if (this.#queues.get(invocation.connector) === next) this.#queues.delete(invocation.connector);
      })
      .catch(() => undefined);
    return next;
  }

  /** Stops every cached task (closing its partitions). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#queues.values()]);
    const loaded = [...this.#loaded.values()];
    this.#loaded.clear();
    await Promise.all(loaded.map((entry) => entry.runner.stop()));
  }

  async #handle(invocation: SinkInvocation): Promise<KafkaBatchResponse | undefined> {
    const messages = parseKafkaEvent(invocation.event);
    const { connector } = invocation;
    const loaded = await this.#load(connector);
    if (messages.length === 0) return invocation.reportBatchItemFailures ? { batchItemFailures: [] } : undefined;
    const result = await loaded.runner.run(messages, {
      partial: invocation.reportBatchItemFailures,
      ...(invocation.deadline === undefined ? {} : { deadline: invocation.deadline }),
    });
    this.#o.metrics?.record(connector, SINK_TASK_ID, {
      recordsIn: messages.length,
      recordsOut: result.put,
      errors: result.skipped,
      deadLettered: result.deadLettered,
    });
    if (result.taskFailed && result.error !== undefined) await this.#markFailed(connector, loaded.generation, result.error);
    return answer(result, invocation.reportBatchItemFailures);
  }

  /** The started runner of the connector's current config and task generation. */
  async #load(connector: string): Promise<Loaded> {
    const state = await this.#read(connector);
    const { record, tasks, statuses } = state;
    if (record === undefined)
      throw new SinkUnavailableError(connector, 'does not exist (deleted?); its event source mapping will be removed by the reconciler.');
    if (record.targetState !== 'STARTED')
      throw new SinkUnavailableError(connector, `is ${record.targetState}; the batch is left for when it is resumed.`);
    const taskConfig = tasks?.tasks[SINK_TASK_ID];
    if (tasks === undefined || taskConfig === undefined)
      throw new SinkUnavailableError(connector, 'has no task configs yet; the reconciler computes them from its config.');
    const status = statuses.tasks.find((task) => task.id === SINK_TASK_ID);
    if (status?.state === 'FAILED' && status.generation >= tasks.generation)
      throw new SinkUnavailableError(
        connector,
        `task ${SINK_TASK_ID} is FAILED; restart it (POST /connectors/${connector}/tasks/${SINK_TASK_ID}/restart) once the cause is fixed. Cause: ${firstLine(status.trace)}`,
      );
    // Runnable: the state may serve the next batches (one that cannot run is read again each time).
    this.#states.set(connector, state);

    const current = this.#loaded.get(connector);
    if (current !== undefined && current.configVersion === record.version && current.generation === tasks.generation) return current;
    if (current !== undefined) {
      this.#loaded.delete(connector);
      await current.runner.stop();
    }
    const runner = await this.#build(connector, record.config, taskConfig);
    try {
      await runner.start();
    } catch (error) {
      await this.#markFailed(connector, tasks.generation, error);
      throw new SinkUnavailableError(connector, `task ${SINK_TASK_ID} failed to start: ${String(error)}`, {
        cause: error,
        retriable: false,
      });
    }
    const loaded = { configVersion: record.version, generation: tasks.generation, runner };
    this.#loaded.set(connector, loaded);
    return loaded;
  }

  /** The connector's config, task configs and statuses: as #load last kept them while fresh, else from the stores. */
  async #read(connector: string): Promise<ReadState> {
    const now = (this.#o.clock ?? systemClock).now();
    const cached = this.#states.get(connector);
    if (cached !== undefined && now - cached.at < (this.#o.stateCacheMs ?? DEFAULT_STATE_CACHE_MS)) return cached;
    this.#states.delete(connector);
    const [record, tasks, statuses] = await Promise.all([
      this.#o.configs.get(connector),
      this.#o.configs.getTasks(connector),
      this.#o.statuses.get(connector),
    ]);
    return { at: now, record, tasks, statuses };
  }

  async #build(connector: string, config: ConnectorProps, taskConfig: ConnectorProps): Promise<SinkRunner> {
    const className = config['connector.class'] ?? '';
    const plugin = this.#o.registry.find('sink', className);
    if (!isSinkPlugin(plugin))
      throw new SinkUnavailableError(connector, `names connector.class ${className}, which is not a sink connector Copycat has.`, {
        retriable: false,
      });
    const errors = sinkErrorSettings(config, this.#o.registry);
    let producer: Awaited<ReturnType<RecordProducerFactory['producer']>> | undefined;
    if (errors.deadLetterTopic !== undefined) {
      if (this.#o.producers === undefined)
        throw new SinkUnavailableError(
          connector,
          `needs a Kafka producer for its dead letter topic ${errors.deadLetterTopic}, and the sink runtime has none.`,
          {
            retriable: false,
          },
        );
      producer = await this.#o.producers.producer(withPrefix(config, 'producer.override.'));
      await this.#ensureTopic(errors.deadLetterTopic, errors.deadLetterReplicationFactor);
    }
    // Converters, transforms and error handling come from the connector config, the task's own settings from its task config (as Kafka Connect).
    return buildSinkRunner({
      id: { connector, task: SINK_TASK_ID },
      taskConfig,
      connectorConfig: config,
      task: plugin.createTask(),
      registry: this.#o.registry,
      ...(producer === undefined ? {} : { producer }),
      ...(this.#o.clock === undefined ? {} : { clock: this.#o.clock }),
      ...(this.#o.log === undefined ? {} : { log: this.#o.log }),
    });
  }

  async #ensureTopic(topic: string, replicationFactor: number): Promise<void> {
    const admin = this.#o.topicAdmin;
    if (admin === undefined) return;
    if ((await admin.existingTopics([topic])).has(topic)) return;
    // Kafka Connect's DeadLetterQueueReporter creates the topic with one partition.
    await admin.createTopic({ topic, partitions: 1, replicationFactor, configs: {} });
  }

  async #markFailed(connector: string, generation: number, error: unknown): Promise<void> {
    this.#states.delete(connector);
    const workerId = typeof this.#o.workerId === 'function' ? this.#o.workerId() : this.#o.workerId;
    try {
      await this.#o.statuses.putTask(connector, SINK_TASK_ID, { state: 'FAILED', workerId, trace: javaStackTrace(error), generation });
    } catch (statusError) {
      // A newer generation has taken over: its status is the one that counts.
      if (!(statusError instanceof StaleVersionError)) throw statusError;
    }
  }
}

/** What the mapping is answered for a batch result; throws when the whole batch must come again. */
export function answer(result: SinkBatchResult, reportBatchItemFailures: boolean): KafkaBatchResponse | undefined {
  if (result.failures.length === 0) return reportBatchItemFailures ? { batchItemFailures: [] } : undefined;
  if (!reportBatchItemFailures) throw result.error ?? new CopycatError('The sink batch failed.', { retriable: true });
  return {
    batchItemFailures: result.failures.map((failure) => ({
      itemIdentifier: { partition: partitionId(failure.topic, failure.partition), offset: failure.offset },
    })),
  };
}

function firstLine(trace: string | undefined): string {
  return (trace ?? 'unknown').split('\n')[0] ?? 'unknown';
}
