import type { IHeaders, Message, PartitionerArgs, Producer, RecordMetadata } from 'kafkajs';
import { CompressionTypes } from 'kafkajs';
import { describeKafkaError, isRetriableKafkaError, ProduceError } from './errors.ts';
import { partitionForKey, StickyPartitioner } from './partitioner.ts';
import type { ProducerOptions } from './producer-options.ts';
import type { ProducedRecordMetadata, ProducerRecord, RecordProducer } from './record-producer.ts';

// The partition chosen for a message rides on the message itself (kafkajs encodes only its known fields):
// cheaper than a side table for every record produced.
const CHOSEN = Symbol('copycat.chosenPartition');
type Remembered = Message & { [CHOSEN]?: number };

/**
 * Chooses partitions as Kafka's Java producer does (murmur2 for keys, sticky for null keys) and
 * remembers each message's choice, so that a retried request sends every message to the same
 * partition and the adapter can tell each record's offset.
 */
export class RememberingPartitioner {
  /** The partitions with a leader, per metadata array (kafkajs passes the same one for a whole send). */
  readonly #available = new WeakMap<object, number[]>();
  readonly #sticky: StickyPartitioner;
  readonly #ignoreKeys: boolean;

  constructor(options: Pick<ProducerOptions, 'batchSize' | 'ignoreKeys'>) {
    this.#sticky = new StickyPartitioner(options.batchSize);
    this.#ignoreKeys = options.ignoreKeys;
  }

  /** The kafkajs partitioner function. */
  readonly partition = ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
    const known = (message as Remembered)[CHOSEN];
    if (known !== undefined && known < partitionMetadata.length) return known;
    let partition: number;
    if (typeof message.partition === 'number') partition = message.partition;
    else if (message.key != null && !this.#ignoreKeys) partition = partitionForKey(message.key as Buffer, partitionMetadata.length);
    else {
      let available = this.#available.get(partitionMetadata);
      if (available === undefined) {
        available = partitionMetadata.filter((p) => p.leader >= 0).map((p) => p.partitionId);
        this.#available.set(partitionMetadata, available);
      }
      const size = (message.key?.length ?? 0) + (message.value?.length ?? 0);
      partition = this.#sticky.partition(topic, partitionMetadata.length, size, available);
    }
    (message as Remembered)[CHOSEN] = partition;
    return partition;
  };

  chosen(message: Message): number | undefined {
    return (message as Remembered)[CHOSEN];
  }
}

/** The {@link RecordProducer} on a connected kafkajs producer. */
export class KafkajsRecordProducer implements RecordProducer {
  readonly #producer: Producer;
  readonly #partitioner: RememberingPartitioner;
  readonly #options: ProducerOptions;
  readonly #onClose: () => void;

  constructor(producer: Producer, partitioner: RememberingPartitioner, options: ProducerOptions, onClose: () => void = () => undefined) {
    this.#producer = producer;
    this.#partitioner = partitioner;
    this.#options = options;
    this.#onClose = onClose;
  }

  async send(records: readonly ProducerRecord[]): Promise<ProducedRecordMetadata[]> {
    if (records.length === 0) return [];
    const now = Date.now();
    const messages: Message[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const message: Message = {
        key: record.key === null ? null : toBuffer(record.key),
        value: record.value === null ? null : toBuffer(record.value),
        timestamp: String(record.timestamp ?? now),
        ...(record.partition === null ? {} : { partition: record.partition }),
        ...(record.headers.length === 0 ? {} : { headers: toHeaders(record.headers) }),
      };
      messages.push(message);
      const list = byTopic.get(record.topic);
      if (list === undefined) byTopic.set(record.topic, [message]);
      else list.push(message);
    }
    let response: RecordMetadata[];
    try {
      response = await this.#producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, topicMessages]) => ({ topic, messages: topicMessages })),
        acks: this.#options.acks,
        timeout: this.#options.requestTimeoutMs,
        compression: this.#options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      });
    } catch (error) {
      const topics = [...byTopic.keys()].join(', ');
      throw new ProduceError(`Kafka did not acknowledge ${records.length} record(s) for topic(s) ${topics}: ${describeKafkaError(error)}`, {
        cause: error,
        retriable: isRetriableKafkaError(error),
      });
    }
    const base = new Map<string, { offset: number; logAppendTime: number }>();
    for (const entry of response)
      base.set(`${entry.topicName}\u0000${entry.partition}`, {
        offset: Number(entry.baseOffset ?? entry.offset ?? -1),
        logAppendTime: Number(entry.logAppendTime ?? -1),
      });
    const next = new Map<string, number>();
    return records.map((record, index): ProducedRecordMetadata => {
      const message = messages[index] as Message;
      const partition = this.#partitioner.chosen(message) ?? record.partition ?? -1;
      const key = `${record.topic}\u0000${partition}`;
      const batch = base.get(key);
      const position = next.get(key) ?? 0;
      next.set(key, position + 1);
      const offset = batch === undefined || batch.offset < 0 ? -1 : batch.offset + position;
      const timestamp = batch !== undefined && batch.logAppendTime >= 0 ? batch.logAppendTime : Number(message.timestamp);
      return { topic: record.topic, partition, offset, timestamp };
    });
  }

  async close(): Promise<void> {
    this.#onClose();
    await this.#producer.disconnect();
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** kafkajs keys headers by name; repeated names become arrays (their relative order is kept per name). */
function toHeaders(headers: ProducerRecord['headers']): IHeaders {
  const byName = new Map<string, (Buffer | null)[]>();
  for (const { key, value } of headers) {
    const values = byName.get(key) ?? [];
    values.push(value === null ? null : toBuffer(value));
    byName.set(key, values);
  }
  // kafkajs writes a null header value as Kafka's null (length -1), though its types only admit Buffer | string.
  return Object.fromEntries([...byName].map(([key, values]) => [key, values.length === 1 ? values[0] : values])) as IHeaders;
}
