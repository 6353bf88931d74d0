// The setup both sides run with, written into results.json and under the table, so a figure is never
// read without what produced it.
import { KAFKA_CONNECT_JVM_OPTIONS } from './kafka-connect.ts';
import type { BenchSettings } from './settings.ts';
import { TOPIC_PARTITIONS } from './topics.ts';
import { kafkaConnectWorkerConfig } from './workers.ts';

/** The standalone worker's own default `sourceRunMs` (shared/standalone/worker.ts). */
const STANDALONE_SOURCE_RUN_MS = 5000;

export function benchSetup(settings: BenchSettings): { setup: Record<string, unknown>; notes: string[] } {
  const sourceRunMs = settings.copycatSourceRunMs ?? STANDALONE_SOURCE_RUN_MS;
  const setup = {
    topics: { partitions: TOPIC_PARTITIONS, replicationFactor: 1, createdBy: 'the harness, fresh for every run, before the worker starts' },
    tasks: 'tasks.max=1 on both sides',
    timing:
      'scenarios 1–3: from spawning the worker process (process and connector start included, both sides) until the topic end offset reaches N (source) or the sink file has N lines (sink); polled every 50 ms',
    latency:
      'scenario 4: a file source and a file sink in one worker; the harness appends lines at a steady rate (each line carries its sequence number), tails the sink file every 5 ms; latency = time seen in the sink file − time appended; lines appended before the first one arrives (worker start) are not measured',
    memory:
      'scenario 5: VmHWM of the worker process (/proc/<pid>/status; the java process itself), read just before it is stopped; max over the runs',
    copycat: {
      worker:
        'the standalone worker (shared/standalone/worker.ts, as `copycat standalone`) in its own Node process, on a fresh DynamoDB Local table',
      sourceRunMs,
      sourceRuns: `a source run polls for ${sourceRunMs} ms, commits and stops its task; while records keep coming the next run starts at once (after an idle stop, on the local scheduler's next 1 s tick)`,
      producer: 'idempotent, acks=-1 (all), at most 5 requests in flight (kafkajs)',
      sinkMapping:
        "local event source mapping: batch size 500, Lambda's default Kafka batching window of 0.5 s (fixed in the standalone worker); offsets committed once per fetch, after the handler succeeded",
    },
    kafkaConnect: {
      worker: 'org.apache.kafka.connect.cli.ConnectStandalone from the Maven Central jars (bench/kafka-connect/pom.xml)',
      jvmOptions: KAFKA_CONNECT_JVM_OPTIONS,
      workerConfig: kafkaConnectWorkerConfig({ brokers: ['<broker>'] }, '<run folder>', 0),
      producer: "the worker's source producer defaults: acks=all, max.in.flight.requests.per.connection=1, linger.ms=5 (Kafka 4 default)",
      consumer:
        "the worker's sink consumer defaults: max.poll.records=500, auto.offset.reset=earliest; offsets committed every offset.flush.interval.ms=60000",
    },
  };
  const notes = [
    `Topics: ${TOPIC_PARTITIONS} partition, replication factor 1, created by the harness before each run; tasks.max=1; converters set in each connector config, identically on both sides.`,
    "Producer acks: all (-1) on both sides. Copycat's producer is idempotent with up to 5 requests in flight; Kafka Connect's worker producer (its defaults, as its log prints them) has enable.idempotence=false, max.in.flight.requests.per.connection=1, linger.ms=5.",
    "Sink batches: Copycat's local event source mapping hands the sink up to 500 records at a time (Kafka's max.poll.records); Kafka Connect's sink consumer polls up to max.poll.records=500.",
    'Throughput is timed from spawning the worker process until the topic holds N records (source) or the file has N lines (sink): process and connector start are included on both sides.',
    'FileStreamSource (both sides) reads at most batch.size=2000 lines per poll and waits 1 s when the file has nothing new, which bounds scenario 4 from below on both sides.',
    `Copycat standalone runs a source task in runs of ${sourceRunMs} ms (sourceRunMs; BENCH_COPYCAT_SOURCE_RUN_MS changes it): each run ends with a commit and task stop, and while records keep coming the next one starts at once.`,
    "Copycat's local event source mapping gathers records for Lambda's default Kafka batching window, 0.5 s (the standalone worker sets it), unless a fetch already holds a full batch.",
    `Kafka Connect runs with the JVM options of bin/connect-standalone.sh (${KAFKA_CONNECT_JVM_OPTIONS.join(' ')}) and the worker settings it requires, nothing else.`,
  ];
  return { setup, notes };
}
