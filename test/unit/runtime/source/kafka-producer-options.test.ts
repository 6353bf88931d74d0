import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProducerConfigError } from '../../../../shared/kafka/errors.ts';
import { DEFAULT_PRODUCER_OPTIONS, producerOptions, producerOverrides } from '../../../../shared/kafka/producer-options.ts';

function refusal(overrides: Record<string, string>): ProducerConfigError {
  try {
    producerOptions(overrides);
  } catch (error) {
    assert.ok(error instanceof ProducerConfigError);
    return error;
  }
  return assert.fail('the overrides were accepted');
}

describe('producer.override.* settings', () => {
  it('when none are given, the producer is idempotent with acks=all and at most 5 requests in flight', () => {
    assert.deepEqual(producerOptions({}), DEFAULT_PRODUCER_OPTIONS);
    assert.equal(DEFAULT_PRODUCER_OPTIONS.idempotent, true);
    assert.equal(DEFAULT_PRODUCER_OPTIONS.acks, -1);
  });

  it('when kafkajs has an equivalent, it is mapped', () => {
    // Act
    const options = producerOptions({
      'compression.type': 'gzip',
      retries: '3',
      'retry.backoff.ms': '50',
      'request.timeout.ms': '5000',
      'max.in.flight.requests.per.connection': '2',
      'batch.size': '1000',
      'client.id': 'orders',
      'linger.ms': '5',
    });
    // Assess
    assert.deepEqual(
      { ...options },
      {
        ...DEFAULT_PRODUCER_OPTIONS,
        compression: 'gzip',
        retries: 3,
        initialRetryTimeMs: 50,
        requestTimeoutMs: 5000,
        maxInFlightRequests: 2,
        batchSize: 1000,
        clientId: 'orders',
      },
    );
  });

  it('when acks is 1 without asking for idempotence, idempotence is turned off as Kafka does', () => {
    assert.deepEqual([producerOptions({ acks: '1' }).acks, producerOptions({ acks: '1' }).idempotent], [1, false]);
  });

  it('when a setting cannot be honoured, the error names its producer.override key', () => {
    assert.equal(refusal({ 'compression.type': 'zstd' }).key, 'producer.override.compression.type');
    assert.equal(refusal({ 'transactional.id': 'x' }).key, 'producer.override.transactional.id');
    assert.equal(refusal({ 'sasl.jaas.config': 'secret' }).key, 'producer.override.sasl.jaas.config');
    assert.equal(refusal({ 'no.such.setting': '1' }).key, 'producer.override.no.such.setting');
    assert.equal(refusal({ 'enable.idempotence': 'true', acks: '1' }).key, 'producer.override.acks');
    assert.equal(refusal({ 'max.in.flight.requests.per.connection': '6' }).key, 'producer.override.max.in.flight.requests.per.connection');
    assert.doesNotMatch(refusal({ 'sasl.jaas.config': 'hunter2' }).message, /hunter2/);
  });

  it('when a connector config is read, only producer.override.* keys are taken, without the prefix', () => {
    assert.deepEqual(producerOverrides({ 'producer.override.acks': 'all', topic: 't', 'producer.override.': 'x' }), { acks: 'all' });
  });
});
