import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../../../shared/api/data/index.ts';
import { Headers } from '../../../../shared/api/record/headers.ts';
import { HasHeaderKey, plugins } from '../../../../shared/transforms/predicates/has-header-key.ts';
import { sinkRecord } from '../../../support/records.ts';

const recordWith = (headers: Headers) => sinkRecord({ headers });

describe('HasHeaderKey', () => {
  it('when a header of that name exists, even with a null value, it is true', () => {
    // Prepare
    const predicate = new HasHeaderKey();
    predicate.configure({ name: 'trace' });

    // Act & Assess
    assert.equal(predicate.test(recordWith(new Headers().add('trace', null, null))), true);
    assert.equal(predicate.test(recordWith(new Headers().add('Trace', 'x', Schemas.STRING))), false);
    assert.equal(predicate.test(recordWith(new Headers())), false);
    assert.equal(String(predicate), "HasHeaderKey{name='trace'}");
  });

  it('when the name is missing or empty, the config is rejected', () => {
    // Act & Assess
    assert.throws(() => new HasHeaderKey().configure({}), { message: 'Missing required configuration "name" which has no default value.' });
    assert.throws(() => new HasHeaderKey().configure({ name: '' }), {
      message: 'Invalid value  for configuration name: String must be non-empty',
    });
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.predicates.HasHeaderKey');
  });
});
