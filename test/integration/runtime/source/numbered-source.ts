// A source for runtime tests: records 1..count, `per.poll` at a time, `delay.ms` apart, keyed
// `key-<n % 3>`, one source partition {"source": "numbers"} with offset {"n": <n>}. It resumes
// after the committed offset, so a restart continues the sequence.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigDef } from '../../../../shared/api/config/index.ts';
import type { ConnectorProps, SourceConnector } from '../../../../shared/api/connector/connector.ts';
import type { SourceTask, SourceTaskContext } from '../../../../shared/api/connector/source-task.ts';
import { Schemas } from '../../../../shared/api/data/index.ts';
import { SourceRecord } from '../../../../shared/api/record/source-record.ts';
import type { SourcePluginDescriptor } from '../../../../shared/runtime/source/source-plugin.ts';

export const NUMBERS_PARTITION = { source: 'numbers' } as const;

export class NumberedSourceConnector implements SourceConnector {
  readonly type = 'source' as const;
  #props: ConnectorProps = {};
  version = () => 'test';
  start(props: ConnectorProps): void {
    this.#props = props;
  }
  taskClass = () => 'NumberedSourceTask';
  taskConfigs = () => [this.#props];
  stop(): void {}
  config = () => new ConfigDef();
}

export class NumberedSourceTask implements SourceTask {
  #context: SourceTaskContext | undefined;
  #next = 1;
  #count = 0;
  #perPoll = 10;
  #delayMs = 0;
  #topic = '';
  #stopped = new AbortController();

  version = () => 'test';
  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }
  async start(props: ConnectorProps): Promise<void> {
    this.#count = Number(props.count ?? '100');
    this.#perPoll = Number(props['per.poll'] ?? '10');
    this.#delayMs = Number(props['delay.ms'] ?? '0');
    this.#topic = props.topic ?? 'numbers';
    const offset = await this.#context?.offsetStorageReader.offset(NUMBERS_PARTITION);
    this.#next = typeof offset?.n === 'number' ? offset.n + 1 : 1;
    // The crash-loop test kills its child only once a run is under way, and checks where each run resumed.
    if (props.announce === 'true') process.stdout.write(`resumed after ${this.#next - 1}\n`);
  }
  async poll(): Promise<SourceRecord[] | null> {
    if (this.#delayMs > 0) await sleep(this.#delayMs, undefined, { signal: this.#stopped.signal }).catch(() => undefined);
    if (this.#stopped.signal.aborted || this.#next > this.#count) return null;
    const records: SourceRecord[] = [];
    for (let i = 0; i < this.#perPoll && this.#next <= this.#count; i++, this.#next++)
      records.push(
        new SourceRecord({
          sourcePartition: NUMBERS_PARTITION,
          sourceOffset: { n: this.#next },
          topic: this.#topic,
          kafkaPartition: null,
          keySchema: Schemas.STRING,
          key: `key-${this.#next % 3}`,
          valueSchema: Schemas.STRING,
          value: String(this.#next),
          timestamp: null,
        }),
      );
    return records;
  }
  stop(): void {
    this.#stopped.abort();
  }
}

export const numberedSourcePlugin: SourcePluginDescriptor = {
  kind: 'source',
  className: 'test.NumberedSourceConnector',
  aliases: ['NumberedSource'],
  create: () => new NumberedSourceConnector(),
  createTask: () => new NumberedSourceTask(),
};

/** The connector config of a numbered source writing strings to `topic`. */
export function numberedConfig(topic: string, settings: Record<string, string> = {}): Record<string, string> {
  return {
    'connector.class': 'NumberedSource',
    topic,
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    ...settings,
  };
}
