// `npm run bench:transforms`: 1 KB JSON records through JsonConverter (schemas off) →
// InsertField$Value → ReplaceField$Value → Cast$Value → JsonConverter, bytes in to bytes out on one
// thread, for Copycat and for Apache Kafka Connect's own classes on the same records, in one run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { type JsonlRecord, parseJsonlRecord } from '../shared/cli/jsonl-records.ts';
import { buildKafkaEvent, type KafkaEvent } from '../shared/kafka/esm-event.ts';
import { builtInPlugins } from '../shared/plugins/built-in.ts';
import { fromConnectRecord, toSinkRecord } from '../shared/runtime/record-conversion.ts';
import { buildRecordPath, validateRecordPath } from '../shared/runtime/record-path.ts';
import { benchKafkaConnect } from '../test/differential/kafka-connect.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

export const benchConfig: Record<string, string> = {
  'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter.schemas.enable': 'false',
  transforms: 'insert,replace,cast',
  'transforms.insert.type': 'org.apache.kafka.connect.transforms.InsertField$Value',
  'transforms.insert.static.field': 'pipeline',
  'transforms.insert.static.value': 'copycat-bench',
  'transforms.insert.topic.field': 'source_topic',
  'transforms.replace.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
  'transforms.replace.exclude': 'internal_notes',
  'transforms.replace.renames': 'customer_id:customerId,order_id:orderId',
  'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
  'transforms.cast.spec': 'quantity:int32,price:string,priority:float32',
};

/** `count` of the {@link benchRecords} as one ESM event, offsets from `base` (what a sink function receives). */
export function benchEvent(base: number, count: number, bootstrapServers: string): KafkaEvent {
  const encoder = new TextEncoder();
  const bytes = (text: unknown) => (text === null || text === undefined ? null : encoder.encode(String(text)));
  return buildKafkaEvent(
    benchRecords(count).map((record) => ({
      topic: record.topic,
      partition: record.partition,
      offset: base + record.offset,
      timestamp: record.timestamp ?? null,
      timestampType: 'CREATE_TIME' as const,
      key: bytes(record.key),
      value: bytes(record.value),
      headers: [],
    })),
    { bootstrapServers, eventSource: 'SelfManagedKafka' },
  );
}

/** 1,000 distinct records of about 1 KB each, the same every run. */
export function benchRecords(count = 1000): JsonlRecord[] {
  const records: JsonlRecord[] = [];
  for (let i = 0; i < count; i++) {
    const value = {
      order_id: i,
      customer_id: `customer-${(i * 7919) % 10007}`,
      status: ['NEW', 'PAID', 'SHIPPED', 'DELIVERED'][i % 4],
      quantity: (i % 17) + 1,
      price: Math.round(((i * 37) % 10000) + 99) / 100,
      priority: (i % 5) / 2,
      express: i % 3 === 0,
      created_at: 1_700_000_000_000 + i * 1000,
      address: { street: `${i} Long Street`, city: 'Springfield', zip: String(10000 + (i % 89999)), country: 'US' },
      tags: ['bench', `tag-${i % 13}`, `batch-${Math.floor(i / 100)}`],
      internal_notes: 'x'.repeat(300 + (i % 50)),
      description: `Order ${i} of a synthetic workload used to compare record paths; `.repeat(5),
    };
    records.push({
      topic: 'orders',
      partition: 0,
      offset: i,
      timestamp: 1_700_000_000_000 + i,
      key: `order-${i}`,
      value: JSON.stringify(value),
      headers: [],
    });
  }
  return records;
}

export function benchCopycat(
  records: JsonlRecord[],
  durationSeconds: number,
): { recordsPerSecond: number; records: number; seconds: number } {
  const errors = validateRecordPath(benchConfig, builtInPlugins);
  if (errors.size > 0) throw new Error(`bench config is invalid: ${[...errors].map(([k, v]) => `${k}: ${v.join('; ')}`).join(', ')}`);
  const path = buildRecordPath(benchConfig, builtInPlugins);
  const messages = records.map((record, i) =>
    parseJsonlRecord(JSON.stringify(record), `bench#${i}`, { topic: record.topic, offset: record.offset }),
  );
  const runFor = (ms: number) => {
    let done = 0;
    let bytes = 0;
    const start = performance.now();
    const deadline = start + ms;
    while (performance.now() < deadline) {
      for (const message of messages) {
        const transformed = path.chain.apply(toSinkRecord(message, path.converters));
        if (transformed !== null) bytes += fromConnectRecord(transformed, path.converters).value?.length ?? 0;
      }
      done += messages.length;
    }
    return { done, ms: performance.now() - start, bytes };
  };
  runFor(warmupSeconds * 1000);
  const { done, ms } = runFor(durationSeconds * 1000);
  return { recordsPerSecond: done / (ms / 1000), records: done, seconds: ms / 1000 };
}

if (import.meta.main) {
  const records = benchRecords();
  const averageBytes = Math.round(records.reduce((sum, record) => sum + Buffer.byteLength(record.value ?? ''), 0) / records.length);
  const copycat = benchCopycat(records, seconds);
  const kafka = await benchKafkaConnect(benchConfig, records, seconds, { warmupSeconds });
  const ratio = copycat.recordsPerSecond / kafka.recordsPerSecond;
  const result = {
    benchmark: 'transforms',
    date: new Date().toISOString(),
    recordBytes: averageBytes,
    chain: 'JsonConverter(schemas off) → InsertField$Value → ReplaceField$Value → Cast$Value → JsonConverter',
    seconds,
    node: process.version,
    copycat,
    kafkaConnect: kafka,
    ratio,
  };
  mkdirSync(new URL('./results', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/transforms.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `| record path (${averageBytes} B JSON values, one thread) | Copycat records/s | Kafka Connect 4.3.1 records/s | Copycat / Kafka Connect |`,
  );
  console.log('|---|---:|---:|---:|');
  console.log(
    `| ${result.chain} | ${Math.round(copycat.recordsPerSecond).toLocaleString('en-US')} | ${Math.round(kafka.recordsPerSecond).toLocaleString('en-US')} | ${ratio.toFixed(2)} |`,
  );
}
