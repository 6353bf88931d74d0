// The process the crash-loop test kills: runs task 0 of a numbered source continuously until
// every record's offset is committed, retrying while a killed predecessor's lease has not expired.
// Settings come from the environment: TABLE_NAME, CONNECTOR, GENERATION, COUNT, KAFKA_BROKERS, DYNAMODB_ENDPOINT.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaClients } from '../../../../shared/kafka/kafka-clients.ts';
import { silentLogger } from '../../../../shared/runtime/source/logger.ts';
import { SourceRunner } from '../../../../shared/runtime/source/source-runner.ts';
import { createDynamoDbStores } from '../../../../shared/stores/index.ts';
import { registryWith } from './harness.ts';
import { NUMBERS_PARTITION, numberedSourcePlugin } from './numbered-source.ts';

const env = process.env;
const connector = env.CONNECTOR as string;
const generation = Number(env.GENERATION);
const count = Number(env.COUNT);
const stores = createDynamoDbStores({ tableName: env.TABLE_NAME as string, endpoint: env.DYNAMODB_ENDPOINT as string });
const kafka = new KafkaClients({ brokers: (env.KAFKA_BROKERS as string).split(','), clientId: 'crash-child' });
const runner = new SourceRunner({
  stores,
  registry: registryWith(numberedSourcePlugin),
  producers: kafka,
  workerId: `crash-child-${process.pid}`,
  logger: silentLogger,
  leaseTtlMs: 1000,
});

const done = new AbortController();
const watcher = setInterval(async () => {
  const committed = (await stores.offsets.get(connector, [NUMBERS_PARTITION])).values().next().value;
  if (committed !== undefined && committed.n === count) done.abort();
}, 100);

for (;;) {
  const result = await runner.run({ connector, task: 0, generation, runId: randomUUID(), signal: done.signal });
  // A killed predecessor's lease has not expired yet, or (on a loaded machine) a renewal came too late: try again.
  if (result.outcome === 'lease-held' || result.outcome === 'lease-lost') {
    await sleep(50);
    continue;
  }
  if (result.outcome !== 'completed') {
    console.error(`run ended ${result.outcome}: ${result.trace ?? ''}`);
    process.exit(2);
  }
  if (done.signal.aborted) break;
}
clearInterval(watcher);
await kafka.close();
stores.close();
process.exit(0);
