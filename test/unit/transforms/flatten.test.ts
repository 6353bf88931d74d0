import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal, ConnectDate, SchemaBuilder, Schemas, Struct } from '../../../shared/api/data/index.ts';
import { DataException, SchemaBuilderException } from '../../../shared/api/errors.ts';
import { Flatten, plugins } from '../../../shared/transforms/flatten.ts';
import { sinkRecord } from '../../support/records.ts';

function flatten(configs: Record<string, string> = {}, side: 'key' | 'value' = 'value'): Flatten {
  const transform = new Flatten(side);
  transform.configure(configs);
  return transform;
}

const address = SchemaBuilder.struct().field('city', Schemas.STRING).field('zip', Schemas.OPTIONAL_INT32).build();
const schema = SchemaBuilder.struct()
  .name('order')
  .field('id', Schemas.INT64)
  .field('address', address)
  .field('tags', SchemaBuilder.array(Schemas.STRING).build())
  .field('day', ConnectDate.builder().optional().build())
  .build();

describe('Flatten', () => {
  it('when a struct nests structs, their fields join the top level with dotted names', () => {
    // Prepare
    const value = new Struct(schema)
      .put('id', 1n)
      .put('address', new Struct(address).put('city', 'Oslo').put('zip', 150))
      .put('tags', ['a'])
      .put('day', new Date(0));

    // Act
    const result = flatten().apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    const flat = result?.value as Struct;
    assert.deepEqual(
      result?.valueSchema?.fields.map((field) => field.name),
      ['id', 'address.city', 'address.zip', 'tags', 'day'],
    );
    assert.equal(result?.valueSchema?.name, 'order');
    assert.equal(flat.get('address.city'), 'Oslo');
    assert.deepEqual(flat.get('tags'), ['a']);
    assert.equal(result?.valueSchema?.field('tags')?.schema.valueSchema, Schemas.STRING);
    assert.equal(result?.valueSchema?.field('day')?.schema.name, ConnectDate.LOGICAL_NAME);
  });

  it('when the delimiter is set, names join with it', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1n).put('address', new Struct(address).put('city', 'Oslo')).put('tags', []);

    // Act
    const result = flatten({ delimiter: '__' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal((result?.value as Struct).get('address__city'), 'Oslo');
  });

  it('when a parent struct is optional, its fields become optional and take defaults from the parent default', () => {
    // Prepare
    const inner = SchemaBuilder.struct()
      .optional()
      .field('c', SchemaBuilder.int32().defaultValue(7).build())
      .field('d', Schemas.OPTIONAL_INT32)
      .build();
    const parent = SchemaBuilder.struct()
      .optional()
      .field('c', SchemaBuilder.int32().defaultValue(7).build())
      .field('d', Schemas.OPTIONAL_INT32)
      .defaultValue(new Struct(inner).put('c', 5).put('d', 6))
      .build();
    const outer = SchemaBuilder.struct().field('a', parent).field('s', Schemas.STRING).build();

    // Act
    const result = flatten().apply(sinkRecord({ valueSchema: outer, value: new Struct(outer).put('s', 'x') }));

    // Assess
    const fields = result?.valueSchema?.fields.map((f) => [f.name, f.schema.optional, f.schema.defaultValue]);
    assert.deepEqual(fields, [
      ['a.c', true, 7],
      ['a.d', true, 6],
      ['s', false, null],
    ]);
    assert.equal((result?.value as Struct).get('a.c'), 5);
  });

  it('when a struct holds a map, or names collide, it fails as Kafka does', () => {
    // Prepare
    const withMap = SchemaBuilder.struct().field('m', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build()).build();
    const colliding = SchemaBuilder.struct()
      .field('a.b', Schemas.STRING)
      .field('a', SchemaBuilder.struct().field('b', Schemas.STRING).build())
      .build();

    // Act & Assess
    assert.throws(() => flatten().apply(sinkRecord({ valueSchema: withMap, value: new Struct(withMap).put('m', new Map()) })), {
      message: 'Flatten transformation does not support MAP for record with schemas (for field m).',
    });
    assert.throws(() => flatten().apply(sinkRecord({ valueSchema: colliding, value: new Struct(colliding) })), SchemaBuilderException);
  });

  it('when the value is null, the record passes unchanged; when it is not a struct, it fails', () => {
    // Prepare
    const tombstone = sinkRecord({ valueSchema: schema, value: null });

    // Act & Assess
    assert.equal(flatten().apply(tombstone), tombstone);
    assert.throws(() => flatten().apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'x' })), {
      message: 'Only Struct objects supported for [flattening], found: java.lang.String',
    });
  });

  it('when the value is schemaless, nested maps flatten, arrays and nulls stay', () => {
    // Prepare
    const value = new Map<string, unknown>([
      [
        'a',
        new Map<string, unknown>([
          ['b', 1n],
          ['c', new Map([['d', 'x']])],
          ['e', null],
        ]),
      ],
      ['list', [new Map([['x', 1n]])]],
    ]);

    // Act
    const result = flatten().apply(sinkRecord({ value }));

    // Assess
    assert.equal(result?.valueSchema, null);
    assert.deepEqual(
      [...(result?.value as Map<string, unknown>)],
      [
        ['a.b', 1n],
        ['a.c.d', 'x'],
        ['a.e', null],
        ['list', [new Map([['x', 1n]])]],
      ],
    );
  });

  it('when a schemaless value holds something that is not Connect data, it fails with Kafka’s message', () => {
    // Act & Assess
    assert.throws(() => flatten().apply(sinkRecord({ value: new Map([['d', new BigDecimal(1n, 0)]]) })), {
      message: "Flatten transformation was passed a value of type class java.math.BigDecimal which is not supported by Connect's data API",
    });
    assert.throws(() => flatten().apply(sinkRecord({ value: new Map([['s', new Struct(address)]]) })), {
      message:
        'Flatten transformation does not support class org.apache.kafka.connect.data.Struct for record without schemas (for field s).',
    });
    assert.throws(() => flatten().apply(sinkRecord({ value: 'x' })), DataException);
  });

  it('when it works on the key, the value is left alone', () => {
    // Act
    const result = flatten({}, 'key').apply(sinkRecord({ key: new Map([['a', new Map([['b', 1n]])]]), value: 'v' }));

    // Assess
    assert.deepEqual([...(result?.key as Map<string, unknown>)], [['a.b', 1n]]);
    assert.equal(result?.value, 'v');
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.Flatten$Key', 'org.apache.kafka.connect.transforms.Flatten$Value'],
    );
  });
});
