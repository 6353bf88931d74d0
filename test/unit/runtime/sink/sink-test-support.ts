// Helpers shared by the sink runtime tests: a plugin registry with what the tests configure, a
// recording producer (the port, not kafkajs), a scriptable sink task and a clock that never waits.
import type { ConnectorProps } from '../../../../shared/api/connector/connector.ts';
import type { PartitionOffsets, SinkTask, SinkTaskContext, TopicPartition } from '../../../../shared/api/connector/sink-task.ts';
import type { SinkRecord } from '../../../../shared/api/record/sink-record.ts';
import { JsonConverter } from '../../../../shared/converters/json/json-converter.ts';
import type { ProducedRecordMetadata, ProducerRecord, RecordProducer } from '../../../../shared/kafka/record-producer.ts';
import type { PluginDescriptor } from '../../../../shared/plugins/plugin.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import type { KafkaMessage } from '../../../../shared/runtime/kafka-message.ts';
import type { RetryClock } from '../../../../shared/runtime/sink/retry.ts';
import { plugins as cast } from '../../../../shared/transforms/cast.ts';

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

/** JsonConverter (as converter and header converter) and Cast: what the sink tests' configs name. */
export const testRegistry = new PluginRegistry([
  { kind: 'converter', className: JSON_CONVERTER, create: () => new JsonConverter() },
  { kind: 'header-converter', className: JSON_CONVERTER, create: () => new JsonConverter() },
  ...(cast as PluginDescriptor[]),
]);

/** Schemaless JSON keys, values and headers. */
export const jsonProps: Record<string, string> = {
  'key.converter': 'JsonConverter',
  'key.converter.schemas.enable': 'false',
  'value.converter': 'JsonConverter',
  'value.converter.schemas.enable': 'false',
  'header.converter': 'JsonConverter',
  'header.converter.schemas.enable': 'false',
};

const utf8 = new TextEncoder();

export function message(topic: string, partition: number, offset: number, value: string | null, key: string | null = null): KafkaMessage {
  return {
    topic,
    partition,
    offset,
    timestamp: 1_700_000_000_000 + offset,
    key: key === null ? null : utf8.encode(key),
    value: value === null ? null : utf8.encode(value),
    headers: [{ key: 'trace', value: utf8.encode('"abc"') }],
  };
}

export class RecordingProducer implements RecordProducer {
  readonly sent: ProducerRecord[] = [];
  failWith: Error | undefined;

  async send(records: readonly ProducerRecord[]): Promise<ProducedRecordMetadata[]> {
    if (this.failWith) throw this.failWith;
    this.sent.push(...records);
    return records.map((record, i) => ({
      topic: record.topic,
      partition: 0,
      offset: this.sent.length - records.length + i,
      timestamp: null,
    }));
  }

  async close(): Promise<void> {}
}

/** A sink task that records its calls; `onPut` decides what each put does. */
export class ScriptedSinkTask implements SinkTask {
  readonly calls: string[] = [];
  readonly written: SinkRecord[] = [];
  context: SinkTaskContext | undefined;
  onPut: (records: readonly SinkRecord[], context: SinkTaskContext) => Promise<void> | void = () => undefined;
  onPreCommit: ((offsets: PartitionOffsets) => PartitionOffsets) | undefined;

  version(): string {
    return '1';
  }

  initialize(context: SinkTaskContext): void {
    this.context = context;
    this.calls.push('initialize');
  }

  start(_props: ConnectorProps): void {
    this.calls.push('start');
  }

  open(partitions: readonly TopicPartition[]): void {
    this.calls.push(`open ${partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}`);
  }

  async put(records: readonly SinkRecord[]): Promise<void> {
    this.calls.push(`put ${records.length}`);
    await this.onPut(records, this.context as SinkTaskContext);
    this.written.push(...records);
  }

  flush(offsets: PartitionOffsets): void {
    this.calls.push(`flush ${[...offsets.entries()].map(([id, entry]) => `${id}=${entry.offset}`).join(',')}`);
  }

  close(partitions: readonly TopicPartition[]): void {
    this.calls.push(`close ${partitions.map((p) => `${p.topic}-${p.partition}`).join(',')}`);
  }

  stop(): void {
    this.calls.push('stop');
  }
}

/** A clock whose sleeps only advance time, recording each. */
export function fakeClock(start = 1_000_000): RetryClock & { readonly sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
}
