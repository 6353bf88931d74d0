// What every Lambda entry point reads from its environment at cold start, read one way.
import { EnvironmentError } from '../shared/errors.ts';
import type { KafkaConnection } from '../shared/kafka/client.ts';
import { kafkaSettingsFromEnv, resolveKafkaConnection } from '../shared/kafka/connection-settings.ts';
import { secretsManagerReader } from '../shared/kafka/secrets.ts';
import { createDynamoDbStores } from '../shared/stores/dynamodb/stores.ts';
import type { Stores } from '../shared/stores/stores.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** A variable that must be set; the error names it and says what it is for. */
export function requireEnv(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new EnvironmentError(`${name} is not set: ${what}.`);
  return value;
}

/**
 * The state stores on the table in COPYCAT_TABLE_NAME (and COPYCAT_DYNAMODB_ENDPOINT, for local
 * runs and tests only).
 */
export function storesFromEnv(env: Env, functionName: string): Stores {
  const tableName = requireEnv(env, 'COPYCAT_TABLE_NAME', `the ${functionName} function needs the name of the Copycat state table`);
  const endpoint = env.COPYCAT_DYNAMODB_ENDPOINT?.trim() || undefined;
  return createDynamoDbStores({ tableName, ...(endpoint === undefined ? {} : { endpoint }) });
}

/**
 * The Kafka connection from KAFKA_BOOTSTRAP_SERVERS and friends, resolved (SCRAM secret fetched)
 * on first use and kept while the process is warm; a failure is not kept, so the next call retries.
 */
export function lazyKafkaConnection(env: Env): () => Promise<KafkaConnection> {
  let connection: Promise<KafkaConnection> | undefined;
  return () => {
    connection ??= resolveKafkaConnection(kafkaSettingsFromEnv(env), secretsManagerReader());
    connection.catch(() => {
      connection = undefined;
    });
    return connection;
  };
}
