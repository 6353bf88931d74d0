import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal, SchemaBuilder, Schemas, SizedNumber, Struct } from '../../../shared/api/data/index.ts';
import { DataException } from '../../../shared/api/errors.ts';
import {
  BooleanConverter,
  ByteArrayConverter,
  DoubleConverter,
  FloatConverter,
  IntegerConverter,
  LongConverter,
  ShortConverter,
  StringConverter,
} from '../../../shared/converters/index.ts';

const hex = (value: Uint8Array | null): string | null => (value === null ? null : Buffer.from(value).toString('hex'));
const fromHex = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'hex'));

function stringConverter(configs: Record<string, string> = {}, isKey = false): StringConverter {
  const converter = new StringConverter();
  converter.configure(configs, isKey);
  return converter;
}

describe('StringConverter', () => {
  it('when reading bytes, it decodes UTF-8 with an optional string schema, null bytes as a null value', () => {
    const converter = stringConverter();
    assert.deepEqual(converter.toConnectData('t', undefined, Buffer.from('héllo', 'utf8')), {
      schema: Schemas.OPTIONAL_STRING,
      value: 'héllo',
    });
    assert.deepEqual(converter.toConnectData('t', undefined, null), { schema: Schemas.OPTIONAL_STRING, value: null });
  });

  it('when writing any value, it writes Java’s toString of it', () => {
    const converter = stringConverter();
    const write = (schema: Parameters<StringConverter['fromConnectData']>[2], value: unknown) =>
      Buffer.from(converter.fromConnectData('t', undefined, schema, value) as Uint8Array).toString('utf8');
    assert.equal(write(Schemas.STRING, 'x'), 'x');
    assert.equal(write(Schemas.INT32, 5), '5');
    assert.equal(write(null, 5), '5.0');
    assert.equal(write(Schemas.FLOAT32, Math.fround(1.1)), '1.1');
    assert.equal(write(null, 9007199254740993n), '9007199254740993');
    assert.equal(write(null, BigDecimal.parse('1E+3')), '1E+3');
    assert.equal(write(null, [1n, 'a', null]), '[1, a, null]');
    assert.equal(
      write(
        null,
        new Map<string, unknown>([
          ['a', 1n],
          ['b', true],
        ]),
      ),
      '{a=1, b=true}',
    );
    assert.equal(write(null, new Date(0)), 'Thu Jan 01 00:00:00 UTC 1970');
    const schema = SchemaBuilder.struct().field('a', Schemas.INT32).field('b', Schemas.OPTIONAL_STRING).build();
    assert.equal(write(schema, new Struct(schema).put('a', 1)), 'Struct{a=1}');
    assert.equal(converter.fromConnectData('t', undefined, Schemas.OPTIONAL_STRING, null), null);
  });

  it('when the encoding is set, it uses it both ways with Java’s replacement rules', () => {
    const latin1 = stringConverter({ 'converter.encoding': 'ISO-8859-1' });
    assert.equal(hex(latin1.fromConnectData('t', undefined, Schemas.STRING, 'aé€😀z')), '61e93f3f7a');
    assert.equal(latin1.toConnectData('t', undefined, fromHex('61e9')).value, 'aé');
    const ascii = stringConverter({ 'converter.encoding': 'us-ascii' });
    assert.equal(ascii.toConnectData('t', undefined, fromHex('4180')).value, 'A\ufffd');
    const utf16 = stringConverter({ 'converter.encoding': 'UTF-16' });
    assert.equal(hex(utf16.fromConnectData('t', undefined, Schemas.STRING, 'a')), 'feff0061');
    assert.equal(utf16.toConnectData('t', undefined, fromHex('fffe4100')).value, 'A');
  });

  it('when UTF-8 text has a lone surrogate, it writes "?" as Java does', () => {
    assert.equal(hex(stringConverter().fromConnectData('t', undefined, Schemas.STRING, 'a\ud83db')), '613f62');
  });

  it('when bytes are malformed UTF-8, it replaces them as Java does (an encoded surrogate is one U+FFFD)', () => {
    const converter = stringConverter();
    assert.equal(converter.toConnectData('t', undefined, fromHex('eda080')).value, '\ufffd');
    assert.equal(converter.toConnectData('t', undefined, fromHex('c080')).value, '\ufffd\ufffd');
    assert.equal(converter.toConnectData('t', undefined, fromHex('61c3')).value, 'a\ufffd');
    assert.equal(converter.toConnectData('t', undefined, fromHex('efbbbf41')).value, '\ufeffA', 'a byte order mark is kept');
  });

  it('when the key or value serializer has its own encoding setting, it takes precedence, as in Kafka', () => {
    const converter = stringConverter({ 'converter.encoding': 'UTF-8', 'value.serializer.encoding': 'ISO-8859-1' });
    assert.equal(hex(converter.fromConnectData('t', undefined, Schemas.STRING, 'é')), 'e9');
    assert.equal(converter.toConnectData('t', undefined, fromHex('c3a9')).value, 'é');
  });

  it('when the encoding is unknown, it fails with Kafka’s message; a Java charset Copycat lacks says so', () => {
    assert.throws(() => stringConverter({ 'converter.encoding': 'nope' }), {
      name: 'SerializationException',
      message: 'Unsupported encoding nope',
    });
    assert.throws(
      () => stringConverter({ 'converter.encoding': 'windows-1252' }),
      /Unsupported encoding windows-1252: Copycat supports only UTF-8/,
    );
  });

  it('when converter.type is not key, value or header, it fails with Kafka’s config message', () => {
    const converter = new StringConverter();
    assert.throws(() => converter.configure({ 'converter.type': 'other' }), {
      message: 'Invalid value other for configuration converter.type: String must be one of: key, value, header',
    });
  });
});

describe('the number converters', () => {
  const cases = [
    { converter: new IntegerConverter(), schema: Schemas.OPTIONAL_INT32, value: -2 as number | bigint, hex: 'fffffffe', name: 'integer' },
    { converter: new LongConverter(), schema: Schemas.OPTIONAL_INT64, value: 9007199254740993n, hex: '0020000000000001', name: 'long' },
    { converter: new ShortConverter(), schema: Schemas.OPTIONAL_INT16, value: 300, hex: '012c', name: 'short' },
    { converter: new FloatConverter(), schema: Schemas.OPTIONAL_FLOAT32, value: 1.5, hex: '3fc00000', name: 'float' },
    { converter: new DoubleConverter(), schema: Schemas.OPTIONAL_FLOAT64, value: 1.5, hex: '3ff8000000000000', name: 'double' },
  ];
  for (const c of cases) {
    c.converter.configure({}, false);

    it(`when a ${c.name} is written and read back, it is big-endian and keeps its value`, () => {
      const written = c.converter.fromConnectData('t', undefined, c.schema, c.value);
      assert.equal(hex(written), c.hex);
      assert.deepEqual(c.converter.toConnectData('t', undefined, written), { schema: c.schema, value: c.value });
      assert.deepEqual(c.converter.toConnectData('t', undefined, null), { schema: c.schema, value: null });
      assert.equal(c.converter.fromConnectData('t', undefined, c.schema, null), null);
    });

    it(`when ${c.name} bytes have the wrong size, it fails as Kafka does`, () => {
      assert.throws(
        () => c.converter.toConnectData('t', undefined, Uint8Array.of(1, 2, 3)),
        (error: unknown) =>
          error instanceof DataException &&
          error.message === `Failed to deserialize ${c.name}: ` &&
          /Size of data received by/.test((error.cause as Error).message),
      );
    });
  }

  it('when the value is of another Java type, it fails naming the class as Kafka does', () => {
    assert.throws(() => new IntegerConverter().fromConnectData('t', undefined, null, 5), {
      message: 'Failed to serialize to integer (was class java.lang.Double): ',
    });
    assert.throws(() => new LongConverter().fromConnectData('t', undefined, Schemas.INT32, 5), {
      message: 'Failed to serialize to long (was class java.lang.Integer): ',
    });
    assert.throws(() => new DoubleConverter().fromConnectData('t', undefined, null, 'x'), {
      message: 'Failed to serialize to double (was class java.lang.String): ',
    });
  });

  it('when a schemaless value carries its own narrow type, it is accepted', () => {
    assert.equal(hex(new ShortConverter().fromConnectData('t', undefined, null, new SizedNumber('INT16', -1))), 'ffff');
  });
});

describe('BooleanConverter', () => {
  const converter = new BooleanConverter();
  converter.configure({}, true);

  it('when converting booleans, it uses one byte, 1 or 0', () => {
    assert.equal(hex(converter.fromConnectData('t', undefined, Schemas.BOOLEAN, true)), '01');
    assert.equal(hex(converter.fromConnectData('t', undefined, null, false)), '00');
    assert.deepEqual(converter.toConnectData('t', undefined, Uint8Array.of(1)), { schema: Schemas.OPTIONAL_BOOLEAN, value: true });
    assert.deepEqual(converter.toConnectData('t', undefined, null), { schema: Schemas.OPTIONAL_BOOLEAN, value: null });
  });

  it('when the input is wrong, it fails with Kafka’s messages', () => {
    assert.throws(
      () => converter.toConnectData('t', undefined, Uint8Array.of(2)),
      (error: unknown) => {
        return (
          error instanceof DataException &&
          error.message === 'Failed to deserialize boolean: ' &&
          (error.cause as Error).message === 'Unexpected byte received by BooleanDeserializer: 2'
        );
      },
    );
    assert.throws(() => converter.toConnectData('t', undefined, Uint8Array.of(1, 0)), { message: 'Failed to deserialize boolean: ' });
    assert.throws(() => converter.fromConnectData('t', undefined, Schemas.STRING, 'true'), {
      message: 'Invalid schema type for BooleanConverter: STRING',
    });
    assert.throws(() => converter.fromConnectData('t', undefined, null, 'true'), {
      message: 'BooleanConverter is not compatible with objects of type class java.lang.String',
    });
  });
});

describe('ByteArrayConverter', () => {
  const converter = new ByteArrayConverter();

  it('when converting bytes, it passes them through with an optional bytes schema', () => {
    const value = Uint8Array.of(1, 2);
    assert.equal(converter.fromConnectData('t', undefined, Schemas.BYTES, value), value);
    assert.deepEqual(converter.toConnectData('t', undefined, value), { schema: Schemas.OPTIONAL_BYTES, value });
    assert.deepEqual(converter.toConnectData('t', undefined, null), { schema: Schemas.OPTIONAL_BYTES, value: null });
  });

  it('when the schema or value is not bytes, it fails with Kafka’s messages', () => {
    assert.throws(() => converter.fromConnectData('t', undefined, Schemas.STRING, 'x'), {
      message: 'Invalid schema type for ByteArrayConverter: STRING',
    });
    assert.throws(() => converter.fromConnectData('t', undefined, null, 'x'), {
      message: 'ByteArrayConverter is not compatible with objects of type class java.lang.String',
    });
  });
});
