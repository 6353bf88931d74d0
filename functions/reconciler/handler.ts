// The reconciler function. Two triggers, both set up by the platform stack:
//  - the state table's DynamoDB stream, filtered to connector config items: each changed
//    connector is reconciled (a config written by the REST API, the CLI, CDK or by hand alike);
//  - a periodic rule with the event {"reconcileAll": true}: every connector is reconciled, which
//    picks up new topics for `topics.regex` sinks and repairs drift.
// Environment: COPYCAT_TABLE_NAME, COPYCAT_SECRETS_KEY_ARN, the control plane's (see shared/control/aws/aws-control-plane.ts)
// and the Kafka connection's (KAFKA_BOOTSTRAP_SERVERS, ...; used to resolve topics.regex).
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { connectorNameOf } from '../../shared/stores/dynamodb/table.ts';
import { awsReconcilerFromEnv } from '../aws-reconciler.ts';
import { storesFromEnv } from '../environment.ts';

const stores = storesFromEnv(process.env, 'reconciler', builtInPlugins);
const reconciler = awsReconcilerFromEnv(process.env, stores, process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'copycat-reconciler');

/** A DynamoDB stream record, as far as the reconciler reads it. */
interface StreamRecord {
  readonly dynamodb?: { readonly Keys?: { readonly pk?: { readonly S?: string } } };
}

export type ReconcilerEvent = { readonly Records: readonly StreamRecord[] } | { readonly reconcileAll: true };

export const handler = middy<ReconcilerEvent, { reconciled: string[] }, Error, Context>().handler(async (event) => {
  if ('reconcileAll' in event) {
    await reconciler.reconcileAll();
    return { reconciled: ['*'] };
  }
  // One reconcile per connector however many of its items changed in the batch; a failure throws
  // so the stream retries the batch (the reconciler is idempotent, so a retry is harmless).
  const names = [
    ...new Set(event.Records.map((record) => connectorNameOf(record.dynamodb?.Keys?.pk?.S ?? '')).filter((name) => name !== undefined)),
  ];
  for (const name of names) await reconciler.reconcile(name);
  return { reconciled: names };
});
