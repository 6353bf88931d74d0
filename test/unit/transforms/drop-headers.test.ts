import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../../shared/api/data/index.ts';
import { Headers } from '../../../shared/api/record/headers.ts';
import { DropHeaders, plugins } from '../../../shared/transforms/drop-headers.ts';
import { sinkRecord } from '../../support/records.ts';

function dropHeaders(headers: string): DropHeaders {
  const transform = new DropHeaders();
  transform.configure({ headers });
  return transform;
}

describe('DropHeaders', () => {
  it('when headers are named, every header with those names goes and the rest keep their order', () => {
    // Prepare
    const headers = new Headers()
      .add('a', '1', Schemas.STRING)
      .add('b', '2', Schemas.STRING)
      .add('a', '3', Schemas.STRING)
      .add('c', null, null);
    const record = sinkRecord({ value: 'v', headers });

    // Act
    const result = dropHeaders('a, c').apply(record);

    // Assess
    assert.deepEqual(
      [...(result?.headers ?? [])].map((h) => h.key),
      ['b'],
    );
    assert.equal(headers.size, 4);
    assert.equal(result?.value, 'v');
  });

  it('when the list is empty, has an empty name or is missing, the config is rejected; a repeated name is accepted, as in Kafka 4.3', () => {
    // Act & Assess
    assert.throws(() => dropHeaders(''), {
      message: "Configuration 'headers' must not be empty. Valid values include: any non-empty value",
    });
    assert.throws(() => dropHeaders('a,,b'), { message: "Configuration 'headers' values must not be empty." });
    assert.doesNotThrow(() => dropHeaders('a,a'));
    assert.throws(() => new DropHeaders().configure({}), {
      message: 'Missing required configuration "headers" which has no default value.',
    });
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.DropHeaders');
  });
});
