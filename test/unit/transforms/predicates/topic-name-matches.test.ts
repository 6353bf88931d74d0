import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plugins, TopicNameMatches } from '../../../../shared/transforms/predicates/topic-name-matches.ts';
import { sinkRecord } from '../../../support/records.ts';

const recordOn = (topic: string) => sinkRecord({ topic });

function matches(pattern: string): TopicNameMatches {
  const predicate = new TopicNameMatches();
  predicate.configure({ pattern });
  return predicate;
}

describe('TopicNameMatches', () => {
  it('when the whole topic matches the Java regex, it is true; a partial match is false', () => {
    // Prepare
    const predicate = matches('orders-.*');

    // Act & Assess
    assert.equal(predicate.test(recordOn('orders-eu')), true);
    assert.equal(predicate.test(recordOn('my-orders-eu')), false);
    assert.equal(matches('(?i)ORDERS').test(recordOn('orders')), true);
    assert.equal(String(predicate), 'TopicNameMatches{pattern=orders-.*}');
  });

  it('when the pattern is missing, empty or invalid, the config is rejected with Kafka’s messages', () => {
    // Act & Assess
    assert.throws(() => new TopicNameMatches().configure({}), {
      message: 'Missing required configuration "pattern" which has no default value.',
    });
    assert.throws(() => matches(''), { message: 'Invalid value  for configuration pattern: String must be non-empty' });
    assert.throws(() => matches('[a-'), {
      message: 'Invalid value [a- for configuration pattern: Invalid regex: Illegal character range near index 3\n[a-',
    });
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches');
    assert.equal(plugins[0]?.kind, 'predicate');
  });
});
