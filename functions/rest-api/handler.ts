// The Kafka Connect REST API behind API Gateway (REST API with `{proxy+}`, or HTTP API; IAM auth
// is the gateway's). Configuration is read once at cold start:
//   COPYCAT_TABLE_NAME   the state table (required)
//   COPYCAT_VERSION      reported by `GET /` (default: the package version baked in at build)
//   COPYCAT_COMMIT       reported by `GET /` (default `unknown`)
// The reconciler runs from the table's DynamoDB stream, so a config write needs no trigger here.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { Herder } from '../../shared/control/herder.ts';
import { fromProxyEvent, type ProxyEvent, toProxyResult } from '../../shared/control/rest/api-gateway.ts';
import { createRestRouter } from '../../shared/control/rest/router.ts';
import { EnvironmentError } from '../../shared/errors.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { createDynamoDbStores } from '../../shared/stores/dynamodb/stores.ts';

const tableName = process.env.COPYCAT_TABLE_NAME;
if (!tableName)
  throw new EnvironmentError('COPYCAT_TABLE_NAME is not set: the REST API function needs the name of the Copycat state table.');

const stores = createDynamoDbStores({ tableName });
const router = createRestRouter(
  new Herder({
    configs: stores.configs,
    statuses: stores.statuses,
    offsets: stores.offsets,
    registry: builtInPlugins,
    // The DynamoDB stream of the config item triggers the reconciler.
    afterChange: async () => undefined,
    // TODO(lead): a restart request item the reconciler acts on. Until then rewriting the target
    // state bumps the config version, and the stream makes the reconciler converge again.
    restart: async (connector) => {
      const record = await stores.configs.get(connector);
      if (record !== undefined) await stores.configs.setTargetState(connector, record.targetState);
    },
    serverInfo: { version: process.env.COPYCAT_VERSION ?? '0.1.0', commit: process.env.COPYCAT_COMMIT ?? 'unknown' },
    workerId: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'copycat-rest-api',
    logger: { warn: (message, error) => console.warn(message, error) },
  }),
);

export const handler = middy<ProxyEvent, ReturnType<typeof toProxyResult>, Error, Context>().handler(async (event) =>
  toProxyResult(await router.handle(fromProxyEvent(event))),
);
