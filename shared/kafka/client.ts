import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';

/** SASL credentials, resolved (a SCRAM password is in memory here; it is never logged or reported). */
export type KafkaSasl =
  | { readonly mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512'; readonly username: string; readonly password: string }
  /** MSK IAM: OAUTHBEARER tokens signed with the function's AWS credentials (aws-msk-iam-sasl-signer-js). */
  | { readonly mechanism: 'AWS_MSK_IAM'; readonly region: string };

/** Kafka's `security.protocol` values. */
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';

/** How to reach a Kafka cluster: brokers, and optionally TLS and SASL. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** @default 'PLAINTEXT' */
  readonly securityProtocol?: SecurityProtocol;
  /** Required for SASL_PLAINTEXT and SASL_SSL. */
  readonly sasl?: KafkaSasl;
  /** Extra trusted CA certificates (PEM) for SSL and SASL_SSL; Node's own trust store is always used. */
  readonly ca?: readonly string[];
}

/** The one factory of kafkajs clients in Copycat. */
export function createKafka(connection: KafkaConnection): Kafka {
  const config: KafkaConfig = {
    brokers: [...connection.brokers],
    clientId: connection.clientId ?? 'copycat',
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  };
  const protocol = connection.securityProtocol ?? 'PLAINTEXT';
  if (protocol === 'SSL' || protocol === 'SASL_SSL') config.ssl = connection.ca === undefined ? true : { ca: [...connection.ca] };
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    if (connection.sasl === undefined) throw new TypeError(`Kafka security protocol ${protocol} needs SASL settings.`);
    config.sasl = saslOptions(connection.sasl);
  }
  return new Kafka(config);
}

/** A description of the connection that is safe to log: no password, no token. */
export function describeConnection(connection: KafkaConnection): string {
  const protocol = connection.securityProtocol ?? 'PLAINTEXT';
  const sasl = connection.sasl === undefined ? '' : ` ${connection.sasl.mechanism}`;
  return `${connection.brokers.join(',')} (${protocol}${sasl})`;
}

function saslOptions(sasl: KafkaSasl): SASLOptions {
  switch (sasl.mechanism) {
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username: sasl.username, password: sasl.password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password };
    case 'AWS_MSK_IAM': {
      const { region } = sasl;
      return {
        mechanism: 'oauthbearer',
        oauthBearerProvider: async () => {
          // Loaded on first use: most deployments never sign MSK tokens, and the signer pulls in the AWS credential chain.
          const { generateAuthToken } = await import('aws-msk-iam-sasl-signer-js');
          const { token } = await generateAuthToken({ region });
          return { value: token };
        },
      };
    }
  }
}

/** Resolves once the cluster answers a metadata request; rejects with the client's error otherwise. */
export async function probeKafka(brokers: readonly string[]): Promise<void> {
  const admin = createKafka({ brokers, clientId: 'copycat-probe' }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
