import type { KafkaConnection, SecurityProtocol } from './client.ts';
import { KafkaConnectionConfigError } from './errors.ts';

/**
 * Where the Kafka cluster is and how to authenticate, as read from the environment: everything
 * but the secret itself, which {@link resolveKafkaConnection} fetches.
 */
export interface KafkaConnectionSettings {
  readonly brokers: readonly string[];
  readonly clientId: string | undefined;
  readonly securityProtocol: SecurityProtocol;
  readonly saslMechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'AWS_MSK_IAM' | undefined;
  /** Secrets Manager secret (ARN or name) holding `{"username": ..., "password": ...}` for SCRAM. */
  readonly saslSecretId: string | undefined;
  /** The AWS region MSK IAM tokens are signed for. */
  readonly region: string | undefined;
}

/** The environment variables the Kafka connection is read from (documented in the README). */
export const KAFKA_ENV = {
  bootstrapServers: 'KAFKA_BOOTSTRAP_SERVERS',
  clientId: 'KAFKA_CLIENT_ID',
  securityProtocol: 'KAFKA_SECURITY_PROTOCOL',
  saslMechanism: 'KAFKA_SASL_MECHANISM',
  saslSecretId: 'KAFKA_SASL_SECRET_ARN',
  region: 'AWS_REGION',
} as const;

const PROTOCOLS: readonly SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];
const MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512', 'AWS_MSK_IAM'] as const;

/**
 * Reads the Kafka connection settings from environment variables.
 * @throws KafkaConnectionConfigError naming the variable that is missing or invalid.
 */
export function kafkaSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): KafkaConnectionSettings {
  const brokers = (env[KAFKA_ENV.bootstrapServers] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new KafkaConnectionConfigError(KAFKA_ENV.bootstrapServers, 'set it to the comma-separated host:port list of the Kafka brokers.');
  for (const broker of brokers)
    if (!/^[^\s:]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker))
      throw new KafkaConnectionConfigError(KAFKA_ENV.bootstrapServers, `"${broker}" is not host:port.`);

  const protocolText = (env[KAFKA_ENV.securityProtocol] ?? '').trim().toUpperCase() || 'PLAINTEXT';
  if (!PROTOCOLS.includes(protocolText as SecurityProtocol))
    throw new KafkaConnectionConfigError(KAFKA_ENV.securityProtocol, `"${protocolText}" is not one of ${PROTOCOLS.join(', ')}.`);
  const securityProtocol = protocolText as SecurityProtocol;
  const usesSasl = securityProtocol.startsWith('SASL_');

  const mechanismText = (env[KAFKA_ENV.saslMechanism] ?? '').trim().toUpperCase();
  let saslMechanism: KafkaConnectionSettings['saslMechanism'];
  if (usesSasl) {
    if (!(MECHANISMS as readonly string[]).includes(mechanismText))
      throw new KafkaConnectionConfigError(
        KAFKA_ENV.saslMechanism,
        `${securityProtocol} needs one of ${MECHANISMS.join(', ')}${mechanismText === '' ? '' : `, not "${mechanismText}"`}.`,
      );
    saslMechanism = mechanismText as (typeof MECHANISMS)[number];
  } else if (mechanismText !== '') {
    throw new KafkaConnectionConfigError(
      KAFKA_ENV.saslMechanism,
      `is set but ${KAFKA_ENV.securityProtocol} is ${securityProtocol}; use SASL_SSL (or SASL_PLAINTEXT) to authenticate.`,
    );
  }

  const saslSecretId = env[KAFKA_ENV.saslSecretId]?.trim() || undefined;
  if (saslMechanism?.startsWith('SCRAM') && saslSecretId === undefined)
    throw new KafkaConnectionConfigError(
      KAFKA_ENV.saslSecretId,
      `${saslMechanism} needs the ARN of a Secrets Manager secret holding {"username": ..., "password": ...}.`,
    );
  const region = env[KAFKA_ENV.region]?.trim() || undefined;
  if (saslMechanism === 'AWS_MSK_IAM' && region === undefined)
    throw new KafkaConnectionConfigError(KAFKA_ENV.region, 'MSK IAM authentication signs tokens for a region; set AWS_REGION.');
  return {
    brokers,
    clientId: env[KAFKA_ENV.clientId]?.trim() || undefined,
    securityProtocol,
    saslMechanism,
    saslSecretId,
    region,
  };
}

/** Reads a secret's string by id; the adapter in secrets.ts uses Secrets Manager. */
export type SecretReader = (secretId: string) => Promise<string>;

/**
 * The connection to open: the settings with SCRAM credentials fetched from Secrets Manager.
 * @throws KafkaConnectionConfigError when the secret is not JSON with string `username` and
 * `password` (the message never contains the secret's content).
 */
export async function resolveKafkaConnection(settings: KafkaConnectionSettings, readSecret: SecretReader): Promise<KafkaConnection> {
  const base = {
    brokers: settings.brokers,
    securityProtocol: settings.securityProtocol,
    ...(settings.clientId === undefined ? {} : { clientId: settings.clientId }),
  };
  switch (settings.saslMechanism) {
    case undefined:
      return base;
    case 'AWS_MSK_IAM':
      return { ...base, sasl: { mechanism: 'AWS_MSK_IAM', region: settings.region as string } };
    default: {
      const secretId = settings.saslSecretId as string;
      const { username, password } = parseCredentials(secretId, await readSecret(secretId));
      return { ...base, sasl: { mechanism: settings.saslMechanism, username, password } };
    }
  }
}

function parseCredentials(secretId: string, text: string): { username: string; password: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KafkaConnectionConfigError(
      KAFKA_ENV.saslSecretId,
      `the secret ${secretId} is not JSON; store {"username": ..., "password": ...}.`,
    );
  }
  const { username, password } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '')
    throw new KafkaConnectionConfigError(
      KAFKA_ENV.saslSecretId,
      `the secret ${secretId} must hold non-empty string fields "username" and "password".`,
    );
  return { username, password };
}
