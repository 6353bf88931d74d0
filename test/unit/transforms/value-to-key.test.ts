import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import type { SinkRecord, SinkRecordFields } from '../../../shared/api/record/sink-record.ts';
import { plugins, ValueToKey } from '../../../shared/transforms/value-to-key.ts';
import { sinkRecord } from '../../support/records.ts';

/** Records with a key already, to show that it is replaced. */
function keyedRecord(fields: Partial<SinkRecordFields> = {}): SinkRecord {
  return sinkRecord({ key: 'old', ...fields });
}

function valueToKey(configs: Record<string, string>): ValueToKey {
  const transform = new ValueToKey();
  transform.configure(configs);
  return transform;
}

const schema = SchemaBuilder.struct()
  .field('id', Schemas.INT64)
  .field('region', SchemaBuilder.string().optional().defaultValue('eu').build())
  .field('name', Schemas.STRING)
  .build();

describe('ValueToKey', () => {
  it('when the value is a struct, the key becomes a struct of the listed fields in their order', () => {
    // Prepare
    const value = new Struct(schema).put('id', 7n).put('name', 'Ada');

    // Act
    const result = valueToKey({ fields: 'region,id' }).apply(keyedRecord({ valueSchema: schema, value }));

    // Assess
    assert.deepEqual(
      result?.keySchema?.fields.map((field) => [field.name, field.schema]),
      [
        ['region', schema.field('region')?.schema],
        ['id', Schemas.INT64],
      ],
    );
    const key = result?.key as Struct;
    assert.equal(key.getWithoutDefault('region'), 'eu');
    assert.equal(key.get('id'), 7n);
    assert.equal(result?.value, value);
  });

  it('when replace.null.with.default is false, a null field is copied as null', () => {
    // Prepare
    const value = new Struct(schema).put('id', 7n).put('name', 'Ada');

    // Act
    const result = valueToKey({ fields: 'region', 'replace.null.with.default': 'false' }).apply(
      keyedRecord({ valueSchema: schema, value }),
    );

    // Assess
    assert.equal((result?.key as Struct).getWithoutDefault('region'), null);
  });

  it('when the value is a schemaless map, the key becomes a map and absent fields are null', () => {
    // Act
    const result = valueToKey({ fields: 'id,absent' }).apply(
      keyedRecord({
        value: new Map<string, unknown>([
          ['id', 1n],
          ['x', 2n],
        ]),
      }),
    );

    // Assess
    assert.equal(result?.keySchema, null);
    assert.deepEqual(
      result?.key,
      new Map<string, unknown>([
        ['id', 1n],
        ['absent', null],
      ]),
    );
  });

  it('when a listed field is not in the value schema, it fails with Kafka message', () => {
    // Prepare
    const value = new Struct(schema).put('id', 7n).put('name', 'Ada');

    // Act & Assess
    assert.throws(() => valueToKey({ fields: 'nope' }).apply(keyedRecord({ valueSchema: schema, value })), {
      name: 'DataException',
      message: 'Field does not exist: nope',
    });
  });

  it('when the value is null (a tombstone), it fails as Kafka does', () => {
    assert.throws(() => valueToKey({ fields: 'id' }).apply(keyedRecord()), {
      message: 'Only Map objects supported in absence of schema for [copying fields from value to key], found: null',
    });
    assert.throws(() => valueToKey({ fields: 'id' }).apply(keyedRecord({ valueSchema: schema })), {
      message: 'Only Struct objects supported for [copying fields from value to key], found: null',
    });
  });

  it('when fields is empty, configure fails', () => {
    assert.throws(() => valueToKey({ fields: '' }), {
      message: "Configuration 'fields' must not be empty. Valid values include: any non-empty value",
    });
  });

  it('when registered, it has no key or value variant', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.ValueToKey'],
    );
  });
});
