import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ConsumerGroupSinkOffsets } from '../control/consumer-group-sink-offsets.ts';
import { Herder } from '../control/herder.ts';
import { type RestServer, startRestServer } from '../control/local/http-server.ts';
import { LocalEventSourceMappings } from '../control/local/local-event-source-mapping.ts';
import { LocalScheduler, type TaskInvocation } from '../control/local/local-scheduler.ts';
import type { SinkMapping } from '../control/ports/event-source-mapping.ts';
import type { TaskSchedule } from '../control/ports/scheduler.ts';
import { Reconciler } from '../control/reconciler/reconciler.ts';
import { reconcilerHooks } from '../control/reconciler-hooks.ts';
import { createRestRouter } from '../control/rest/router.ts';
import type { KafkaConnection } from '../kafka/client.ts';
import { ConsumerGroupOffsets } from '../kafka/consumer-group-offsets.ts';
import { KafkaClients } from '../kafka/kafka-clients.ts';
import { topicsMatching } from '../kafka/topics.ts';
import { builtInPlugins } from '../plugins/built-in.ts';
import { connectorSecretKeys } from '../plugins/connector-secret-keys.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { MetricsTotals } from '../runtime/metrics.ts';
import { SinkWorker } from '../runtime/sink/sink-worker.ts';
import { SourceRunner, sourceRunMetrics } from '../runtime/source/source-runner.ts';
import { createDynamoDbClient } from '../stores/dynamodb/client.ts';
import { createDynamoDbStores } from '../stores/dynamodb/stores.ts';
import { ensureTable } from '../stores/dynamodb/table.ts';
import { LocalSecretSealer } from '../stores/sealed/local-secret-sealer.ts';
import { withSealedConfigs } from '../stores/sealed/with-sealed-configs.ts';
import type { Stores } from '../stores/stores.ts';
import { stackDataDir } from './stack/stack-paths.ts';

/** How to run the standalone worker. */
export interface StandaloneOptions {
  readonly kafka: KafkaConnection;
  readonly dynamoDbEndpoint: string;
  /** The state table in DynamoDB Local. @default copycat-standalone */
  readonly tableName?: string;
  /** @default 127.0.0.1 */
  readonly restHost?: string;
  /** @default 8083; 0 picks a free port */
  readonly restPort?: number;
  /** @default the built-in plugins */
  readonly registry?: PluginRegistry;
  /**
   * How long one local source run polls before it commits and the next run starts, ms. Short
   * runs keep the live figures fresh and make pause/stop take effect quickly. @default 5000
   */
  readonly sourceRunMs?: number;
  /** Where problems are reported. @default console.error */
  readonly log?: (line: string) => void;
  /** How often every connector is reconciled again, ms. @default 5000 */
  readonly reconcileIntervalMs?: number;
  /**
   * The key file that seals connector secrets in the state table (made on first use; keep it with
   * the DynamoDB Local data, which cannot be read without it). @default .stack/secrets.key
   */
  readonly secretsKeyFile?: string;
}

/** The margin a source run keeps before its deadline (the runtime's `copycat.source.safety.margin.ms` default). */
const SOURCE_SAFETY_MARGIN_MS = 10_000;
/** What Lambda waits to gather Kafka records when a mapping leaves its batching window unset. */
const LAMBDA_KAFKA_BATCHING_WINDOW_MS = 500;

/**
 * One process running everything the Lambdas run in AWS, like `connect-standalone`: the REST API
 * on 127.0.0.1:8083, the reconciler with in-process schedules and event source mappings, source
 * tasks through the source runner and sinks through the sink worker, on a real Kafka broker and
 * DynamoDB Local. The handlers are the same code as the functions'.
 */
export class StandaloneWorker {
  readonly stores: Stores;
  readonly herder: Herder;
  readonly reconciler: Reconciler;
  readonly metrics: MetricsTotals;
  readonly rest: RestServer;
  readonly #scheduler: LocalScheduler;
  readonly #mappings: LocalEventSourceMappings;
  readonly #shutdown: AbortController;
  readonly #closers: readonly (() => Promise<void>)[];
  #closing: Promise<void> | undefined;

  private constructor(parts: {
    stores: Stores;
    herder: Herder;
    reconciler: Reconciler;
    metrics: MetricsTotals;
    rest: RestServer;
    scheduler: LocalScheduler;
    mappings: LocalEventSourceMappings;
    shutdown: AbortController;
    closers: (() => Promise<void>)[];
  }) {
    this.stores = parts.stores;
    this.herder = parts.herder;
    this.reconciler = parts.reconciler;
    this.metrics = parts.metrics;
    this.rest = parts.rest;
    this.#scheduler = parts.scheduler;
    this.#mappings = parts.mappings;
    this.#shutdown = parts.shutdown;
    this.#closers = parts.closers;
  }

  static async start(options: StandaloneOptions): Promise<StandaloneWorker> {
    const registry = options.registry ?? builtInPlugins;
    const log = options.log ?? ((line: string) => console.error(line));
    const workerId = `standalone-${process.pid}`;
    const runMs = options.sourceRunMs ?? 5000;
    const client = createDynamoDbClient(options.dynamoDbEndpoint);
    const tableName = options.tableName ?? 'copycat-standalone';
    await ensureTable(client, tableName);
    const stores = withSealedConfigs(
      createDynamoDbStores({ client, tableName }),
      LocalSecretSealer.fromKeyFile(options.secretsKeyFile ?? join(stackDataDir, 'secrets.key')),
      connectorSecretKeys(registry),
    );
    const kafka = new KafkaClients(options.kafka);
    const metrics = new MetricsTotals();
    const shutdown = new AbortController();

    const sources = new SourceRunner({
      stores,
      registry,
      producers: kafka,
      topicAdmin: kafka,
      discardProducer: (producer) => kafka.discard(producer),
      workerId,
    });
    const runSource = async ({ connector, task, generation }: TaskInvocation): Promise<boolean> => {
      if (shutdown.signal.aborted) return false;
      const deadline = Date.now() + runMs + SOURCE_SAFETY_MARGIN_MS;
      const result = await sources.run({
        connector,
        task,
        generation,
        runId: randomUUID(),
        remainingTimeMs: () => deadline - Date.now(),
        signal: shutdown.signal,
      });
      metrics.record(connector, task, sourceRunMetrics(result));
      // Stopped at its budget with records still coming: the next run starts at once, so the task polls without a gap.
      return result.stopReason === 'budget';
    };
    // A local "minute" is a second: a source task that went idle runs again a second after its previous run ended.
    const scheduler = new LocalScheduler({
      invoke: runSource,
      msPerMinute: 1000,
      onError: (error, at) => log(`source ${at.connector}/${at.task}: ${String(error)}`),
    });
    const sinks = new SinkWorker({
      configs: stores.configs,
      statuses: stores.statuses,
      registry,
      producers: kafka,
      topicAdmin: kafka,
      workerId,
      metrics,
      log,
    });
    const mappings = new LocalEventSourceMappings({
      connection: options.kafka,
      handler: (event, mapping) =>
        sinks.handle({ connector: mapping.connector, event, reportBatchItemFailures: mapping.reportBatchItemFailures }),
      minimumBatchingWindowMs: LAMBDA_KAFKA_BATCHING_WINDOW_MS,
      // A restarted worker gets its sinks' partitions back in seconds, not after kafkajs's minute-long default.
      rebalanceTimeoutMs: 10_000,
      log,
    });
    const reconciler = new Reconciler({
      configs: stores.configs,
      statuses: stores.statuses,
      scheduler,
      mappings,
      registry,
      topicsMatching: (pattern) => topicsMatching(options.kafka, pattern),
      workerId,
      // Lambda's default window for Kafka (0.5 s), which only an unset window gives: see minimumBatchingWindowMs.
      batchingWindowSeconds: 0,
    });
    const herder = new Herder({
      configs: stores.configs,
      statuses: stores.statuses,
      offsets: stores.offsets,
      sinkOffsets: new ConsumerGroupSinkOffsets({
        configs: stores.configs,
        groups: new ConsumerGroupOffsets(options.kafka),
        topicsMatching: (pattern) => topicsMatching(options.kafka, pattern),
      }),
      registry,
      ...reconcilerHooks(reconciler, { reconcileOnChange: true }),
      workerId,
      logger: { warn: (message, error) => log(`${message} ${error === undefined ? '' : String(error)}`) },
    });
    const rest = await startRestServer({
      router: createRestRouter(herder),
      host: options.restHost ?? '127.0.0.1',
      port: options.restPort ?? 8083,
    });
    // Whatever was configured in an earlier run starts again: schedules and mappings live in this process only.
    await reconciler.reconcileAll().catch((error: unknown) => log(`reconcile: ${String(error)}`));
    // Then every few seconds, as the platform's periodic reconcile does in AWS: it repairs what a
    // failed reconcile left (a sink created before its topic exists) and picks up new topics.
    const periodic = setInterval(() => {
      reconciler.reconcileAll().catch((error: unknown) => log(`reconcile: ${error instanceof Error ? error.message : String(error)}`));
    }, options.reconcileIntervalMs ?? 5000);
    periodic.unref();
    return new StandaloneWorker({
      stores,
      herder,
      reconciler,
      metrics,
      rest,
      scheduler,
      mappings,
      shutdown,
      closers: [
        async () => clearInterval(periodic),
        () => rest.close(),
        () => scheduler.close(),
        () => mappings.close(),
        () => sinks.close(),
        () => kafka.close(),
        async () => {
          stores.close();
          client.destroy();
        },
      ],
    });
  }

  /** The source task schedules this worker runs. */
  schedules(): Promise<TaskSchedule[]> {
    return this.#scheduler.list();
  }

  /** The sink event source mappings this worker runs. */
  mappings(): Promise<SinkMapping[]> {
    return this.#mappings.list();
  }

  /**
   * Stops within seconds: source runs finish the batch in flight, commit and release their
   * leases; mappings finish the batch in flight and commit; sinks close their partitions.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#shutdown.abort();
      for (const close of this.#closers) await close();
    })();
    return this.#closing;
  }
}
