import type { KafkaHeader } from '../api/record/kafka-header.ts';
import type { TimestampType } from '../api/record/sink-record.ts';
import { CopycatError } from '../errors.ts';
import type { KafkaMessage } from '../runtime/kafka-message.ts';

// The event a Lambda function receives from a Kafka event source mapping (MSK or self-managed),
// as the AWS Lambda developer guide and `@types/aws-lambda` (trigger/msk.d.ts,
// trigger/self-managed-kafka.d.ts) describe it. Declared here so that nothing outside
// `functions/` depends on the Lambda type packages.

/** One header as Lambda encodes it: `{"<name>": [byte, ...]}` (signed or unsigned bytes). */
export type KafkaEventHeader = Readonly<Record<string, readonly number[]>>;

/** One record of a Kafka ESM event. `key` and `value` are base64; either may be null or absent. */
export interface KafkaEventRecord {
  readonly topic: string;
  /** A number; some older events carry it as a string. */
  readonly partition: number | string;
  readonly offset: number | string;
  readonly timestamp?: number | string | null;
  readonly timestampType?: string;
  readonly key?: string | null;
  readonly value?: string | null;
  readonly headers?: readonly KafkaEventHeader[] | null;
}

/** A Kafka ESM event: records grouped under `"<topic>-<partition>"`. */
export interface KafkaEvent {
  readonly eventSource: 'aws:kafka' | 'SelfManagedKafka' | 'aws:SelfManagedKafka';
  readonly eventSourceArn?: string;
  readonly bootstrapServers?: string;
  readonly records: Readonly<Record<string, readonly KafkaEventRecord[]>>;
}

/** One failed record of a partial batch response: Lambda resumes that partition at this offset. */
export interface BatchItemFailure {
  readonly itemIdentifier: { readonly partition: string; readonly offset: number };
}

/** The answer of a handler whose mapping reports batch item failures (`ReportBatchItemFailures`). */
export interface KafkaBatchResponse {
  readonly batchItemFailures: readonly BatchItemFailure[];
}

/** A record as the sink runtime needs it from the event: Kafka bytes, metadata and the timestamp type. */
export interface EventMessage extends KafkaMessage {
  readonly timestampType: TimestampType;
}

const EVENT_SOURCES = new Set(['aws:kafka', 'SelfManagedKafka', 'aws:SelfManagedKafka']);
const TIMESTAMP_TYPES = new Set<string>(['CREATE_TIME', 'LOG_APPEND_TIME', 'NO_TIMESTAMP_TYPE']);

/** The event is not a Kafka ESM event, or one of its records is malformed. Never retriable. */
export class InvalidKafkaEventError extends CopycatError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKafkaEventError';
  }
}

/**
 * The records of a Kafka ESM event as Kafka messages: grouped per topic-partition (in the order
 * the partitions first appear), each group in offset order. Accepts `aws:kafka`,
 * `SelfManagedKafka` and `aws:SelfManagedKafka` events, string or number partitions and offsets,
 * null or absent keys and values. Throws {@link InvalidKafkaEventError} naming the record
 * (topic/partition/offset) for anything malformed.
 */
export function parseKafkaEvent(event: unknown): EventMessage[] {
  if (!isObject(event)) throw new InvalidKafkaEventError(`A Kafka event must be a JSON object, got ${describe(event)}.`);
  const decoded = (event as { [DECODED]?: DecodedRecords })[DECODED]?.();
  if (decoded !== undefined) return [...decoded];
  if (typeof event.eventSource !== 'string' || !EVENT_SOURCES.has(event.eventSource))
    throw new InvalidKafkaEventError(
      `Not a Kafka event source mapping event: eventSource is ${describe(event.eventSource)}, expected "aws:kafka" or "SelfManagedKafka". Is the sink function invoked by something other than its event source mapping?`,
    );
  if (!isObject(event.records))
    throw new InvalidKafkaEventError(`Kafka event: "records" must be an object, got ${describe(event.records)}.`);
  const groups = new Map<string, EventMessage[]>();
  for (const [group, records] of Object.entries(event.records)) {
    if (!Array.isArray(records))
      throw new InvalidKafkaEventError(`Kafka event: records of "${group}" must be an array, got ${describe(records)}.`);
    records.forEach((record: unknown, index) => {
      const message = parseRecord(record, `record ${index} of "${group}"`);
      const key = `${message.topic}-${message.partition}`;
      const messages = groups.get(key) ?? [];
      groups.set(key, messages);
      messages.push(message);
    });
  }
  const result: EventMessage[] = [];
  for (const messages of groups.values()) {
    if (!inOffsetOrder(messages)) messages.sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < messages.length; i++) {
      const previous = messages[i - 1] as EventMessage;
      const current = messages[i] as EventMessage;
      if (previous.offset === current.offset) throw new InvalidKafkaEventError(`Kafka event: ${where(current)} appears twice.`);
    }
    result.push(...messages);
  }
  return result;
}

function inOffsetOrder(messages: readonly EventMessage[]): boolean {
  for (let i = 1; i < messages.length; i++)
    if ((messages[i - 1] as EventMessage).offset > (messages[i] as EventMessage).offset) return false;
  return true;
}

/** `"<topic>-<partition>"`: how events and batch item failures name a partition. */
export function partitionId(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/**
 * The ESM event for records consumed locally: the exact shape Lambda delivers from a self-managed
 * cluster. Its `records` (base64 and all) are built when first read; until then the event also
 * carries the records as they are, and {@link parseKafkaEvent} takes those rather than decoding
 * what was never encoded: the standalone worker's sinks skip a base64 round trip per record.
 */
export function buildKafkaEvent(
  records: readonly EventMessage[],
  options: { readonly bootstrapServers: string; readonly eventSource?: KafkaEvent['eventSource']; readonly eventSourceArn?: string },
): KafkaEvent {
  const event: Record<string | symbol, unknown> = {
    eventSource: options.eventSource ?? 'SelfManagedKafka',
    ...(options.eventSourceArn === undefined ? {} : { eventSourceArn: options.eventSourceArn }),
    bootstrapServers: options.bootstrapServers,
  };
  let grouped: Record<string, KafkaEventRecord[]> | undefined;
  Object.defineProperty(event, 'records', {
    enumerable: true,
    get: () => {
      grouped ??= groupedForEvent(records);
      return grouped;
    },
  });
  // Only records in the order parsing gives them (partitions one after the other, offsets rising) are handed over as they are.
  if (inDeliveryOrder(records)) {
    const decoded: DecodedRecords = () => (grouped === undefined ? records.map(asDelivered) : undefined);
    Object.defineProperty(event, DECODED, { value: decoded });
  }
  return event as unknown as KafkaEvent;
}

/** The records of an event built by {@link buildKafkaEvent}, while its `records` have not been read (and so not changed). */
type DecodedRecords = () => readonly EventMessage[] | undefined;
const DECODED = Symbol('copycat.decodedRecords');

function groupedForEvent(records: readonly EventMessage[]): Record<string, KafkaEventRecord[]> {
  const grouped: Record<string, KafkaEventRecord[]> = {};
  for (const record of records) {
    const id = partitionId(record.topic, record.partition);
    grouped[id] ??= [];
    grouped[id].push(toEventRecord(record));
  }
  return grouped;
}

function inDeliveryOrder(records: readonly EventMessage[]): boolean {
  const done = new Set<string>();
  let previous: EventMessage | undefined;
  for (const record of records) {
    if (previous !== undefined && previous.topic === record.topic && previous.partition === record.partition) {
      if (record.offset <= previous.offset) return false;
    } else {
      const id = partitionId(record.topic, record.partition);
      if (done.has(id)) return false;
      done.add(id);
    }
    previous = record;
  }
  return true;
}

/**
 * The record as it reads back from its event form: Lambda writes a null header value as no bytes,
 * and a record without a valid timestamp has none, of type NO_TIMESTAMP_TYPE.
 */
function asDelivered(record: EventMessage): EventMessage {
  const timestampLost =
    (record.timestamp === null || record.timestamp < 0) && (record.timestamp !== null || record.timestampType !== 'NO_TIMESTAMP_TYPE');
  const nullHeader = record.headers.some((header) => header.value === null);
  if (!timestampLost && !nullHeader) return record;
  return {
    ...record,
    ...(timestampLost ? { timestamp: null, timestampType: 'NO_TIMESTAMP_TYPE' as const } : {}),
    headers: record.headers.map((header) => (header.value === null ? { key: header.key, value: new Uint8Array(0) } : header)),
  };
}

/** One record in event form: key and value base64 (null when absent), headers as byte arrays. */
export function toEventRecord(record: EventMessage): KafkaEventRecord {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp ?? -1,
    timestampType: record.timestampType,
    key: record.key === null ? null : Buffer.from(record.key).toString('base64'),
    value: record.value === null ? null : Buffer.from(record.value).toString('base64'),
    headers: record.headers.map((header) => ({ [header.key]: header.value === null ? [] : [...header.value] })),
  };
}

/** The size in bytes of a record in the JSON event, to keep events under Lambda's 6 MB payload limit. */
export function eventRecordSize(record: EventMessage): number {
  const base64 = (bytes: Uint8Array | null) => (bytes === null ? 4 : Math.ceil(bytes.length / 3) * 4 + 2);
  let size = 120 + 2 * record.topic.length + base64(record.key) + base64(record.value);
  // A header byte takes up to 4 characters ("255,") in the JSON array.
  for (const header of record.headers) size += header.key.length + 8 + 4 * (header.value?.length ?? 0);
  return size;
}

function parseRecord(record: unknown, position: string): EventMessage {
  if (!isObject(record)) throw new InvalidKafkaEventError(`Kafka event: ${position} must be an object, got ${describe(record)}.`);
  const topic = record.topic;
  if (typeof topic !== 'string' || topic.length === 0)
    throw new InvalidKafkaEventError(`Kafka event: ${position} has no topic (got ${describe(topic)}).`);
  const partition = integer(record.partition);
  if (partition === undefined || partition < 0)
    throw new InvalidKafkaEventError(`Kafka event: ${position} (topic ${topic}) has an invalid partition ${describe(record.partition)}.`);
  const offset = integer(record.offset);
  if (offset === undefined || offset < 0)
    throw new InvalidKafkaEventError(
      `Kafka event: ${position} (topic ${topic}, partition ${partition}) has an invalid offset ${describe(record.offset)}.`,
    );
  const at = () => where({ topic, partition, offset });
  const timestamp = record.timestamp === undefined || record.timestamp === null ? null : integer(record.timestamp);
  if (timestamp === undefined)
    throw new InvalidKafkaEventError(`Kafka event: ${at()} has an invalid timestamp ${describe(record.timestamp)}.`);
  const rawType = record.timestampType;
  if (rawType !== undefined && rawType !== null && (typeof rawType !== 'string' || !TIMESTAMP_TYPES.has(rawType)))
    throw new InvalidKafkaEventError(`Kafka event: ${at()} has an unknown timestampType ${describe(rawType)}.`);
  const validTimestamp = timestamp !== null && timestamp >= 0 ? timestamp : null;
  const timestampType: TimestampType =
    validTimestamp === null ? 'NO_TIMESTAMP_TYPE' : ((rawType as TimestampType | undefined | null) ?? 'CREATE_TIME');
  return {
    topic,
    partition,
    offset,
    timestamp: validTimestamp,
    timestampType,
    key: bytes(record.key, () => `${at()}: key`),
    value: bytes(record.value, () => `${at()}: value`),
    headers: headers(record.headers, at),
  };
}

function bytes(value: unknown, what: () => string): Uint8Array | null {
  if (value === undefined || value === null) return null;
  const fail = () => new InvalidKafkaEventError(`Kafka event: ${what()} is not base64 (got ${describe(value)}).`);
  if (typeof value !== 'string' || value.length % 4 === 1) throw fail();
  const decoded = Buffer.from(value, 'base64');
  // Node skips what is not base64 and stops at padding: valid text decodes to exactly this many
  // bytes, so a length check stands in for matching every character against the alphabet.
  if (decoded.length !== decodedLength(value) || (decoded.length === 0 && value.length > 0)) throw fail();
  // A view, not a copy; its bytes are never written to.
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.length);
}

/** The byte length of valid base64 text (padded or not). */
function decodedLength(text: string): number {
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  const characters = text.length - padding;
  return Math.floor((characters * 3) / 4);
}

function headers(value: unknown, at: () => string): KafkaHeader[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InvalidKafkaEventError(`Kafka event: ${at()}: headers must be an array, got ${describe(value)}.`);
  const result: KafkaHeader[] = [];
  value.forEach((header: unknown, index) => {
    if (!isObject(header))
      throw new InvalidKafkaEventError(`Kafka event: ${at()}: header ${index} must be an object, got ${describe(header)}.`);
    for (const [key, raw] of Object.entries(header)) {
      if (raw === null) {
        result.push({ key, value: null });
        continue;
      }
      if (!Array.isArray(raw) || !raw.every((byte) => Number.isInteger(byte) && byte >= -128 && byte <= 255))
        throw new InvalidKafkaEventError(`Kafka event: ${at()}: header "${key}" must be an array of bytes, got ${describe(raw)}.`);
      // Java-side encoders may write signed bytes; both map to the same octet.
      result.push({ key, value: Uint8Array.from(raw as number[], (byte) => byte & 0xff) });
    }
  });
  return result;
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    const parsed = Number(value.trim());
    return Number.isSafeInteger(parsed) ? parsed : undefined;
  }
  return undefined;
}

function where(record: { readonly topic: string; readonly partition: number; readonly offset: number }): string {
  return `record ${record.topic}-${record.partition}@${record.offset} (topic ${record.topic}, partition ${record.partition}, offset ${record.offset})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
