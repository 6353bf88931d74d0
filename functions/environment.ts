// What every Lambda entry point reads from its environment at cold start, read one way.

import { KMSClient } from '@aws-sdk/client-kms';
import { EnvironmentError } from '../shared/errors.ts';
import type { KafkaConnection } from '../shared/kafka/client.ts';
import { kafkaSettingsFromEnv, resolveKafkaConnection } from '../shared/kafka/connection-settings.ts';
import { KafkaClients } from '../shared/kafka/kafka-clients.ts';
import type { RecordProducer, RecordProducerFactory, TopicAdmin } from '../shared/kafka/record-producer.ts';
import { secretsManagerReader } from '../shared/kafka/secrets.ts';
import { connectorSecretKeys } from '../shared/plugins/connector-secret-keys.ts';
import type { PluginRegistry } from '../shared/plugins/registry.ts';
import { createDynamoDbStores } from '../shared/stores/dynamodb/stores.ts';
import { KmsSecretSealer } from '../shared/stores/sealed/kms-secret-sealer.ts';
import { LocalSecretSealer } from '../shared/stores/sealed/local-secret-sealer.ts';
import type { SecretSealer } from '../shared/stores/sealed/secret-sealer.ts';
import { withSealedConfigs } from '../shared/stores/sealed/with-sealed-configs.ts';
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
 * runs and tests only), with connector secrets sealed as {@link secretSealerFromEnv} says.
 */
export function storesFromEnv(env: Env, functionName: string, registry: PluginRegistry): Stores {
  const tableName = requireEnv(env, 'COPYCAT_TABLE_NAME', `the ${functionName} function needs the name of the Copycat state table`);
  const endpoint = env.COPYCAT_DYNAMODB_ENDPOINT?.trim() || undefined;
  const stores = createDynamoDbStores({ tableName, ...(endpoint === undefined ? {} : { endpoint }) });
  return withSealedConfigs(stores, secretSealerFromEnv(env, functionName), connectorSecretKeys(registry));
}

/**
 * What seals connector secrets in the state table: the KMS key in COPYCAT_SECRETS_KEY_ARN (the
 * platform sets it), or for local runs and tests a key file, COPYCAT_SECRETS_KEY_FILE.
 */
export function secretSealerFromEnv(env: Env, functionName: string): SecretSealer {
  const keyArn = env.COPYCAT_SECRETS_KEY_ARN?.trim();
  if (keyArn) return new KmsSecretSealer({ client: new KMSClient({}), keyId: keyArn });
  const keyFile = env.COPYCAT_SECRETS_KEY_FILE?.trim();
  if (keyFile) return LocalSecretSealer.fromKeyFile(keyFile);
  throw new EnvironmentError(
    `COPYCAT_SECRETS_KEY_ARN is not set: the ${functionName} function needs the KMS key that seals connector secrets in the state table (COPYCAT_SECRETS_KEY_FILE, a local key file, for local runs).`,
  );
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

/**
 * The process's Kafka clients, made on first use from the lazy connection and kept while warm
 * (warm invocations reuse connected producers); a failed connection is not kept.
 */
export function lazyKafkaClients(connection: () => Promise<KafkaConnection>): {
  readonly producers: RecordProducerFactory;
  readonly topicAdmin: TopicAdmin;
  readonly discard: (producer: RecordProducer) => Promise<void>;
} {
  let clients: Promise<KafkaClients> | undefined;
  const kafka = (): Promise<KafkaClients> => {
    clients ??= connection().then((resolved) => new KafkaClients(resolved));
    clients.catch(() => {
      clients = undefined;
    });
    return clients;
  };
  return {
    producers: { producer: async (overrides) => (await kafka()).producer(overrides) },
    topicAdmin: {
      existingTopics: async (topics) => (await kafka()).existingTopics(topics),
      createTopic: async (spec) => (await kafka()).createTopic(spec),
    },
    discard: async (producer) => (await kafka()).discard(producer),
  };
}
