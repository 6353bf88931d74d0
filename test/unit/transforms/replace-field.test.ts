import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import { plugins, ReplaceField } from '../../../shared/transforms/replace-field.ts';
import { sinkRecord } from '../../support/records.ts';

function replaceField(side: 'key' | 'value', configs: Record<string, string>): ReplaceField {
  const transform = new ReplaceField(side);
  transform.configure(configs);
  return transform;
}

const schema = SchemaBuilder.struct()
  .name('person')
  .field('id', Schemas.INT32)
  .field('name', Schemas.STRING)
  .field('secret', Schemas.OPTIONAL_STRING)
  .field('age', SchemaBuilder.int32().optional().defaultValue(18).build())
  .build();

describe('ReplaceField', () => {
  it('when the value is a struct, it drops excluded fields, keeps included ones and renames', () => {
    // Prepare
    const transform = replaceField('value', { exclude: 'secret', include: 'id,name,secret', renames: 'id:person_id' });
    const value = new Struct(schema).put('id', 1).put('name', 'Ada').put('secret', 'x');

    // Act
    const result = transform.apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal(result?.valueSchema?.name, 'person');
    assert.deepEqual(
      result?.valueSchema?.fields.map((field) => field.name),
      ['person_id', 'name'],
    );
    const struct = result?.value as Struct;
    assert.equal(struct.get('person_id'), 1);
    assert.equal(struct.get('name'), 'Ada');
  });

  it('when the value is a schemaless map, it filters and renames its entries', () => {
    // Prepare
    const transform = replaceField('value', { exclude: 'b', renames: 'a:x' });

    // Act
    const result = transform.apply(
      sinkRecord({
        value: new Map<string, unknown>([
          ['a', 1n],
          ['b', 2n],
          ['c', null],
        ]),
      }),
    );

    // Assess
    assert.deepEqual(
      result?.value,
      new Map<string, unknown>([
        ['x', 1n],
        ['c', null],
      ]),
    );
  });

  it('when it is the key variant, it works on the key', () => {
    // Act
    const result = replaceField('key', { renames: 'a:b' }).apply(sinkRecord({ key: new Map([['a', 'v']]), value: new Map([['a', 'v']]) }));

    // Assess
    assert.deepEqual(result?.key, new Map([['b', 'v']]));
    assert.deepEqual(result?.value, new Map([['a', 'v']]));
  });

  it('when the value is null (a tombstone), it passes the record through', () => {
    // Prepare
    const record = sinkRecord({ valueSchema: schema, value: null });

    // Act & Assess
    assert.equal(replaceField('value', { exclude: 'id' }).apply(record), record);
  });

  it('when a null field has a default, replace.null.with.default decides what is copied', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('name', 'Ada');

    // Act
    const replaced = replaceField('value', {}).apply(sinkRecord({ valueSchema: schema, value }));
    const kept = replaceField('value', { 'replace.null.with.default': 'false' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal((replaced?.value as Struct).getWithoutDefault('age'), 18);
    assert.equal((kept?.value as Struct).getWithoutDefault('age'), null);
  });

  it('when a rename mapping is not one colon-separated pair, configure fails with Kafka message', () => {
    assert.throws(
      () => replaceField('value', { renames: 'a:b,c' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigException);
        assert.equal(error.message, 'Invalid value [a:b, c] for configuration renames: Invalid rename mapping: c');
        return true;
      },
    );
    assert.throws(() => replaceField('value', { renames: 'a:' }), { message: /Invalid rename mapping: a:$/ });
  });

  it('when a mapping has a trailing colon after a pair, it is accepted as Java split accepts it', () => {
    // Act
    const result = replaceField('value', { renames: 'a:b:' }).apply(sinkRecord({ value: new Map([['a', 1n]]) }));

    // Assess
    assert.deepEqual(result?.value, new Map([['b', 1n]]));
  });

  it('when exclude lists a field twice, the duplicate is dropped as Kafka 4.3 drops it', () => {
    const result = replaceField('value', { exclude: 'a,a' }).apply(
      sinkRecord({
        value: new Map([
          ['a', 1n],
          ['b', 2n],
        ]),
      }),
    );
    assert.deepEqual([...(result?.value as Map<string, unknown>).keys()], ['b']);
  });

  it('when the deprecated blacklist is given, it is ignored as Kafka 4 ignores it', () => {
    // Act
    const result = replaceField('value', { blacklist: 'a' }).apply(sinkRecord({ value: new Map([['a', 1n]]) }));

    // Assess
    assert.deepEqual(result?.value, new Map([['a', 1n]]));
  });

  it('when the schemaless value is not a map, it fails with Kafka message', () => {
    assert.throws(() => replaceField('value', {}).apply(sinkRecord({ value: [1n] })), {
      message: 'Only Map objects supported in absence of schema for [field replacement], found: java.util.ArrayList',
    });
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.ReplaceField$Key', 'org.apache.kafka.connect.transforms.ReplaceField$Value'],
    );
  });
});
