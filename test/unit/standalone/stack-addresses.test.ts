import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stackAddresses } from '../../../shared/standalone/stack/local-stack.ts';

describe('stack addresses', () => {
  it('when nothing is set, it uses the local defaults', () => {
    const addresses = stackAddresses({});
    assert.deepEqual(addresses.kafkaBrokers, ['127.0.0.1:9092']);
    assert.equal(addresses.dynamoDbEndpoint, 'http://127.0.0.1:8000');
  });

  it('when KAFKA_BROKERS and DYNAMODB_ENDPOINT are set, it uses them', () => {
    const addresses = stackAddresses({ KAFKA_BROKERS: 'b1:9092, b2:9094', DYNAMODB_ENDPOINT: 'http://ddb:8001' });
    assert.deepEqual(addresses.kafkaBrokers, ['b1:9092', 'b2:9094']);
    assert.equal(addresses.dynamoDbEndpoint, 'http://ddb:8001');
  });

  it('when KAFKA_BROKERS is not a host:port list, it names the variable and an example', () => {
    assert.throws(() => stackAddresses({ KAFKA_BROKERS: 'localhost' }), /KAFKA_BROKERS="localhost" .*host:port/);
  });

  it('when DYNAMODB_ENDPOINT is not a URL, it names the variable', () => {
    assert.throws(
      () => stackAddresses({ DYNAMODB_ENDPOINT: '127.0.0.1:8000' }),
      /DYNAMODB_ENDPOINT="127.0.0.1:8000" is not an http\(s\) URL/,
    );
  });
});
