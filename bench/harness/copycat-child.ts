// The Copycat side's process: the standalone worker (the same code as `copycat standalone`) on a
// fresh DynamoDB table with the run's connectors, until SIGTERM; then it stops cleanly and drops the
// table. Kept to the worker's own imports, so its memory is the worker's.
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { StandaloneWorker } from '../../shared/standalone/worker.ts';
import { createDynamoDbClient } from '../../shared/stores/dynamodb/client.ts';

/** What the harness hands the child in BENCH_CHILD. */
export interface CopycatChildInput {
  readonly brokers: string[];
  readonly dynamoDbEndpoint: string;
  readonly tableName: string;
  /** The worker's `sourceRunMs`; absent: its default. */
  readonly sourceRunMs: number | undefined;
  readonly connectors: { name: string; config: Record<string, string> }[];
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_CHILD ?? '{}') as CopycatChildInput;
  const stamp = () => `[uptime ${Math.round(process.uptime() * 1000)} ms]`;
  const worker = await StandaloneWorker.start({
    kafka: { brokers: input.brokers },
    dynamoDbEndpoint: input.dynamoDbEndpoint,
    tableName: input.tableName,
    restPort: 0,
    ...(input.sourceRunMs === undefined ? {} : { sourceRunMs: input.sourceRunMs }),
    log: (line) => process.stderr.write(`${stamp()} ${line}\n`),
  });
  process.stderr.write(`${stamp()} copycat: worker started\n`);
  for (const { name, config } of input.connectors) {
    await worker.herder.putConnectorConfig(name, { ...config, name });
    process.stderr.write(`${stamp()} copycat: connector ${name} created\n`);
  }
  process.once('SIGTERM', () => {
    void (async () => {
      await worker.close();
      const client = createDynamoDbClient(input.dynamoDbEndpoint);
      await client.send(new DeleteTableCommand({ TableName: input.tableName })).catch(() => undefined);
      client.destroy();
      process.stderr.write(`${stamp()} copycat: stopped\n`);
      process.exit(0);
    })();
  });
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
