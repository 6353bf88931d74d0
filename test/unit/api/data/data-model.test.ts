import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  Decimal,
  fromTwosComplement,
  SchemaBuilder,
  Schemas,
  Struct,
  schemasEqual,
  Timestamp,
  twosComplement,
  validateValue,
} from '../../../../shared/api/data/index.ts';
import { formatJavaDouble, formatJavaFloat } from '../../../../shared/api/data/java-number-format.ts';
import { DataException, SchemaBuilderException } from '../../../../shared/api/errors.ts';

describe('the Connect data model', () => {
  const order = SchemaBuilder.struct()
    .name('order')
    .field('id', Schemas.INT64)
    .field('note', Schemas.OPTIONAL_STRING)
    .field('qty', SchemaBuilder.int32().defaultValue(1).build())
    .build();

  it('when a struct field gets a value of the wrong type, it names the field and the Java class', () => {
    assert.throws(
      () => new Struct(order).put('id', 5),
      /Invalid Java object for schema with type INT64: class java.lang.Double for field: "id"/,
    );
  });

  it('when a required field is unset, validate names it', () => {
    const struct = new Struct(order).put('note', 'x');
    assert.throws(
      () => struct.validate(),
      (error: Error) => error instanceof DataException && /null used for required field: "id"/.test(error.message),
    );
  });

  it('when a field is unset, get falls back to its default and getWithoutDefault does not', () => {
    const struct = new Struct(order).put('id', 7n);
    assert.equal(struct.get('qty'), 1);
    assert.equal(struct.getWithoutDefault('qty'), null);
  });

  it('when two structs hold the same values under equal schemas, they are equal', () => {
    const a = new Struct(order).put('id', 1n).put('note', 'n');
    const b = new Struct(
      SchemaBuilder.struct()
        .name('order')
        .field('id', Schemas.INT64)
        .field('note', Schemas.OPTIONAL_STRING)
        .field('qty', SchemaBuilder.int32().defaultValue(1).build())
        .build(),
    )
      .put('id', 1n)
      .put('note', 'n');
    assert.ok(a.equals(b));
    assert.ok(schemasEqual(a.schema, b.schema));
    assert.ok(!a.equals(new Struct(order).put('id', 2n)));
  });

  it('when a field name repeats or a default does not fit, the builder refuses', () => {
    assert.throws(() => SchemaBuilder.struct().field('a', Schemas.INT8).field('a', Schemas.INT8), SchemaBuilderException);
    assert.throws(
      () => SchemaBuilder.int8().defaultValue(300),
      (error: Error) => error.message === 'Invalid default value' && /INT8/.test(String((error.cause as Error).message)),
    );
  });

  it('when an int64 value is outside the long range, validation rejects it', () => {
    assert.throws(() => validateValue(Schemas.INT64, 2n ** 63n), DataException);
    validateValue(Schemas.INT64, 2n ** 63n - 1n);
  });

  it("when decimals are encoded, they use the shortest two's complement as Java's BigInteger", () => {
    for (const [value, bytes] of [
      [0n, [0]],
      [127n, [127]],
      [128n, [0, 128]],
      [-1n, [255]],
      [-129n, [255, 127]],
    ] as const) {
      assert.deepEqual([...twosComplement(value)], bytes);
      assert.equal(fromTwosComplement(Uint8Array.from(bytes)), value);
    }
    const schema = Decimal.schema(2);
    assert.equal(Decimal.toLogical(schema, Decimal.fromLogical(schema, BigDecimal.parse('-12.34'))).toString(), '-12.34');
    assert.throws(() => Decimal.fromLogical(schema, BigDecimal.parse('1.5')), /mismatching scale/);
  });

  it("when a BigDecimal prints, it follows Java's toString and toPlainString", () => {
    assert.equal(BigDecimal.parse('1E+3').toString(), '1E+3');
    assert.equal(BigDecimal.parse('1E+3').toPlainString(), '1000');
    assert.equal(BigDecimal.parse('0.00000012').toString(), '1.2E-7');
    assert.equal(BigDecimal.parse('0.000001').toString(), '0.000001');
    assert.equal(BigDecimal.parse('2.5').setScale(0).toString(), '3');
    assert.equal(BigDecimal.parse('-2.5').setScale(0).toString(), '-3');
  });

  it('when dates and times carry parts their type forbids, conversion fails as in Kafka Connect', () => {
    assert.equal(ConnectDate.fromLogical(ConnectDate.schema(), new Date(Date.UTC(1970, 0, 3))), 2);
    assert.throws(
      () => ConnectDate.fromLogical(ConnectDate.schema(), new Date(Date.UTC(1970, 0, 3, 1))),
      /should not have any time fields/,
    );
    assert.equal(ConnectTime.fromLogical(ConnectTime.schema(), new Date(3_600_000)), 3_600_000);
    assert.throws(() => ConnectTime.fromLogical(ConnectTime.schema(), new Date(86_400_001)), /should not have any date fields/);
    assert.equal(Timestamp.fromLogical(Timestamp.schema(), new Date(1_700_000_000_123)), 1_700_000_000_123n);
  });

  it('when numbers are printed for Kafka Connect, they read as Java prints doubles and floats', () => {
    assert.deepEqual([1, 1e7, 1e10, 0.001, 1e-4, -0, 123.5].map(formatJavaDouble), [
      '1.0',
      '1.0E7',
      '1.0E10',
      '0.001',
      '1.0E-4',
      '-0.0',
      '123.5',
    ]);
    assert.deepEqual([1.1, 0.1, 16777216].map(formatJavaFloat), ['1.1', '0.1', '1.6777216E7']);
  });
});
