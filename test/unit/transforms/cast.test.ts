import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import {
  BigDecimal,
  ConnectDate,
  Decimal,
  SchemaBuilder,
  Schemas,
  SizedNumber,
  Struct,
  Timestamp,
} from '../../../shared/api/data/index.ts';
import type { Schema } from '../../../shared/api/data/schema.ts';
import { Cast, plugins } from '../../../shared/transforms/cast.ts';
import { sinkRecord } from '../../support/records.ts';

function cast(spec: string, side: 'key' | 'value' = 'value', extra: Record<string, string> = {}): Cast {
  const transform = new Cast(side);
  transform.configure({ spec, ...extra });
  return transform;
}

/** The whole value cast to `type` with a schema: [schema type, value]. */
function castWhole(type: string, schema: Schema, value: unknown): [string | undefined, unknown] {
  const result = cast(type).apply(sinkRecord({ valueSchema: schema, value }));
  return [result?.valueSchema?.type, result?.value];
}

describe('Cast', () => {
  it('when a whole value is cast to a narrower integer, it wraps as Java narrowing does', () => {
    assert.deepEqual(castWhole('int8', Schemas.INT64, 300n), ['INT8', 44]);
    assert.deepEqual(castWhole('int16', Schemas.INT32, 70000), ['INT16', 4464]);
    assert.deepEqual(castWhole('int32', Schemas.INT64, 2n ** 40n + 5n), ['INT32', 5]);
    assert.deepEqual(castWhole('int32', Schemas.FLOAT64, 1e20), ['INT32', 2147483647]);
    assert.deepEqual(castWhole('int8', Schemas.FLOAT64, 1e10), ['INT8', -1]);
    assert.deepEqual(castWhole('int64', Schemas.FLOAT64, Number.NaN), ['INT64', 0n]);
    assert.deepEqual(castWhole('int64', Schemas.FLOAT32, -3.9), ['INT64', -3n]);
  });

  it('when numbers are cast to floats and booleans, they round and compare as Java does', () => {
    assert.deepEqual(castWhole('float32', Schemas.FLOAT64, 0.1), ['FLOAT32', Math.fround(0.1)]);
    // 2^60 + 2^36 + 1 rounds up to 2^60 + 2^37 as a float, but through a double it would tie down to 2^60.
    assert.deepEqual(castWhole('float32', Schemas.INT64, 2n ** 60n + 2n ** 36n + 1n), ['FLOAT32', 2 ** 60 + 2 ** 37]);
    assert.deepEqual(castWhole('float64', Schemas.INT64, 9007199254740993n), ['FLOAT64', 9007199254740992]);
    assert.deepEqual(castWhole('boolean', Schemas.FLOAT64, 0.5), ['BOOLEAN', false]);
    assert.deepEqual(castWhole('boolean', Schemas.INT32, -2), ['BOOLEAN', true]);
    assert.deepEqual(castWhole('int32', Schemas.BOOLEAN, true), ['INT32', 1]);
    assert.deepEqual(castWhole('int64', Schemas.BOOLEAN, false), ['INT64', 0n]);
  });

  it('when values are cast to string, they read as Java prints them', () => {
    assert.deepEqual(castWhole('string', Schemas.FLOAT64, 1e7), ['STRING', '1.0E7']);
    assert.deepEqual(castWhole('string', Schemas.FLOAT32, Math.fround(1.1)), ['STRING', '1.1']);
    assert.deepEqual(castWhole('string', Schemas.INT64, -5n), ['STRING', '-5']);
    assert.deepEqual(castWhole('string', Schemas.BOOLEAN, true), ['STRING', 'true']);
    assert.deepEqual(castWhole('string', Schemas.BYTES, new Uint8Array([1, 2, 255])), ['STRING', 'AQL/']);
    assert.deepEqual(castWhole('string', Decimal.schema(2), new BigDecimal(12345n, 2)), ['STRING', '123.45']);
    assert.deepEqual(castWhole('string', Timestamp.schema(), new Date(Date.UTC(2024, 5, 10, 6, 13, 20, 5))), [
      'STRING',
      '2024-06-10T06:13:20.005Z',
    ]);
    assert.deepEqual(castWhole('string', ConnectDate.schema(), new Date(Date.UTC(2024, 5, 10))), ['STRING', '2024-06-10']);
    assert.deepEqual(castWhole('string', Timestamp.schema(), new Date(3_600_000)), ['STRING', '01:00:00.000Z']);
  });

  it('when strings are cast to numbers, Java parse rules apply and failures name the value', () => {
    assert.deepEqual(castWhole('int32', Schemas.STRING, '+42'), ['INT32', 42]);
    assert.deepEqual(castWhole('float64', Schemas.STRING, ' 1.5e3d '), ['FLOAT64', 1500]);
    assert.deepEqual(castWhole('float32', Schemas.STRING, 'NaN'), ['FLOAT32', Number.NaN]);
    assert.deepEqual(castWhole('boolean', Schemas.STRING, 'TRUE'), ['BOOLEAN', true]);
    assert.deepEqual(castWhole('boolean', Schemas.STRING, 'yes'), ['BOOLEAN', false]);
    assert.throws(() => castWhole('int8', Schemas.STRING, '128'), {
      name: 'DataException',
      message: 'Value (128) was out of range for requested data type',
    });
    assert.throws(() => castWhole('int64', Schemas.STRING, '1.0'), { message: 'Value (1.0) was out of range for requested data type' });
  });

  it('when logical values are cast to numbers, they are encoded first', () => {
    assert.deepEqual(castWhole('int64', Timestamp.schema(), new Date(1234)), ['INT64', 1234n]);
    assert.deepEqual(castWhole('int32', ConnectDate.schema(), new Date(Date.UTC(1970, 0, 11))), ['INT32', 10]);
    assert.deepEqual(castWhole('float64', Decimal.schema(2), new BigDecimal(12345n, 2)), ['FLOAT64', 123.45]);
    assert.deepEqual(castWhole('int32', Decimal.schema(2), new BigDecimal(-12399n, 2)), ['INT32', -123]);
  });

  it('when a whole value is cast with a schema, the new schema keeps name, optionality and a cast default', () => {
    // Prepare
    const schema = SchemaBuilder.int64().name('amount').version(3).optional().defaultValue(300n).build();

    // Act
    const result = cast('int8').apply(sinkRecord({ valueSchema: schema, value: 1n }));

    // Assess
    assert.equal(result?.valueSchema?.type, 'INT8');
    assert.equal(result?.valueSchema?.name, 'amount');
    assert.equal(result?.valueSchema?.version, 3);
    assert.equal(result?.valueSchema?.optional, true);
    assert.equal(result?.valueSchema?.defaultValue, 44);
    assert.equal(result?.value, 1);
  });

  it('when fields of a struct are cast, only they change, keeping optionality and defaults', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .name('s')
      .field('a', Schemas.INT64)
      .field('b', SchemaBuilder.float64().optional().defaultValue(2.5).build())
      .field('c', Schemas.STRING)
      .build();
    const value = new Struct(schema).put('a', 5n).put('c', 'x');

    // Act
    const result = cast('a:string,b:int32').apply(sinkRecord({ valueSchema: schema, value }));
    const nulls = cast('a:string,b:int32', 'value', { 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    const updated = result?.valueSchema;
    assert.equal(updated?.name, 's');
    assert.deepEqual(
      updated?.fields.map((field) => [field.name, field.schema.type, field.schema.optional, field.schema.defaultValue]),
      [
        ['a', 'STRING', false, null],
        ['b', 'INT32', true, 2],
        ['c', 'STRING', false, null],
      ],
    );
    assert.equal(updated?.field('c')?.schema, Schemas.STRING);
    const struct = result?.value as Struct;
    assert.equal(struct.get('a'), '5');
    assert.equal(struct.getWithoutDefault('b'), 2);
    assert.equal((nulls?.value as Struct).getWithoutDefault('b'), null);
  });

  it('when schemaless values are cast, narrow results keep their Java class and absent fields become null', () => {
    // Prepare
    const value = new Map<string, unknown>([
      ['a', 7n],
      ['b', '2.5'],
      ['c', new SizedNumber('FLOAT32', Math.fround(1.1))],
    ]);

    // Act
    const result = cast('a:int32,b:float32,c:string,d:int8').apply(sinkRecord({ value }));
    const whole = cast('int16').apply(sinkRecord({ value: 70000n }));

    // Assess
    assert.equal(result?.valueSchema, null);
    assert.deepEqual(
      result?.value,
      new Map<string, unknown>([
        ['a', new SizedNumber('INT32', 7)],
        ['b', new SizedNumber('FLOAT32', 2.5)],
        ['c', '1.1'],
        ['d', null],
      ]),
    );
    assert.deepEqual(whole?.value, new SizedNumber('INT16', 4464));
  });

  it('when schemaless JSON numbers (Long, Double) are cast, it converts as Java does and leaves the input map alone', () => {
    // Prepare
    const value = new Map<string, unknown>([
      ['longToInt', 2n ** 31n + 5n],
      ['longToLong', -(2n ** 63n)],
      ['longToString', -42n],
      ['longToDouble', 2n ** 53n + 1n],
      ['doubleToFloat', 0.1],
      ['doubleToDouble', -0],
      ['doubleToString', 1e7],
      ['smallToString', 0.5],
      ['doubleToInt', -3.9],
      ['doubleToLong', 1e300],
    ]);
    const before = new Map(value);
    const spec =
      'longToInt:int32,longToLong:int64,longToString:string,longToDouble:float64,doubleToFloat:float32,doubleToDouble:float64,' +
      'doubleToString:string,smallToString:string,doubleToInt:int32,doubleToLong:int64';

    // Act
    const result = cast(spec).apply(sinkRecord({ value }));

    // Assess
    assert.deepEqual(
      result?.value,
      new Map<string, unknown>([
        ['longToInt', new SizedNumber('INT32', -2147483643)],
        ['longToLong', -(2n ** 63n)],
        ['longToString', '-42'],
        ['longToDouble', 9007199254740992],
        ['doubleToFloat', new SizedNumber('FLOAT32', Math.fround(0.1))],
        ['doubleToDouble', -0],
        ['doubleToString', '1.0E7'],
        ['smallToString', '0.5'],
        ['doubleToInt', new SizedNumber('INT32', -3)],
        ['doubleToLong', 2n ** 63n - 1n],
      ]),
    );
    assert.ok(Object.is((result?.value as Map<string, unknown>).get('doubleToDouble'), -0));
    assert.deepEqual(value, before);
  });

  it('when the value is null (a tombstone), it passes the record through', () => {
    // Prepare
    const record = sinkRecord({ valueSchema: Schemas.OPTIONAL_INT64 });

    // Act & Assess
    assert.equal(cast('int8').apply(record), record);
  });

  it('when it is the key variant, it casts the key', () => {
    // Act
    const result = cast('string', 'key').apply(sinkRecord({ keySchema: Schemas.INT32, key: 12, value: 1n }));

    // Assess
    assert.equal(result?.key, '12');
    assert.equal(result?.keySchema?.type, 'STRING');
    assert.equal(result?.value, 1n);
  });

  it('when the input type cannot be cast, it fails with Kafka messages', () => {
    const struct = SchemaBuilder.struct()
      .field('m', SchemaBuilder.map(Schemas.STRING, Schemas.STRING).build())
      .field('b', Schemas.BYTES)
      .build();
    const value = new Struct(struct).put('m', new Map()).put('b', new Uint8Array([1]));
    assert.throws(() => cast('m:string').apply(sinkRecord({ valueSchema: struct, value })), {
      message:
        'Cast transformation does not support casting from MAP; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]',
    });
    assert.throws(() => cast('b:int8').apply(sinkRecord({ valueSchema: struct, value })), {
      message: 'Unexpected type in Cast transformation: class [B',
    });
    assert.throws(() => cast('a:int8').apply(sinkRecord({ valueSchema: Schemas.STRING, value: 'x' })), {
      message: 'Cannot list fields on non-struct type',
    });
    assert.throws(() => cast('a:int8').apply(sinkRecord({ value: new Map([['a', new Date(0)]]) })), {
      message: "Cast transformation was passed a value of type class java.util.Date which is not supported by Connect's data API",
    });
  });

  it('when the spec is invalid, configure fails with Kafka messages', () => {
    const fails = (spec: string, message: string) =>
      assert.throws(
        () => cast(spec),
        (error: unknown) => {
          assert.equal((error as Error).message, message);
          return true;
        },
      );
    fails('', 'Must specify at least one field to cast.');
    fails(
      'a:int8,int16',
      'Cast transformations that specify a type to cast the entire value to may only specify a single cast in their spec',
    );
    fails(
      'a:foo',
      'Invalid value java.lang.IllegalArgumentException: No enum constant org.apache.kafka.connect.data.Schema.Type.FOO for configuration Invalid type found in casting spec: foo',
    );
    fails(
      'a:bytes',
      'Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
    );
    fails('a:b:c', 'Invalid value [a:b:c] for configuration renames: Invalid rename mapping: a:b:c');
    assert.throws(() => cast('a:foo'), ConfigException);
    assert.throws(
      () => cast(':'),
      (error: unknown) => (error as { kafkaClassName?: string }).kafkaClassName === 'java.lang.ArrayIndexOutOfBoundsException',
    );
  });

  it('when registered, it offers the $Key and $Value class names', () => {
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.Cast$Key', 'org.apache.kafka.connect.transforms.Cast$Value'],
    );
  });
});
