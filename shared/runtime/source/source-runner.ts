import type { SourceConnector } from '../../api/connector/connector.ts';
import type { SourceTask } from '../../api/connector/source-task.ts';
import { CopycatError } from '../../errors.ts';
import { ProduceError } from '../../kafka/errors.ts';
import { producerOverrides } from '../../kafka/producer-options.ts';
import type { RecordProducer, RecordProducerFactory, TopicAdmin } from '../../kafka/record-producer.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import type { ConnectorConfigRecord } from '../../stores/config-store.ts';
import { LeaseHeldError, StaleVersionError } from '../../stores/errors.ts';
import type { LeaseToken } from '../../stores/lease-store.ts';
import type { Stores } from '../../stores/stores.ts';
import type { TaskMetrics } from '../metrics.ts';
import { buildRecordPath } from '../record-path.ts';
import { NotASourceConnectorError, traceOf } from './errors.ts';
import { LeaseKeeper } from './lease-keeper.ts';
import { jsonConsoleLogger, type SourceLogger } from './logger.ts';
import { StoreOffsetReader } from './offset-reader.ts';
import { toleranceSettings } from './retry-with-tolerance.ts';
import { SecretMask } from './secret-mask.ts';
import { type SourceRunSettings, sourceRunSettings } from './source-config.ts';
import { isSourcePlugin } from './source-plugin.ts';
import { type StopReason, TaskLoop } from './task-loop.ts';
import { TopicCreation } from './topic-creation.ts';

/** What the source runner works with; every dependency is passed in. */
export interface SourceRunnerOptions {
  readonly stores: Pick<Stores, 'configs' | 'offsets' | 'statuses' | 'leases'>;
  readonly registry: PluginRegistry;
  readonly producers: RecordProducerFactory;
  /** Needed only by connectors that configure `topic.creation.*`. */
  readonly topicAdmin?: TopicAdmin;
  /** Called with a producer whose send failed, so the factory can drop it (kafkajs producers may be left unusable). */
  readonly discardProducer?: (producer: RecordProducer) => Promise<void>;
  /** Written as `workerId` of the statuses the runner sets. */
  readonly workerId: string;
  /** @default jsonConsoleLogger */
  readonly logger?: SourceLogger;
  /** @default Date.now */
  readonly clock?: () => number;
  /** Lease ttl of continuous runs (renewed every third of it), ms. @default 30000 */
  readonly leaseTtlMs?: number;
}

/** One run of one task, as the schedule (or the standalone worker) asks for it. */
export interface SourceRunRequest {
  readonly connector: string;
  readonly task: number;
  /** The task-config generation the schedule was set up for. */
  readonly generation: number;
  /** Unique per run (e.g. the Lambda request id): the lease owner. */
  readonly runId: string;
  /**
   * Milliseconds left before the invocation is cut off (Lambda's `getRemainingTimeInMillis`);
   * the run's budget is this less `copycat.source.safety.margin.ms`, at most
   * `copycat.source.budget.ms`. Absent: a continuous run (standalone) that polls until `signal`
   * aborts and never stops for being idle.
   */
  readonly remainingTimeMs?: () => number;
  readonly signal?: AbortSignal;
}

/**
 * How the run ended:
 * - `completed`: it polled until its budget, idleness or the abort signal, and committed;
 * - `failed`: the task failed (status FAILED with the trace);
 * - `lease-held`: another run holds the task's lease; nothing was done;
 * - `stale-generation`: the schedule's generation is not the stored one (or the task is gone);
 * - `not-started`: the connector is PAUSED or STOPPED;
 * - `already-failed`: the task is FAILED at this generation and waits for a restart;
 * - `no-budget`: too little time was left to start;
 * - `unavailable`: Kafka (or another dependency) could not be reached to start; no status change, the next run retries;
 * - `superseded`: the generation changed while it ran; it stopped without committing;
 * - `lease-lost`: another run took the lease; it stopped without committing.
 */
export type SourceRunOutcome =
  | 'completed'
  | 'failed'
  | 'lease-held'
  | 'stale-generation'
  | 'not-started'
  | 'already-failed'
  | 'no-budget'
  | 'unavailable'
  | 'superseded'
  | 'lease-lost';

export interface SourceRunResult {
  readonly outcome: SourceRunOutcome;
  readonly stopReason?: StopReason;
  readonly polled: number;
  readonly sent: number;
  readonly skipped: number;
  readonly commits: number;
  readonly durationMs: number;
  /** The FAILED status trace, secrets hidden. */
  readonly trace?: string;
}

const EMPTY = { polled: 0, sent: 0, skipped: 0, commits: 0 } as const;

/**
 * Runs source tasks (Kafka Connect's `WorkerSourceTask`, one run at a time): lease → generation
 * check → task config and offsets → `start` → poll loop → final commit → `stop` → lease release
 * → status. One instance serves every run of a process; a Lambda keeps it at module level.
 */
export class SourceRunner {
  readonly #o: SourceRunnerOptions;
  readonly #clock: () => number;
  readonly #logger: SourceLogger;
  /** Topic creation state per connector config version: topics already checked stay known across warm runs. */
  readonly #topicCreations = new Map<string, { version: number; creation: TopicCreation }>();

  constructor(options: SourceRunnerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
    this.#logger = options.logger ?? jsonConsoleLogger;
  }

  async run(request: SourceRunRequest): Promise<SourceRunResult> {
    const started = this.#clock();
    const { connector, task: taskId, generation } = request;
    const { configs, statuses, leases } = this.#o.stores;
    const done = (outcome: SourceRunOutcome, extra: Partial<SourceRunResult> = {}): SourceRunResult => {
      const result = { outcome, ...EMPTY, ...extra, durationMs: this.#clock() - started };
      this.#logger.info(`Source task run ${outcome}.`, {
        connector,
        task: taskId,
        generation,
        runId: request.runId,
        ...result,
        trace: undefined,
      });
      return result;
    };

    const [record, tasks] = await Promise.all([configs.get(connector), configs.getTasks(connector)]);
    const taskConfig = tasks?.tasks[taskId];
    if (record === undefined || tasks === undefined || tasks.generation !== generation || taskConfig === undefined)
      return done('stale-generation');
    if (record.targetState !== 'STARTED') return done('not-started');
    const current = (await statuses.get(connector)).tasks.find((status) => status.id === taskId);
    if (current?.state === 'FAILED' && current.generation === generation) return done('already-failed');

    const mask = SecretMask.of([record.config, taskConfig]);
    let settings: SourceRunSettings;
    try {
      settings = sourceRunSettings(record.config);
    } catch (error) {
      return done('failed', { trace: await this.#fail(connector, taskId, generation, error, mask) });
    }
    const remaining = request.remainingTimeMs?.();
    const budgetMs =
      remaining === undefined
        ? Number.POSITIVE_INFINITY
        : Math.min(settings.budgetMs ?? Number.POSITIVE_INFINITY, remaining - settings.safetyMarginMs);
    if (budgetMs <= 0) return done('no-budget');
    const deadline = started + budgetMs;
    const continuousTtl = this.#o.leaseTtlMs ?? 30_000;
    const ttlMs = () => (Number.isFinite(deadline) ? Math.max(deadline - this.#clock(), 0) + settings.safetyMarginMs : continuousTtl);

    let token: LeaseToken;
    try {
      token = await leases.acquire(connector, taskId, { owner: request.runId, ttlMs: ttlMs(), generation });
    } catch (error) {
      if (error instanceof LeaseHeldError) return done('lease-held');
      throw error;
    }
    let loop: TaskLoop | undefined;
    const keeper = new LeaseKeeper(leases, token, {
      intervalMs: Math.max(250, Math.min(Number.isFinite(deadline) ? 10_000 : continuousTtl / 3, ttlMs() / 3)),
      ttlMs,
      onLost: () => loop?.requestStop('lease-lost'),
      onError: (error) =>
        this.#logger.warn('Lease renewal failed; retrying.', { connector, task: taskId, error: mask.apply(String(error)) }),
    });
    try {
      const prepared = await this.#prepare(record, connector);
      if (!prepared.ok && isRetriable(prepared.error)) {
        this.#logger.warn('Source task could not start for now; the next run tries again.', {
          connector,
          task: taskId,
          error: mask.apply(prepared.error instanceof Error ? prepared.error.message : String(prepared.error)),
        });
        return done('unavailable');
      }
      if (!prepared.ok)
        return done('failed', {
          trace: await this.#fail(
            connector,
            taskId,
            generation,
            prepared.error,
            SecretMask.of([record.config, taskConfig], [prepared.def]),
          ),
        });
      const { task, producer, path, def } = prepared;
      const taskMask = SecretMask.of([record.config, taskConfig], [def]);
      task.initialize({ configs: taskConfig, offsetStorageReader: new StoreOffsetReader(this.#o.stores.offsets, connector) });
      try {
        await task.start(taskConfig);
      } catch (error) {
        // Kafka Connect stops only a task that started.
        return done('failed', { trace: await this.#fail(connector, taskId, generation, error, taskMask) });
      }
      loop = new TaskLoop({
        connector,
        taskId,
        generation,
        task,
        path,
        producer,
        topicCreation: this.#topicCreation(record),
        topicAdmin: this.#o.topicAdmin,
        configs,
        offsets: this.#o.stores.offsets,
        lease: keeper,
        settings,
        tolerance: toleranceSettings(record.config),
        errorsLog: {
          enabled: record.config['errors.log.enable']?.trim().toLowerCase() === 'true',
          includeMessages: record.config['errors.log.include.messages']?.trim().toLowerCase() === 'true',
        },
        mask: taskMask,
        logger: this.#logger,
        clock: this.#clock,
        deadline,
        stopWhenIdle: request.remainingTimeMs !== undefined,
        signal: request.signal,
      });
      const result = await loop.run();
      path.chain.close();
      const counts = {
        polled: result.polled,
        sent: result.sent,
        skipped: result.skipped,
        commits: result.commits,
        stopReason: result.stopReason,
      };
      if (result.stopReason === 'failed') {
        if (isProduceFailure(result.failure)) await this.#o.discardProducer?.(producer).catch(() => undefined);
        return done('failed', { ...counts, trace: await this.#fail(connector, taskId, generation, result.failure, taskMask) });
      }
      if (result.stopReason === 'lease-lost' || result.stopReason === 'superseded') return done(result.stopReason, counts);
      if (current?.state !== 'RUNNING' || current.generation !== generation)
        await this.#putStatus(connector, taskId, { state: 'RUNNING', generation });
      return done('completed', counts);
    } finally {
      keeper.stop();
      if (keeper.lost === undefined)
        await keeper
          .release()
          .catch((error: unknown) =>
            this.#logger.warn('Lease release failed; it expires by itself.', { connector, task: taskId, error: mask.apply(String(error)) }),
          );
    }
  }

  async #prepare(
    record: ConnectorConfigRecord,
    connector: string,
  ): Promise<
    | {
        ok: true;
        task: SourceTask;
        producer: RecordProducer;
        path: ReturnType<typeof buildRecordPath>;
        def: ReturnType<SourceConnector['config']> | undefined;
      }
    | { ok: false; error: unknown; def: ReturnType<SourceConnector['config']> | undefined }
  > {
    const className = record.config['connector.class']?.trim() ?? '';
    const plugin = this.#o.registry.find('source', className);
    if (!isSourcePlugin(plugin)) return { ok: false, error: new NotASourceConnectorError(connector, className), def: undefined };
    let def: ReturnType<SourceConnector['config']> | undefined;
    try {
      def = plugin.create().config();
      const path = buildRecordPath(record.config, this.#o.registry);
      const producer = await this.#o.producers.producer(producerOverrides(record.config));
      return { ok: true, task: plugin.createTask(), producer, path, def };
    } catch (error) {
      return { ok: false, error, def };
    }
  }

  #topicCreation(record: ConnectorConfigRecord): TopicCreation {
    const cached = this.#topicCreations.get(record.name);
    if (cached !== undefined && cached.version === record.version) return cached.creation;
    const creation = TopicCreation.fromConfig(record.config);
    this.#topicCreations.set(record.name, { version: record.version, creation });
    return creation;
  }

  async #fail(connector: string, taskId: number, generation: number, error: unknown, mask: SecretMask): Promise<string> {
    const trace = traceOf(error, mask);
    this.#logger.error('Source task failed.', { connector, task: taskId, generation, trace });
    await this.#putStatus(connector, taskId, { state: 'FAILED', generation, trace });
    return trace;
  }

  async #putStatus(
    connector: string,
    taskId: number,
    status: { state: 'RUNNING' | 'FAILED'; generation: number; trace?: string },
  ): Promise<void> {
    try {
      await this.#o.stores.statuses.putTask(connector, taskId, { ...status, workerId: this.#o.workerId });
    } catch (error) {
      // A newer generation reported already: this run's word no longer counts.
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
}

function isProduceFailure(error: unknown): boolean {
  return error instanceof ProduceError;
}

function isRetriable(error: unknown): boolean {
  return error instanceof CopycatError && error.retriable;
}

/** A run's figures for the metrics (EMF in AWS, the live view locally). */
export function sourceRunMetrics(result: SourceRunResult): TaskMetrics {
  return {
    recordsIn: result.polled,
    recordsOut: result.sent,
    errors: result.skipped + (result.outcome === 'failed' ? 1 : 0),
    deadLettered: 0,
  };
}
