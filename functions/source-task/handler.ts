// The source task function: the target of every source task's EventBridge Scheduler schedule,
// invoked with {connector, task, generation}. It polls the task until its time budget is spent
// (the remaining invocation time less the connector's `copycat.source.safety.margin.ms`, at most
// its `copycat.source.budget.ms`) or the task is idle for `copycat.source.idle.ms`.
// Configuration is read once at cold start:
//   COPYCAT_TABLE_NAME        the state table (required)
//   KAFKA_BOOTSTRAP_SERVERS   host:port,... of the brokers (required)
//   KAFKA_SECURITY_PROTOCOL   PLAINTEXT (default) | SSL | SASL_SSL | SASL_PLAINTEXT
//   KAFKA_SASL_MECHANISM      SCRAM-SHA-256 | SCRAM-SHA-512 | AWS_MSK_IAM (with SASL_*)
//   KAFKA_SASL_SECRET_ARN     Secrets Manager secret {"username","password"} (SCRAM)
//   KAFKA_CLIENT_ID           the Kafka client id (default copycat)
//   AWS_REGION                set by Lambda; the region MSK IAM tokens are signed for
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { kafkaSettingsFromEnv } from '../../shared/kafka/connection-settings.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { embeddedMetricsSink } from '../../shared/runtime/metrics.ts';
import { SourceRunner, type SourceRunResult, sourceRunMetrics } from '../../shared/runtime/source/source-runner.ts';
import { parseSourceTaskEvent } from '../../shared/runtime/source/source-task-event.ts';
import { lazyKafkaClients, lazyKafkaConnection, storesFromEnv } from '../environment.ts';

const stores = storesFromEnv(process.env, 'source task', builtInPlugins);
// Checked at cold start (an error names the variable); the connection itself, with the SCRAM secret, is made on first use.
kafkaSettingsFromEnv(process.env);
const kafka = lazyKafkaClients(lazyKafkaConnection(process.env));
const metrics = embeddedMetricsSink();
const runner = new SourceRunner({
  stores,
  registry: builtInPlugins,
  producers: kafka.producers,
  topicAdmin: kafka.topicAdmin,
  discardProducer: kafka.discard,
  workerId: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'copycat-source-task',
});

export const handler = middy<unknown, SourceRunResult, Error, Context>().handler(async (event, context) => {
  const { connector, task, generation } = parseSourceTaskEvent(event);
  const result = await runner.run({
    connector,
    task,
    generation,
    runId: context.awsRequestId,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
  });
  metrics.record(connector, task, sourceRunMetrics(result));
  return result;
});
