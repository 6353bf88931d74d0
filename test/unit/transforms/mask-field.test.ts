import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal, Decimal, SchemaBuilder, Schemas, SizedNumber, Struct, Timestamp } from '../../../shared/api/data/index.ts';
import { MaskField, plugins } from '../../../shared/transforms/mask-field.ts';
import { sinkRecord } from '../../support/records.ts';

function maskField(side: 'key' | 'value', configs: Record<string, string>): MaskField {
  const transform = new MaskField(side);
  transform.configure(configs);
  return transform;
}

const schema = SchemaBuilder.struct()
  .field('i8', Schemas.INT8)
  .field('i32', Schemas.INT32)
  .field('i64', Schemas.INT64)
  .field('f32', Schemas.FLOAT32)
  .field('bool', Schemas.BOOLEAN)
  .field('text', Schemas.STRING)
  .field('amount', Decimal.schema(2))
  .field('at', Timestamp.schema())
  .field('list', SchemaBuilder.array(Schemas.STRING).build())
  .field('map', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build())
  .field('missing', Schemas.OPTIONAL_STRING)
  .build();

function fullStruct(): Struct {
  return new Struct(schema)
    .put('i8', 5)
    .put('i32', 100)
    .put('i64', 1000n)
    .put('f32', 1.5)
    .put('bool', true)
    .put('text', 'secret')
    .put('amount', new BigDecimal(1234n, 2))
    .put('at', new Date(1_000_000))
    .put('list', ['a'])
    .put('map', new Map([['k', 'v']]));
}

describe('MaskField', () => {
  it('when masking struct fields, each gets the empty value of its type and nulls stay null', () => {
    // Prepare
    const transform = maskField('value', { fields: 'i8,i32,i64,f32,bool,text,amount,at,list,map,missing' });

    // Act
    const result = transform.apply(sinkRecord({ valueSchema: schema, value: fullStruct() }));

    // Assess
    const struct = result?.value as Struct;
    assert.equal(result?.valueSchema, schema);
    assert.deepEqual(
      schema.fields.map((field) => struct.get(field)),
      [0, 0, 0n, 0, false, '', new BigDecimal(0n, 0), new Date(0), [], new Map(), null],
    );
  });

  it('when masking schemaless entries, numbers keep their Java class and absent fields become null', () => {
    // Prepare
    const transform = maskField('value', { fields: 'long,double,int,text,absent' });
    const value = new Map<string, unknown>([
      ['long', 7n],
      ['double', 2.5],
      ['int', new SizedNumber('INT32', 9)],
      ['text', 'x'],
      ['kept', 'y'],
    ]);

    // Act
    const result = transform.apply(sinkRecord({ value }));

    // Assess
    assert.deepEqual(
      result?.value,
      new Map<string, unknown>([
        ['long', 0n],
        ['double', 0],
        ['int', new SizedNumber('INT32', 0)],
        ['text', ''],
        ['kept', 'y'],
        ['absent', null],
      ]),
    );
  });

  it('when a replacement is given, it is converted to each number type as Kafka Values does', () => {
    // Prepare
    const transform = maskField('value', { fields: 'i8,i32,i64,f32,text,amount', replacement: '300.9' });

    // Act
    const struct = transform.apply(sinkRecord({ valueSchema: schema, value: fullStruct() }))?.value as Struct;

    // Assess
    assert.equal(struct.get('i8'), 44);
    assert.equal(struct.get('i32'), 300);
    assert.equal(struct.get('i64'), 300n);
    assert.equal(struct.get('f32'), Math.fround(300.9));
    assert.equal(struct.get('text'), '300.9');
    assert.deepEqual(struct.get('amount'), new BigDecimal(3009n, 1));
  });

  it('when a replacement cannot be used for a type, it fails with Kafka messages', () => {
    // Prepare
    const record = sinkRecord({ valueSchema: schema, value: fullStruct() });

    // Act & Assess
    assert.throws(() => maskField('value', { fields: 'bool', replacement: 'x' }).apply(record), {
      name: 'DataException',
      message: 'Cannot mask value of type class java.lang.Boolean with custom replacement.',
    });
    assert.throws(() => maskField('value', { fields: 'i32', replacement: 'abc' }).apply(record), {
      message: 'Unable to convert abc (class java.lang.String) to a number',
    });
    assert.throws(() => maskField('value', { fields: 'amount', replacement: 'abc' }).apply(record), {
      message: 'Unable to convert abc (class java.lang.String) to number',
    });
  });

  it('when a field is a struct or bytes, it cannot be masked', () => {
    // Prepare
    const inner = SchemaBuilder.struct().field('a', Schemas.INT32).build();
    const outer = SchemaBuilder.struct().field('inner', inner).field('raw', Schemas.BYTES).build();
    const value = new Struct(outer).put('inner', new Struct(inner).put('a', 1)).put('raw', new Uint8Array([1]));

    // Act & Assess
    assert.throws(() => maskField('value', { fields: 'inner' }).apply(sinkRecord({ valueSchema: outer, value })), {
      message: 'Cannot mask value of type: class org.apache.kafka.connect.data.Struct',
    });
    assert.throws(() => maskField('value', { fields: 'raw' }).apply(sinkRecord({ valueSchema: outer, value })), {
      message: 'Cannot mask value of type: class [B',
    });
  });

  it('when the value is null (a tombstone), it fails as Kafka does', () => {
    assert.throws(() => maskField('value', { fields: 'a' }).apply(sinkRecord()), {
      message: 'Only Map objects supported in absence of schema for [mask fields], found: null',
    });
    assert.throws(() => maskField('value', { fields: 'a' }).apply(sinkRecord({ valueSchema: schema })), {
      message: 'Only Struct objects supported for [mask fields], found: null',
    });
  });

  it('when it is the key variant, it masks the key', () => {
    // Act
    const result = maskField('key', { fields: 'k' }).apply(sinkRecord({ key: new Map([['k', 'v']]), value: 'value' }));

    // Assess
    assert.deepEqual(result?.key, new Map([['k', '']]));
    assert.equal(result?.value, 'value');
  });

  it('when replace.null.with.default is false, a null field with a default stays null', () => {
    // Prepare
    const withDefault = SchemaBuilder.struct().field('n', SchemaBuilder.int32().optional().defaultValue(4).build()).build();

    // Act
    const replaced = maskField('value', { fields: 'x' }).apply(sinkRecord({ valueSchema: withDefault, value: new Struct(withDefault) }));
    const kept = maskField('value', { fields: 'x', 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: withDefault, value: new Struct(withDefault) }),
    );

    // Assess
    assert.equal((replaced?.value as Struct).getWithoutDefault('n'), 4);
    assert.equal((kept?.value as Struct).getWithoutDefault('n'), null);
  });

  it('when fields is missing or the replacement empty, configure fails', () => {
    assert.throws(() => maskField('value', {}), { message: 'Missing required configuration "fields" which has no default value.' });
    assert.throws(() => maskField('value', { fields: 'a', replacement: '' }), {
      message: 'Invalid value  for configuration replacement: String must be non-empty',
    });
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.MaskField$Key', 'org.apache.kafka.connect.transforms.MaskField$Value'],
    );
  });
});
