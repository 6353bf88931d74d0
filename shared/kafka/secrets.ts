import { KAFKA_ENV, type SecretReader } from './connection-settings.ts';
import { KafkaConnectionConfigError } from './errors.ts';

/**
 * A {@link SecretReader} on AWS Secrets Manager. The SDK is loaded on first use, so deployments
 * without SCRAM do not pay for it at cold start. Failures name the secret, never its content.
 */
export function secretsManagerReader(options: { readonly region?: string; readonly endpoint?: string } = {}): SecretReader {
  return async (secretId) => {
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    const client = new SecretsManagerClient({
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    });
    try {
      const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      if (result.SecretString === undefined)
        throw new KafkaConnectionConfigError(KAFKA_ENV.saslSecretId, `the secret ${secretId} has no string value; store it as JSON text.`);
      return result.SecretString;
    } catch (error) {
      if (error instanceof KafkaConnectionConfigError) throw error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new KafkaConnectionConfigError(
        KAFKA_ENV.saslSecretId,
        `the secret ${secretId} could not be read (${reason}); check that it exists and the function may read it.`,
      );
    } finally {
      client.destroy();
    }
  };
}
