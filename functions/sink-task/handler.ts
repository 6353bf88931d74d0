// The sink task function: the target of every sink connector's Kafka event source mappings, each
// invoking it through the connector's alias `sink-<name>`. Configuration is read once at cold start:
//   COPYCAT_TABLE_NAME                   the state table (required)
//   COPYCAT_DYNAMODB_ENDPOINT            DynamoDB Local's URL (local runs and tests only; default: AWS)
//   COPYCAT_REPORT_BATCH_ITEM_FAILURES   "true" when the mappings are created with ReportBatchItemFailures
//                                        (provisioned mode; the reconciler's `reportBatchItemFailures`)
//   COPYCAT_SINK_TIME_MARGIN_MS          time kept back from retries to answer before the timeout (default 10000)
//   KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_SECRET_ARN,
//   KAFKA_CLIENT_ID                      the cluster dead letter topics are written to (needed only
//                                        by connectors with errors.deadletterqueue.topic.name)
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { EnvironmentError } from '../../shared/errors.ts';
import type { KafkaBatchResponse } from '../../shared/kafka/esm-event.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { embeddedMetricsSink } from '../../shared/runtime/metrics.ts';
import { SinkWorker } from '../../shared/runtime/sink/sink-worker.ts';
import { lazyKafkaClients, lazyKafkaConnection, storesFromEnv } from '../environment.ts';
import { ConnectorAliases, invokedAlias } from './connector-alias.ts';

const reportBatchItemFailures = process.env.COPYCAT_REPORT_BATCH_ITEM_FAILURES?.trim().toLowerCase() === 'true';
const timeMarginMs = Number.parseInt(process.env.COPYCAT_SINK_TIME_MARGIN_MS ?? '10000', 10);
if (!Number.isSafeInteger(timeMarginMs) || timeMarginMs < 0)
  throw new EnvironmentError(
    `COPYCAT_SINK_TIME_MARGIN_MS must be a whole number of milliseconds, got "${process.env.COPYCAT_SINK_TIME_MARGIN_MS}".`,
  );

const stores = storesFromEnv(process.env, 'sink task', builtInPlugins);
// Connected on first need only: most sinks have no dead letter topic, and then no Kafka client is made.
const { producers, topicAdmin } = lazyKafkaClients(lazyKafkaConnection(process.env));
let requestId = 'cold-start';
const worker = new SinkWorker({
  configs: stores.configs,
  statuses: stores.statuses,
  registry: builtInPlugins,
  metrics: embeddedMetricsSink(),
  producers,
  topicAdmin,
  workerId: () => `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'copycat-sink-task'}:${requestId}`,
});
const aliases = new ConnectorAliases(stores.configs);

export const handler = middy<unknown, KafkaBatchResponse | undefined, Error, Context>().handler(async (event, context) => {
  requestId = context.awsRequestId;
  const connector = await aliases.connectorOf(invokedAlias(context.invokedFunctionArn));
  return worker.handle({
    connector,
    event,
    reportBatchItemFailures,
    deadline: Date.now() + Math.max(0, context.getRemainingTimeInMillis() - timeMarginMs),
  });
});
