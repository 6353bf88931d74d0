import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kafkaSettingsFromEnv, resolveKafkaConnection } from '../../../../shared/kafka/connection-settings.ts';
import { KafkaConnectionConfigError } from '../../../../shared/kafka/errors.ts';

function problem(env: Record<string, string>): KafkaConnectionConfigError {
  try {
    kafkaSettingsFromEnv(env);
  } catch (error) {
    assert.ok(error instanceof KafkaConnectionConfigError);
    return error;
  }
  return assert.fail('the environment was accepted');
}

describe('the Kafka connection from the environment', () => {
  it('when only the brokers are set, the connection is plaintext', () => {
    const settings = kafkaSettingsFromEnv({ KAFKA_BOOTSTRAP_SERVERS: 'b-1:9092, b-2:9092' });
    assert.deepEqual(settings.brokers, ['b-1:9092', 'b-2:9092']);
    assert.equal(settings.securityProtocol, 'PLAINTEXT');
  });

  it('when a variable is missing or invalid, the error names it', () => {
    assert.equal(problem({}).variable, 'KAFKA_BOOTSTRAP_SERVERS');
    assert.equal(problem({ KAFKA_BOOTSTRAP_SERVERS: 'nohost' }).variable, 'KAFKA_BOOTSTRAP_SERVERS');
    assert.equal(problem({ KAFKA_BOOTSTRAP_SERVERS: 'b:9092', KAFKA_SECURITY_PROTOCOL: 'TLS' }).variable, 'KAFKA_SECURITY_PROTOCOL');
    assert.equal(problem({ KAFKA_BOOTSTRAP_SERVERS: 'b:9092', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }).variable, 'KAFKA_SASL_MECHANISM');
    assert.equal(
      problem({ KAFKA_BOOTSTRAP_SERVERS: 'b:9092', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512' }).variable,
      'KAFKA_SASL_SECRET_ARN',
    );
    assert.equal(
      problem({ KAFKA_BOOTSTRAP_SERVERS: 'b:9098', KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'AWS_MSK_IAM' }).variable,
      'AWS_REGION',
    );
  });

  it('when SCRAM is configured, the credentials come from the secret and a malformed secret is reported without its content', async () => {
    // Prepare
    const settings = kafkaSettingsFromEnv({
      KAFKA_BOOTSTRAP_SERVERS: 'b:9096',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:AmazonMSK_copycat',
    });
    // Act
    const connection = await resolveKafkaConnection(settings, async () => '{"username":"copycat","password":"s3cret!"}');
    const malformed = await resolveKafkaConnection(settings, async () => '{"user":"copycat","pass":"s3cret!"}').catch(
      (error: unknown) => error,
    );
    // Assess
    assert.deepEqual(connection.sasl, { mechanism: 'SCRAM-SHA-512', username: 'copycat', password: 's3cret!' });
    assert.equal(connection.securityProtocol, 'SASL_SSL');
    assert.ok(malformed instanceof KafkaConnectionConfigError);
    assert.doesNotMatch(malformed.message, /s3cret/);
  });

  it('when MSK IAM is configured, tokens are signed for the region', async () => {
    const settings = kafkaSettingsFromEnv({
      KAFKA_BOOTSTRAP_SERVERS: 'b-1.msk:9098',
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'AWS_MSK_IAM',
      AWS_REGION: 'eu-west-1',
    });
    const connection = await resolveKafkaConnection(settings, async () => assert.fail('no secret is read for MSK IAM'));
    assert.deepEqual(connection.sasl, { mechanism: 'AWS_MSK_IAM', region: 'eu-west-1' });
  });
});
