import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import type { ConnectRecord } from '../../../shared/api/record/connect-record.ts';
import { Headers } from '../../../shared/api/record/headers.ts';
import { HeaderFrom, plugins } from '../../../shared/transforms/header-from.ts';
import { JavaRuntimeException } from '../../../shared/transforms/support/java-errors.ts';
import { sinkRecord } from '../../support/records.ts';

function headerFrom(configs: Record<string, string>, side: 'key' | 'value' = 'value'): HeaderFrom {
  const transform = new HeaderFrom(side);
  transform.configure(configs);
  return transform;
}

const schema = SchemaBuilder.struct()
  .field('id', Schemas.INT32)
  .field('region', SchemaBuilder.string().optional().defaultValue('eu').build())
  .field('name', Schemas.STRING)
  .build();

const headersOf = (record: ConnectRecord | null) => [...(record?.headers ?? [])].map((h) => [h.key, h.value, h.schema]);

describe('HeaderFrom', () => {
  it('when copying struct fields, headers gain the values with their schemas and the value is kept', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('region', 'us').put('name', 'n');
    const existing = new Headers().add('id', 'old', Schemas.STRING);

    // Act
    const result = headerFrom({ fields: 'id,region', headers: 'id,r', operation: 'copy' }).apply(
      sinkRecord({ valueSchema: schema, value, headers: existing }),
    );

    // Assess
    assert.equal(result?.value, value);
    assert.equal(result?.valueSchema, schema);
    assert.deepEqual(headersOf(result), [
      ['id', 'old', Schemas.STRING],
      ['id', 1, Schemas.INT32],
      ['r', 'us', schema.field('region')?.schema],
    ]);
    assert.equal(existing.size, 1);
  });

  it('when moving struct fields, they leave the value and schema', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('name', 'n');

    // Act
    const result = headerFrom({ fields: 'region', headers: 'r', operation: 'move' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.deepEqual(
      result?.valueSchema?.fields.map((f) => f.name),
      ['id', 'name'],
    );
    assert.equal((result?.value as Struct).get('name'), 'n');
    assert.deepEqual(headersOf(result), [['r', 'eu', schema.field('region')?.schema]]);
  });

  it('when replace.null.with.default is false, a null field goes to the header as null', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('name', 'n');

    // Act
    const result = headerFrom({ fields: 'region', headers: 'r', operation: 'copy', 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    assert.deepEqual(headersOf(result), [['r', null, schema.field('region')?.schema]]);
  });

  it('when the value is a schemaless map, headers have no schema and move removes the entries', () => {
    // Prepare
    const value = new Map<string, unknown>([
      ['a', 1n],
      ['b', 'x'],
    ]);

    // Act
    const result = headerFrom({ fields: 'a,missing', headers: 'ha,hm', operation: 'move' }).apply(sinkRecord({ value }));

    // Assess
    assert.deepEqual([...(result?.value as Map<string, unknown>)], [['b', 'x']]);
    assert.deepEqual(headersOf(result), [
      ['ha', 1n, null],
      ['hm', null, null],
    ]);
    assert.equal(value.size, 2);
  });

  it('when a field is not in the struct, or the value is null or not a struct, it fails as Kafka does', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('name', 'n');

    // Act & Assess
    assert.throws(
      () => headerFrom({ fields: 'nope', headers: 'h', operation: 'copy' }).apply(sinkRecord({ valueSchema: schema, value })),
      (error: unknown) => error instanceof JavaRuntimeException && error.kafkaClassName === 'java.lang.NullPointerException',
    );
    assert.throws(() => headerFrom({ fields: 'a', headers: 'h', operation: 'copy' }).apply(sinkRecord({ value: null })), {
      message: 'Only Map objects supported in absence of schema for [header copy], found: null',
    });
    assert.throws(
      () => headerFrom({ fields: 'a', headers: 'h', operation: 'move' }).apply(sinkRecord({ valueSchema: Schemas.INT32, value: 5 })),
      {
        message: 'Only Struct objects supported for [header move], found: java.lang.Integer',
      },
    );
  });

  it('when it works on the key, the value is left alone', () => {
    // Prepare
    const key = new Struct(schema).put('id', 9).put('name', 'n');

    // Act
    const result = headerFrom({ fields: 'id', headers: 'kid', operation: 'move' }, 'key').apply(
      sinkRecord({ keySchema: schema, key, value: 'v' }),
    );

    // Assess
    assert.deepEqual(
      result?.keySchema?.fields.map((f) => f.name),
      ['region', 'name'],
    );
    assert.equal(result?.value, 'v');
    assert.deepEqual(headersOf(result), [['kid', 9, Schemas.INT32]]);
  });

  it('when the config is wrong, it is rejected with Kafka’s messages', () => {
    // Act & Assess
    assert.throws(() => headerFrom({ fields: 'a,b', headers: 'h', operation: 'copy' }), {
      message: "'fields' config must have the same number of elements as 'headers' config.",
    });
    assert.throws(() => headerFrom({ fields: '', headers: 'h', operation: 'copy' }), {
      message: 'Invalid value [] for configuration fields: Empty list',
    });
    assert.throws(() => headerFrom({ fields: 'a', headers: 'h', operation: 'swap' }), ConfigException);
    assert.equal(plugins.length, 2);
  });
});
