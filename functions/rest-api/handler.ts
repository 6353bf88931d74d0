// The Kafka Connect REST API behind API Gateway (REST API with `{proxy+}`, or HTTP API; IAM auth
// is the gateway's). Configuration is read once at cold start:
//   COPYCAT_TABLE_NAME   the state table (required)
//   COPYCAT_VERSION      reported by `GET /` (default: the package version baked in at build)
//   COPYCAT_COMMIT       reported by `GET /` (default `unknown`)
//   the control plane's variables (shared/control/aws/aws-control-plane.ts): restarts are handed
//   to the reconciler directly, since they change no config item the stream would carry
//   the Kafka connection's (KAFKA_BOOTSTRAP_SERVERS, ...), for topics.regex during a restart
// The reconciler otherwise runs from the table's DynamoDB stream, so a config write needs no trigger here.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { ConsumerGroupSinkOffsets } from '../../shared/control/consumer-group-sink-offsets.ts';
import { Herder } from '../../shared/control/herder.ts';
import { reconcilerHooks } from '../../shared/control/reconciler-hooks.ts';
import { fromProxyEvent, type ProxyEvent, toProxyResult } from '../../shared/control/rest/api-gateway.ts';
import { createRestRouter } from '../../shared/control/rest/router.ts';
import { ConsumerGroupOffsets } from '../../shared/kafka/consumer-group-offsets.ts';
import { topicsMatching } from '../../shared/kafka/topics.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { awsReconcilerFromEnv } from '../aws-reconciler.ts';
import { lazyKafkaConnection, storesFromEnv } from '../environment.ts';

const workerId = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'copycat-rest-api';
const stores = storesFromEnv(process.env, 'REST API', builtInPlugins);
const reconciler = awsReconcilerFromEnv(process.env, stores, workerId);
const kafka = lazyKafkaConnection(process.env);
const router = createRestRouter(
  new Herder({
    configs: stores.configs,
    statuses: stores.statuses,
    offsets: stores.offsets,
    // Sink offsets are the consumer groups' (connect-<name>), edited through the Kafka admin client.
    sinkOffsets: new ConsumerGroupSinkOffsets({
      configs: stores.configs,
      groups: new ConsumerGroupOffsets(kafka),
      topicsMatching: async (pattern) => topicsMatching(await kafka(), pattern),
    }),
    registry: builtInPlugins,
    ...reconcilerHooks(reconciler, { reconcileOnChange: false }),
    serverInfo: { version: process.env.COPYCAT_VERSION ?? '0.1.0', commit: process.env.COPYCAT_COMMIT ?? 'unknown' },
    workerId,
    logger: { warn: (message, error) => console.warn(message, error) },
  }),
);

export const handler = middy<ProxyEvent, ReturnType<typeof toProxyResult>, Error, Context>().handler(async (event) =>
  toProxyResult(await router.handle(fromProxyEvent(event))),
);
