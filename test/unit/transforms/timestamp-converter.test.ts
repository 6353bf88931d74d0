import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { ConnectDate, ConnectTime, SchemaBuilder, Schemas, SizedNumber, Struct, Timestamp } from '../../../shared/api/data/index.ts';
import { ConnectException, DataException } from '../../../shared/api/errors.ts';
import { JavaRuntimeException } from '../../../shared/transforms/support/java-errors.ts';
import { plugins, TimestampConverter } from '../../../shared/transforms/timestamp-converter.ts';
import { sinkRecord } from '../../support/records.ts';

function converter(configs: Record<string, string>, side: 'key' | 'value' = 'value'): TimestampConverter {
  const transform = new TimestampConverter(side);
  transform.configure(configs);
  return transform;
}

const INSTANT = Date.parse('2024-06-10T06:13:20.123Z');
const schema = SchemaBuilder.struct()
  .field('id', Schemas.INT32)
  .field('ts', Timestamp.builder().optional().build())
  .field('other', Schemas.OPTIONAL_STRING)
  .build();

describe('TimestampConverter', () => {
  it('when a Timestamp field becomes a string, it is formatted in UTC and the schema says string', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('ts', new Date(INSTANT)).put('other', 'x');

    // Act
    const result = converter({ field: 'ts', 'target.type': 'string', format: "yyyy-MM-dd'T'HH:mm:ss.SSSZ" }).apply(
      sinkRecord({ valueSchema: schema, value }),
    );

    // Assess
    const struct = result?.value as Struct;
    assert.equal(struct.get('ts'), '2024-06-10T06:13:20.123+0000');
    assert.equal(struct.get('other'), 'x');
    assert.equal(result?.valueSchema?.field('ts')?.schema, Schemas.OPTIONAL_STRING);
  });

  it('when converting to Date or Time, it keeps the day or the time of day', () => {
    // Prepare
    const value = new Struct(schema).put('id', 1).put('ts', new Date(INSTANT));

    // Act
    const date = converter({ field: 'ts', 'target.type': 'Date' }).apply(sinkRecord({ valueSchema: schema, value }));
    const time = converter({ field: 'ts', 'target.type': 'Time' }).apply(sinkRecord({ valueSchema: schema, value }));

    // Assess
    assert.equal(((date?.value as Struct).get('ts') as Date).toISOString(), '2024-06-10T00:00:00.000Z');
    assert.equal(date?.valueSchema?.field('ts')?.schema.name, ConnectDate.LOGICAL_NAME);
    assert.equal(((time?.value as Struct).get('ts') as Date).getTime(), 6 * 3_600_000 + 13 * 60_000 + 20_123);
    assert.equal(time?.valueSchema?.field('ts')?.schema.name, ConnectTime.LOGICAL_NAME);
  });

  it('when converting to unix, the precision scales the milliseconds as Java’s TimeUnit does', () => {
    // Prepare
    const whole = (precision: string, value: bigint) =>
      converter({ 'target.type': 'unix', 'unix.precision': precision }).apply(sinkRecord({ value }))?.value;

    // Act & Assess
    assert.equal(whole('seconds', -1500n), -1500n);
    assert.equal(
      converter({ 'target.type': 'unix', 'unix.precision': 'seconds' }).apply(sinkRecord({ value: new Date(-1500) }))?.value,
      -1n,
    );
    assert.equal(
      converter({ 'target.type': 'unix', 'unix.precision': 'nanoseconds' }).apply(sinkRecord({ value: new Date(2) }))?.value,
      2_000_000n,
    );
    assert.equal(
      converter({ 'target.type': 'unix', 'unix.precision': 'nanoseconds' }).apply(sinkRecord({ value: 9223372036854775807n }))?.value,
      9223372036854000000n,
    );
    assert.equal(
      converter({ 'target.type': 'Timestamp', 'unix.precision': 'microseconds' }).apply(sinkRecord({ value: 1_500_999n }))?.value instanceof
        Date,
      true,
    );
  });

  it('when the value is schemaless, the Java type decides what it is read as', () => {
    // Prepare
    const toUnix = converter({ 'target.type': 'unix', format: 'yyyy-MM-dd' });

    // Act & Assess
    assert.equal(toUnix.apply(sinkRecord({ value: '2024-06-10' }))?.value, BigInt(Date.parse('2024-06-10T00:00:00Z')));
    assert.equal(toUnix.apply(sinkRecord({ value: new Date(5) }))?.value, 5n);
    assert.equal(toUnix.apply(sinkRecord({ value: 7n }))?.value, 7n);
    assert.equal(toUnix.apply(sinkRecord({ value: null }))?.value, null);
    assert.throws(() => toUnix.apply(sinkRecord({ value: 1.5 })), {
      name: 'DataException',
      message: 'TimestampConverter does not support class java.lang.Double objects as timestamps',
    });
    assert.throws(() => toUnix.apply(sinkRecord({ value: new SizedNumber('INT32', 1) })), /class java.lang.Integer objects/);
  });

  it('when a schemaless field is converted, the map keeps its other entries and a missing field becomes null', () => {
    // Prepare
    const transform = converter({ field: 'ts', 'target.type': 'string', format: 'yyyy' });

    // Act
    const converted = transform.apply(
      sinkRecord({
        value: new Map<string, unknown>([
          ['ts', 0n],
          ['a', 1n],
        ]),
      }),
    )?.value as Map<string, unknown>;
    const missing = transform.apply(sinkRecord({ value: new Map([['a', 1n]]) }))?.value as Map<string, unknown>;

    // Assess
    assert.deepEqual(
      [...converted],
      [
        ['ts', '1970'],
        ['a', 1n],
      ],
    );
    assert.deepEqual(
      [...missing],
      [
        ['a', 1n],
        ['ts', null],
      ],
    );
    assert.throws(
      () => transform.apply(sinkRecord({ value: 'text' })),
      /Only Map objects supported in absence of schema for \[converting timestamp formats\], found: java.lang.String/,
    );
  });

  it('when a string does not match the pattern, it fails with Kafka’s message', () => {
    // Act & Assess
    assert.throws(
      () => converter({ 'target.type': 'unix', format: 'yyyy-MM-dd' }).apply(sinkRecord({ value: 'June 10' })),
      (error: unknown) =>
        error instanceof DataException &&
        error.message === 'Could not parse timestamp: value (June 10) does not match pattern (yyyy-MM-dd)',
    );
  });

  it('when a string must be parsed but no format is configured, it fails as Java’s NullPointerException', () => {
    // Act & Assess
    assert.throws(
      () => converter({ 'target.type': 'unix' }).apply(sinkRecord({ value: '2024' })),
      (error: unknown) => error instanceof JavaRuntimeException && error.kafkaClassName === 'java.lang.NullPointerException',
    );
  });

  it('when the whole value has a schema that is not a timestamp, it fails even for a null value', () => {
    // Act & Assess
    assert.throws(
      () => converter({ 'target.type': 'unix' }).apply(sinkRecord({ valueSchema: Schemas.OPTIONAL_INT32, value: null })),
      (error: unknown) =>
        error instanceof ConnectException && error.message === 'Schema Schema{INT32} does not correspond to a known timestamp type format',
    );
  });

  it('when the whole value has a schema, the new schema keeps its optionality', () => {
    // Act
    const result = converter({ 'target.type': 'Timestamp' }).apply(sinkRecord({ valueSchema: Schemas.OPTIONAL_INT64, value: 5n }));

    // Assess
    assert.equal(result?.valueSchema?.name, Timestamp.LOGICAL_NAME);
    assert.equal(result?.valueSchema?.optional, true);
    assert.equal((result?.value as Date).getTime(), 5);
  });

  it('when a null field has a default, replace.null.with.default decides whether the default is converted', () => {
    // Prepare
    const withDefault = SchemaBuilder.struct().field('ts', SchemaBuilder.int64().optional().defaultValue(0n).build()).build();
    const value = new Struct(withDefault);

    // Act
    const replaced = converter({ field: 'ts', 'target.type': 'string', format: 'yyyy' }).apply(
      sinkRecord({ valueSchema: withDefault, value }),
    );
    const kept = converter({ field: 'ts', 'target.type': 'string', format: 'yyyy', 'replace.null.with.default': 'false' }).apply(
      sinkRecord({ valueSchema: withDefault, value }),
    );

    // Assess
    assert.equal((replaced?.value as Struct).get('ts'), '1970');
    assert.equal((kept?.value as Struct).get('ts'), null);
  });

  it('when the struct schema has a default, the default is converted too', () => {
    // Prepare
    const inner = SchemaBuilder.struct().optional().field('ts', Schemas.OPTIONAL_INT64).build();
    const withDefault = SchemaBuilder.struct()
      .optional()
      .field('ts', Schemas.OPTIONAL_INT64)
      .defaultValue(new Struct(inner).put('ts', 0n))
      .build();

    // Act
    const result = converter({ field: 'ts', 'target.type': 'string', format: 'yyyy' }).apply(
      sinkRecord({ valueSchema: withDefault, value: null }),
    );

    // Assess
    assert.equal(result?.value, null);
    assert.equal((result?.valueSchema?.defaultValue as Struct).get('ts'), '1970');
  });

  it('when it works on the key, the value is left alone', () => {
    // Act
    const result = converter({ 'target.type': 'Date' }, 'key').apply(sinkRecord({ key: 86_400_001n, value: 'v' }));

    // Assess
    assert.equal((result?.key as Date).getTime(), 86_400_000);
    assert.equal(result?.value, 'v');
  });

  it('when the config is wrong, it is rejected with Kafka’s messages', () => {
    // Act & Assess
    assert.throws(() => converter({}), { message: 'Missing required configuration "target.type" which has no default value.' });
    assert.throws(() => converter({ 'target.type': 'timestamp' }), ConfigException);
    assert.throws(() => converter({ 'target.type': 'string', format: ' ' }), {
      message: 'TimestampConverter requires format option to be specified when using string timestamps',
    });
    assert.throws(() => converter({ 'target.type': 'string', format: 'yyyy qq' }), {
      message:
        "Invalid value java.lang.IllegalArgumentException: Illegal pattern character 'q' for configuration TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: yyyy qq",
    });
    assert.throws(() => converter({ 'target.type': 'unix', 'unix.precision': 'days' }), ConfigException);
  });

  it('when registered, it is found under both Kafka class names', () => {
    // Assess
    assert.deepEqual(
      plugins.map((plugin) => plugin.className),
      ['org.apache.kafka.connect.transforms.TimestampConverter$Key', 'org.apache.kafka.connect.transforms.TimestampConverter$Value'],
    );
  });
});
