import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas, type Struct } from '../../../shared/api/data/index.ts';
import { HoistField, plugins } from '../../../shared/transforms/hoist-field.ts';
import { sinkRecord } from '../../support/records.ts';

function hoistField(side: 'key' | 'value', field: string): HoistField {
  const transform = new HoistField(side);
  transform.configure({ field });
  return transform;
}

describe('HoistField', () => {
  it('when the value has a schema, it is wrapped in a struct with one field of that schema', () => {
    // Act
    const result = hoistField('value', 'wrapped').apply(sinkRecord({ valueSchema: Schemas.INT32, value: 42 }));

    // Assess
    assert.deepEqual(
      result?.valueSchema?.fields.map((field) => [field.name, field.schema]),
      [['wrapped', Schemas.INT32]],
    );
    assert.equal((result?.value as Struct).get('wrapped'), 42);
  });

  it('when the value is schemaless, it is wrapped in a map, null included', () => {
    // Act
    const result = hoistField('value', 'w').apply(sinkRecord({ value: 'text' }));
    const tombstone = hoistField('value', 'w').apply(sinkRecord());

    // Assess
    assert.deepEqual(result?.value, new Map([['w', 'text']]));
    assert.deepEqual(tombstone?.value, new Map([['w', null]]));
    assert.equal(tombstone?.valueSchema, null);
  });

  it('when a null value has a required schema, wrapping it fails', () => {
    assert.throws(() => hoistField('value', 'w').apply(sinkRecord({ valueSchema: Schemas.STRING })), {
      message: 'Invalid value: null used for required field: "w", schema type: STRING',
    });
  });

  it('when it is the key variant, it wraps the key', () => {
    // Act
    const result = hoistField('key', 'id').apply(sinkRecord({ key: 7n, value: 'v' }));

    // Assess
    assert.deepEqual(result?.key, new Map([['id', 7n]]));
    assert.equal(result?.value, 'v');
  });

  it('when records share a schema, the struct schema is built once', () => {
    // Prepare
    const transform = hoistField('value', 'w');

    // Act
    const first = transform.apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'a' }));
    const second = transform.apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'b' }));

    // Assess
    assert.equal(first?.valueSchema, second?.valueSchema);
  });

  it('when field is not set, configure fails', () => {
    assert.throws(() => new HoistField('value').configure({}), {
      message: 'Missing required configuration "field" which has no default value.',
    });
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.HoistField$Key', 'org.apache.kafka.connect.transforms.HoistField$Value'],
    );
  });
});
