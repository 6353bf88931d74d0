// The process the exactly-once crash test kills: what the standalone worker runs for one sink
// connector (a local event source mapping, the consumer group connect-<name>, handing its events
// to the SinkWorker, with the stores on DynamoDB Local), with a handler that fails some batches
// after part of them was written. It prints "started" once it is in the group, and exits 0 once
// the group has committed the whole topic.
// Settings come from the environment: TABLE_NAME, CONNECTOR, TOPIC, SEED, PARTIAL_FAILURE_RATE,
// KAFKA_BROKERS, DYNAMODB_ENDPOINT.
import { SeededRandom } from '../../../../shared/connectors/datagen/seeded-random.ts';
import type { SinkEventHandler } from '../../../../shared/control/local/local-event-source-mapping.ts';
import { LocalEventSourceMappings } from '../../../../shared/control/local/local-event-source-mapping.ts';
import { sinkGroupIds } from '../../../../shared/control/reconciler/sink-config.ts';
import type { KafkaEvent } from '../../../../shared/kafka/esm-event.ts';
import { builtInPlugins } from '../../../../shared/plugins/built-in.ts';
import { SinkWorker } from '../../../../shared/runtime/sink/sink-worker.ts';
import { createDynamoDbStores } from '../../../../shared/stores/index.ts';
import { stack } from '../../../support/stack.ts';
import { kafka } from './kafka-test-support.ts';

const INJECTED = 'injected failure after';

const env = process.env;
const connector = env.CONNECTOR as string;
const topic = env.TOPIC as string;
const random = new SeededRandom(Number(env.SEED));
const partialFailureRate = Number(env.PARTIAL_FAILURE_RATE);
const stores = createDynamoDbStores({ tableName: env.TABLE_NAME as string, endpoint: stack.dynamoDbEndpoint });
// Failures this test injects are expected; anything else the runtime reports goes to stderr.
const log = (line: string) => {
  if (!line.includes('injected')) console.error(line);
};
const sinks = new SinkWorker({
  configs: stores.configs,
  statuses: stores.statuses,
  registry: builtInPlugins,
  workerId: `eos-crash-child-${process.pid}`,
  log,
});

// The handler fails mid-batch: the worker runs (and the JDBC sink commits, offsets and rows in one
// transaction) only the first `kept` records of the event, then the invocation fails, as a Lambda
// that times out or loses its response does. The mapping then delivers the whole batch again, so
// the first `kept` records come a second time and only the sink's stored offsets keep them from
// being inserted twice. (Failures inside the JDBC write, rolled back, come from the database: the
// test's trigger fails some INSERT statements after others of the same transaction ran.)
const handler: SinkEventHandler = async (event, mapping) => {
  const invoke = (batch: KafkaEvent) =>
    sinks.handle({ connector: mapping.connector, event: batch, reportBatchItemFailures: mapping.reportBatchItemFailures });
  if (random.next() >= partialFailureRate) return invoke(event);
  const size = Object.values(event.records).reduce((sum, records) => sum + records.length, 0);
  const kept = random.int(1, size);
  let left = kept;
  const records = Object.fromEntries(
    Object.entries(event.records).map(([partition, all]) => {
      const part = all.slice(0, left);
      left -= part.length;
      return [partition, part];
    }),
  );
  await invoke({ ...event, records });
  console.log(`${INJECTED} ${kept} of ${size}`);
  throw new Error(`${INJECTED} ${kept} of ${size} records were written`);
};

const groupId = sinkGroupIds(connector, [topic], false).get(topic) as string;

const admin = kafka.admin();
await admin.connect();

/** Whether the group has committed every record the topic holds. */
async function caughtUp(): Promise<boolean> {
  const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  return ends.every((end) => committed?.partitions.find((p) => p.partition === end.partition)?.offset === end.high);
}

const mappings = new LocalEventSourceMappings({
  connection: { brokers: stack.kafkaBrokers },
  handler,
  // As the standalone worker: Lambda's default batching window for Kafka.
  minimumBatchingWindowMs: 500,
  // Failed batches come again after 0.1 s rather than 1 s: this test fails many on purpose.
  retryDelayMs: 100,
  // A restarted child gets the partitions of the one killed before it after 2 s rather than the
  // standalone worker's 10 s: twenty kills would otherwise spend minutes waiting.
  rebalanceTimeoutMs: 2000,
  log,
});
await mappings.put({
  connector,
  topic,
  groupId,
  enabled: true,
  // The reconciler's defaults for the standalone worker.
  batchSize: 500,
  batchingWindowSeconds: 0,
  startingPosition: 'TRIM_HORIZON',
  reportBatchItemFailures: false,
});
console.log('started');

for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  if (await caughtUp()) break;
}
await mappings.close();
await sinks.close();
await admin.disconnect();
stores.close();
process.exit(0);
