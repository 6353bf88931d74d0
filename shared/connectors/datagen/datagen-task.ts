import { setTimeout as sleep } from 'node:timers/promises';
import { AbstractConfig } from '../../api/config/index.ts';
import type { ConnectorProps } from '../../api/connector/connector.ts';
import type { SourceTask, SourceTaskContext } from '../../api/connector/source-task.ts';
import { Schemas } from '../../api/data/index.ts';
import { ConnectException } from '../../api/errors.ts';
import { Headers } from '../../api/record/headers.ts';
import { SourceRecord } from '../../api/record/source-record.ts';
import {
  BATCH_SIZE_CONF,
  DATAGEN_CONFIG_DEF,
  DATAGEN_VERSION,
  ITERATIONS_CONF,
  KAFKA_TOPIC_CONF,
  MAXINTERVAL_CONF,
  QUICKSTART_CONF,
  RANDOM_SEED_CONF,
  RECORDS_PER_SECOND_CONF,
} from './datagen-config.ts';
import { QUICKSTARTS, type Quickstart } from './quickstarts.ts';
import { SeededRandom } from './seeded-random.ts';

export const TASK_ID = 'task.id';
export const TASK_GENERATION = 'task.generation';
export const CURRENT_ITERATION = 'current.iteration';
export const RANDOM_SEED = 'random.seed';

/**
 * Confluent's `DatagenTask`: quickstart records keyed by the quickstart's key field, with the
 * `task.generation`, `task.id` and `current.iteration` headers. Source partition
 * `{"task.id": <id>}`; each record's offset is the task's next state
 * (`{"task.generation", "current.iteration", "random.seed"}`): the generator is re-seeded after
 * every record, so a restart from the committed offset continues the very same sequence.
 */
export class DatagenTask implements SourceTask {
  #context: SourceTaskContext | undefined;
  #topic = '';
  #quickstart: Quickstart = QUICKSTARTS.orders as Quickstart;
  #maxIntervalMs = 500;
  #recordsPerSecond: number | null = null;
  #iterations = -1;
  #batchSize = 1000;
  #taskId = 0;
  #generation = 0;
  #count = 0;
  #seed = 0;
  #startedAt = 0;
  #emittedSinceStart = 0;
  readonly #stopped = new AbortController();

  version(): string {
    return DATAGEN_VERSION;
  }

  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  async start(props: ConnectorProps): Promise<void> {
    const config = new AbstractConfig(DATAGEN_CONFIG_DEF, props);
    this.#topic = config.getString(KAFKA_TOPIC_CONF) as string;
    this.#quickstart = QUICKSTARTS[config.getString(QUICKSTART_CONF) as string] as Quickstart;
    this.#maxIntervalMs = Number(config.getLong(MAXINTERVAL_CONF));
    this.#recordsPerSecond = config.getDouble(RECORDS_PER_SECOND_CONF);
    this.#iterations = config.getInt(ITERATIONS_CONF) as number;
    this.#batchSize = config.getInt(BATCH_SIZE_CONF) as number;
    this.#taskId = Number.parseInt(props[TASK_ID] ?? '0', 10);
    const configuredSeed = config.getLong(RANDOM_SEED_CONF);
    // Each task of a seeded connector draws its own sequence.
    this.#seed =
      configuredSeed === null
        ? Math.floor(Math.random() * 2 ** 32)
        : Number(BigInt.asUintN(32, BigInt(configuredSeed) + BigInt(this.#taskId)));
    const offset = await this.#context?.offsetStorageReader.offset({ [TASK_ID]: this.#taskId });
    if (offset !== null && offset !== undefined) {
      const numbers = [offset[TASK_GENERATION], offset[CURRENT_ITERATION], offset[RANDOM_SEED]];
      if (!numbers.every((value) => typeof value === 'number' && Number.isSafeInteger(value)))
        throw new ConnectException(
          `Datagen offset of task ${this.#taskId} is not {"task.generation", "current.iteration", "random.seed"} numbers`,
        );
      const [generation, count, seed] = numbers as [number, number, number];
      this.#generation = generation;
      this.#count = count;
      this.#seed = seed;
    }
    this.#startedAt = Date.now();
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.#stopped.signal.aborted || this.#done()) return null;
    let wanted: number;
    if (this.#recordsPerSecond !== null) {
      const due = Math.floor(((Date.now() - this.#startedAt) / 1000) * this.#recordsPerSecond) - this.#emittedSinceStart;
      if (due <= 0) {
        await this.#wait(Math.ceil(1000 / this.#recordsPerSecond));
        return null;
      }
      wanted = Math.min(due, this.#batchSize);
    } else if (this.#maxIntervalMs > 0) {
      // Confluent's pacing: one record per poll, after a random wait up to max.interval.
      await this.#wait(Math.floor(Math.random() * this.#maxIntervalMs));
      if (this.#stopped.signal.aborted) return null;
      wanted = 1;
    } else wanted = this.#batchSize;
    const records: SourceRecord[] = [];
    while (records.length < wanted && !this.#done()) records.push(this.#next());
    this.#emittedSinceStart += records.length;
    return records;
  }

  stop(): void {
    this.#stopped.abort();
  }

  /** `iterations` reached: Confluent's task fails the task here; Copycat's just has nothing more to give. */
  #done(): boolean {
    return this.#iterations > 0 && this.#count >= this.#iterations;
  }

  #next(): SourceRecord {
    const random = new SeededRandom(this.#seed);
    const value = this.#quickstart.generate(this.#count, random);
    const nextSeed = random.nextUint32();
    const headers = new Headers()
      .add(TASK_GENERATION, BigInt(this.#generation), Schemas.INT64)
      .add(TASK_ID, BigInt(this.#taskId), Schemas.INT64)
      .add(CURRENT_ITERATION, BigInt(this.#count), Schemas.INT64);
    const keyField = this.#quickstart.keyField;
    const record = new SourceRecord({
      sourcePartition: { [TASK_ID]: this.#taskId },
      // The state the next task lifetime restores: the next generation, the next iteration, the next seed.
      sourceOffset: { [TASK_GENERATION]: this.#generation + 1, [CURRENT_ITERATION]: this.#count + 1, [RANDOM_SEED]: nextSeed },
      topic: this.#topic,
      kafkaPartition: null,
      keySchema: this.#quickstart.valueSchema.fields.find((field) => field.name === keyField)?.schema ?? null,
      key: value.get(keyField),
      valueSchema: this.#quickstart.valueSchema,
      value,
      timestamp: null,
      headers,
    });
    this.#seed = nextSeed;
    this.#count++;
    return record;
  }

  async #wait(ms: number): Promise<void> {
    if (ms > 0) await sleep(ms, undefined, { signal: this.#stopped.signal }).catch(() => undefined);
  }
}
