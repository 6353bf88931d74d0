import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  Decimal,
  type Schema,
  SchemaBuilder,
  Schemas,
  SizedNumber,
  Struct,
  Timestamp,
} from '../../../shared/api/data/index.ts';
import { DataException } from '../../../shared/api/errors.ts';
import { JsonConverter } from '../../../shared/converters/index.ts';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (value: Uint8Array | null): string | null => (value === null ? null : Buffer.from(value).toString('utf8'));

function converter(configs: Record<string, string> = {}, isKey = false): JsonConverter {
  const result = new JsonConverter();
  result.configure(configs, isKey);
  return result;
}

function write(configs: Record<string, string>, schema: Schema | null, value: unknown): string | null {
  return text(converter(configs).fromConnectData('topic', undefined, schema, value));
}

function read(configs: Record<string, string>, json: string | null) {
  return converter(configs).toConnectData('topic', undefined, json === null ? null : bytes(json));
}

const ENVELOPE_ERROR =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';

describe('JsonConverter writing with schemas (the default)', () => {
  it('when writing a struct, it writes the envelope byte for byte as Kafka does', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .name('n')
      .version(3)
      .doc('dd')
      .parameter('b', '1')
      .parameter('a', '2')
      .field('x', SchemaBuilder.int32().defaultValue(5).build())
      .field('m', SchemaBuilder.map(Schemas.INT32, Schemas.STRING).optional().build())
      .field('arr', SchemaBuilder.array(Schemas.OPTIONAL_FLOAT32).build())
      .field('o', SchemaBuilder.string().optional().defaultValue('dflt').build())
      .build();
    const value = new Struct(schema)
      .put(
        'm',
        new Map([
          [1, 'a'],
          [2, 'b'],
        ]),
      )
      .put('arr', [1.5, null]);

    // Act
    const json = write({}, schema, value);

    // Assess
    assert.equal(
      json,
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"default":5,"field":"x"},{"type":"map","keys":{"type":"int32","optional":false},"values":{"type":"string","optional":false},"optional":true,"field":"m"},{"type":"array","items":{"type":"float","optional":true},"optional":false,"field":"arr"},{"type":"string","optional":true,"default":"dflt","field":"o"}],"optional":false,"name":"n","version":3,"doc":"dd","parameters":{"b":"1","a":"2"}},"payload":{"x":5,"m":[[1,"a"],[2,"b"]],"arr":[1.5,null],"o":"dflt"}}',
    );
  });

  it('when writing each primitive type, it names it as Kafka does', () => {
    const cases: [Schema, unknown, string][] = [
      [Schemas.INT8, -1, '{"schema":{"type":"int8","optional":false},"payload":-1}'],
      [Schemas.INT16, 300, '{"schema":{"type":"int16","optional":false},"payload":300}'],
      [Schemas.INT32, 7, '{"schema":{"type":"int32","optional":false},"payload":7}'],
      [Schemas.INT64, 9007199254740993n, '{"schema":{"type":"int64","optional":false},"payload":9007199254740993}'],
      [Schemas.FLOAT32, Math.fround(1.1), '{"schema":{"type":"float","optional":false},"payload":1.1}'],
      [Schemas.FLOAT64, 1e10, '{"schema":{"type":"double","optional":false},"payload":1.0E10}'],
      [Schemas.BOOLEAN, true, '{"schema":{"type":"boolean","optional":false},"payload":true}'],
      [Schemas.STRING, 'é😀', '{"schema":{"type":"string","optional":false},"payload":"é\\uD83D\\uDE00"}'],
      [Schemas.BYTES, Uint8Array.of(1, 2, 3, 255), '{"schema":{"type":"bytes","optional":false},"payload":"AQID/w=="}'],
    ];
    for (const [schema, value, expected] of cases) assert.equal(write({}, schema, value), expected);
  });

  it('when writing logical types, it writes their physical form and version 1', () => {
    assert.equal(
      write({}, ConnectDate.schema(), new Date(86_400_000 * 3)),
      '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":3}',
    );
    assert.equal(
      write({}, ConnectTime.schema(), new Date(3_723_004)),
      '{"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Time","version":1},"payload":3723004}',
    );
    assert.equal(
      write({}, Timestamp.schema(), new Date(-1)),
      '{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":-1}',
    );
    assert.equal(
      write({}, Decimal.schema(2), BigDecimal.parse('-1.28')),
      '{"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":"gA=="}',
    );
  });

  it('when decimal.format is NUMERIC, it writes Decimals as numbers as Java prints BigDecimal', () => {
    const numeric = { 'decimal.format': 'numeric' };
    assert.match(write(numeric, Decimal.schema(-3), BigDecimal.parse('1E+3')) ?? '', /"payload":1E\+3}$/);
    assert.match(write(numeric, Decimal.schema(9), BigDecimal.parse('0.000000001')) ?? '', /"payload":1E-9}$/);
    assert.match(
      write(numeric, Decimal.schema(2), BigDecimal.parse('12345678901234567890.12')) ?? '',
      /"payload":12345678901234567890.12}$/,
    );
    const withDefault = Decimal.builder(2).optional().defaultValue(BigDecimal.parse('1.00')).build();
    assert.match(write(numeric, withDefault, null) ?? '', /"default":1.00},"payload":1.00}$/);
  });

  it('when the value is null with an optional schema, it writes the envelope with a null payload', () => {
    assert.equal(write({}, Schemas.OPTIONAL_STRING, null), '{"schema":{"type":"string","optional":true},"payload":null}');
  });

  it('when the value and schema are both null, it writes no bytes (a tombstone)', () => {
    assert.equal(write({}, null, null), null);
    assert.equal(write({ 'schemas.enable': 'false' }, null, null), null);
  });

  it('when the value has no schema, it writes "schema":null', () => {
    assert.equal(write({}, null, 'x'), '{"schema":null,"payload":"x"}');
  });

  it('when a null value has a default, it writes the default unless replace.null.with.default=false', () => {
    const schema = SchemaBuilder.float64().optional().defaultValue(1.0).build();
    assert.equal(write({}, schema, null), '{"schema":{"type":"double","optional":true,"default":1.0},"payload":1.0}');
    assert.equal(
      write({ 'replace.null.with.default': 'false' }, schema, null),
      '{"schema":{"type":"double","optional":true,"default":1.0},"payload":null}',
    );
  });

  it('when a required value is null without a default, it fails with Kafka’s message', () => {
    assert.throws(() => write({}, Schemas.STRING, null), {
      name: 'DataException',
      message: 'Conversion error: null value for field that is required and has no default value',
    });
  });

  it('when the value does not fit its schema, it fails as Kafka’s casts do', () => {
    assert.throws(() => write({}, Schemas.STRING, 5n), { message: 'Invalid type for STRING: class java.lang.Long' });
    assert.throws(() => write({}, Schemas.INT32, 5n), { message: 'Invalid type for INT32: class java.lang.Long' });
    assert.throws(() => write({}, Schemas.BYTES, 'x'), { message: 'Invalid type for bytes type: class java.lang.String' });
    assert.throws(() => write({}, Decimal.schema(2), '1.5'), {
      message: 'Invalid type for Decimal, expected BigDecimal but was class java.lang.String',
    });
    assert.throws(() => write({}, ConnectDate.schema(), new SizedNumber('INT32', 5)), {
      message: 'Invalid type for Date, expected Date but was class java.lang.Integer',
    });
    const other = SchemaBuilder.struct().field('x', Schemas.INT32).build();
    assert.throws(() => write({}, SchemaBuilder.struct().field('x', Schemas.INT64).build(), new Struct(other).put('x', 1)), {
      message: 'Mismatching schema.',
    });
  });
});

describe('JsonConverter writing without schemas', () => {
  const plain = { 'schemas.enable': 'false' };

  it('when writing schemaless values, it infers JSON from the values: longs, doubles, maps, lists', () => {
    assert.equal(
      write(
        plain,
        null,
        new Map<unknown, unknown>([
          ['k', [1n, 2.5, true, 1.0]],
          ['n', null],
        ]),
      ),
      '{"k":[1,2.5,true,1.0],"n":null}',
    );
  });

  it('when a map has keys that are not strings, it writes a list of [key, value] pairs', () => {
    assert.equal(
      write(
        plain,
        null,
        new Map<unknown, unknown>([
          [1n, 'x'],
          ['k', 2n],
        ]),
      ),
      '[[1,"x"],["k",2]]',
    );
  });

  it('when writing numbers, it prints them as Java does, int64 beyond 2^53 exactly', () => {
    assert.equal(write(plain, null, 1.0), '1.0');
    assert.equal(write(plain, null, 1e10), '1.0E10');
    assert.equal(write(plain, null, 9223372036854775807n), '9223372036854775807');
    assert.equal(write(plain, null, Number.NaN), '"NaN"');
    assert.equal(write(plain, null, new SizedNumber('FLOAT32', Math.fround(0.1))), '0.1');
  });

  it('when an optional schema has a null value, it writes the JSON null', () => {
    assert.equal(write(plain, Schemas.OPTIONAL_STRING, null), 'null');
  });

  it('when a value has no JSON form without a schema, it fails with Kafka’s message', () => {
    assert.throws(() => write(plain, null, BigDecimal.parse('1.5')), {
      message: 'Java class class java.math.BigDecimal does not have corresponding schema type.',
    });
  });
});

describe('JsonConverter reading with schemas', () => {
  it('when reading an envelope, it builds the schema and the value', () => {
    // Act
    const { schema, value } = read(
      {},
      '{"schema":{"type":"struct","name":"n","fields":[{"field":"id","type":"int64"},{"field":"tags","type":"array","items":{"type":"string"},"optional":true}]},"payload":{"id":9007199254740993,"tags":["a"]}}',
    );

    // Assess
    assert.equal(schema?.type, 'STRUCT');
    assert.equal(schema?.name, 'n');
    assert.ok(value instanceof Struct);
    assert.equal(value.get('id'), 9007199254740993n);
    assert.deepEqual(value.get('tags'), ['a']);
  });

  it('when the payload comes before the schema, it reads the envelope all the same', () => {
    assert.deepEqual(read({}, '{"payload":5,"schema":{"type":"int32"}}').value, 5);
  });

  it('when the envelope is missing a field or has another one, it fails with Kafka’s message', () => {
    for (const json of ['{"schema":{"type":"int32"}}', '{"schema":{"type":"int32"},"payload":5,"x":1}', '5', 'null', '']) {
      assert.throws(() => read({}, json), { name: 'DataException', message: ENVELOPE_ERROR }, json);
    }
  });

  it('when the JSON is malformed, it fails with Kafka’s message and the parser’s reason as the cause', () => {
    assert.throws(
      () => read({}, '{"schema":'),
      (error: unknown) =>
        error instanceof DataException &&
        error.message === 'Converting byte[] to Kafka Connect data failed due to serialization error: ' &&
        /end-of-input/.test((error.cause as Error).message),
    );
  });

  it('when bytes are null, it gives a null schema and value (a tombstone)', () => {
    assert.deepEqual(read({}, null), { schema: null, value: null });
  });

  it('when a value has the wrong JSON type, it reads it as Jackson’s accessors do', () => {
    assert.equal(read({}, '{"schema":{"type":"int32"},"payload":"abc"}').value, 0);
    assert.equal(read({}, '{"schema":{"type":"int32"},"payload":1.9}').value, 1);
    assert.equal(read({}, '{"schema":{"type":"int32"},"payload":4294967297}').value, 1);
    assert.equal(read({}, '{"schema":{"type":"int8"},"payload":200}').value, -56);
    assert.equal(read({}, '{"schema":{"type":"int64"},"payload":18446744073709551617}').value, 1n);
    assert.equal(read({}, '{"schema":{"type":"boolean"},"payload":1}').value, false);
    assert.equal(read({}, '{"schema":{"type":"string"},"payload":1}').value, null);
    assert.deepEqual(read({}, '{"schema":{"type":"array","items":{"type":"int32"}},"payload":5}').value, []);
  });

  it('when reading bytes, it decodes base64 as Jackson does: padded, units may repeat', () => {
    assert.deepEqual(read({}, '{"schema":{"type":"bytes"},"payload":"AQ==AQ=="}').value, Uint8Array.of(1, 1));
    assert.throws(() => read({}, '{"schema":{"type":"bytes"},"payload":"AQ"}'), { message: 'Invalid bytes field' });
  });

  it('when reading logical types, it gives Dates and BigDecimals, numbers for Decimals in either form', () => {
    const decimal = '{"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}';
    assert.deepEqual(read({}, `{"schema":${decimal},"payload":"BAE="}`).value, new BigDecimal(1025n, 2));
    assert.deepEqual(read({}, `{"schema":${decimal},"payload":10.250}`).value, new BigDecimal(10250n, 3));
    assert.deepEqual(
      read({}, '{"schema":{"type":"int32","name":"org.apache.kafka.connect.data.Date"},"payload":3}').value,
      new Date(259_200_000),
    );
    assert.deepEqual(
      read({}, '{"schema":{"type":"int64","name":"org.apache.kafka.connect.data.Timestamp"},"payload":-5}').value,
      new Date(-5),
    );
    assert.throws(() => read({}, '{"schema":{"type":"int32","name":"org.apache.kafka.connect.data.Date"},"payload":3000000000}'), {
      message: 'Invalid type for Date, underlying representation should be integer but was NUMBER',
    });
  });

  it('when a map has non-string keys, it reads the list of pairs', () => {
    const { value } = read({}, '{"schema":{"type":"map","keys":{"type":"int32"},"values":{"type":"string"}},"payload":[[1,"a"],[2,"b"]]}');
    assert.deepEqual(
      value,
      new Map([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    assert.throws(() => read({}, '{"schema":{"type":"map","keys":{"type":"int32"},"values":{"type":"int32"}},"payload":{"1":2}}'), {
      message: 'Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT',
    });
  });

  it('when a field is null and has a default, it uses the default unless replace.null.with.default=false', () => {
    const json = '{"schema":{"type":"struct","fields":[{"field":"a","type":"int32","default":7}]},"payload":{"a":null}}';
    assert.equal((read({}, json).value as Struct).get('a'), 7);
    assert.throws(() => read({ 'replace.null.with.default': 'false' }, json), { message: 'Invalid null value for required INT32 field' });
  });

  it('when the schema is invalid, it fails with Kafka’s messages', () => {
    const cases: [string, string][] = [
      ['{"type":"foo"}', 'Unknown schema type: foo'],
      ['{}', "Schema must contain 'type' field"],
      ['{"type":"array"}', 'Array schema did not specify the element type'],
      ['{"type":"struct"}', 'Struct schema\'s "fields" argument is not an array.'],
      ['{"type":"struct","fields":[{"type":"int32"}]}', "Struct schema's field name not specified properly"],
      ['{"type":"int32","parameters":{"a":1}}', 'Schema parameters must have string values.'],
    ];
    for (const [schema, message] of cases) assert.throws(() => read({}, `{"schema":${schema},"payload":null}`), { message }, schema);
  });

  it('when the same schema text comes again, it reuses the schema it built', () => {
    // Prepare
    const json = converter();
    const input = bytes('{"schema":{"type":"struct","fields":[{"field":"a","type":"int32"}]},"payload":{"a":1}}');

    // Act
    const first = json.toConnectData('t', undefined, input);
    const second = json.toConnectData('t', undefined, input);

    // Assess
    assert.equal(first.schema, second.schema);
  });

  it('when messages alternate between schemas, each is read with its own', () => {
    // Prepare
    const json = converter({ 'schemas.cache.size': '1' });
    const a = bytes('{"schema":{"type":"struct","fields":[{"field":"a","type":"int32"}]},"payload":{"a":1}}');
    const b = bytes('{"schema":{"type":"struct","fields":[{"field":"a","type":"string"}]},"payload":{"a":"x"}}');

    // Act
    const values = [a, b, a, b, b, a].map((input) => (json.toConnectData('t', undefined, input).value as Struct).get('a'));

    // Assess
    assert.deepEqual(values, [1, 'x', 1, 'x', 'x', 1]);
  });

  it('when schema.content is set, it reads every message as a bare payload of that schema', () => {
    const { schema, value } = read({ 'schema.content': '{"type":"int32"}' }, '5');
    assert.equal(schema?.type, 'INT32');
    assert.equal(value, 5);
    assert.throws(() => read({ 'schema.content': '{"type":' }, '5'), {
      message: 'Failed to parse schema in converter config due to serialization error: ',
    });
  });
});

describe('JsonConverter reading without schemas', () => {
  const plain = { 'schemas.enable': 'false' };

  it('when reading plain JSON, it gives longs, doubles, maps and lists', () => {
    assert.deepEqual(read(plain, '{"k":[1.50,2e1,-3]}'), { schema: null, value: new Map([['k', [1.5, 20, -3n]]]) });
  });

  it('when reading an integer beyond 2^53, it keeps every digit', () => {
    assert.equal(read(plain, '9007199254740993').value, 9007199254740993n);
  });

  it('when the input is empty, it gives null', () => {
    assert.deepEqual(read(plain, ''), { schema: null, value: null });
  });
});

describe('JsonConverter settings', () => {
  it('when a setting is invalid, it fails with Kafka’s config message', () => {
    assert.throws(() => converter({ 'decimal.format': 'xyz' }), {
      message: 'Invalid value xyz for configuration decimal.format: String must be one of (case insensitive): NUMERIC, BASE64',
    });
    assert.throws(() => converter({ 'schemas.cache.size': 'abc' }), {
      message: 'Invalid value abc for configuration schemas.cache.size: Not a number of type INT',
    });
    assert.throws(() => converter({ 'schemas.enable': 'maybe' }), {
      message: 'Invalid value maybe for configuration schemas.enable: Expected value to be either true or false',
    });
  });

  it('when asked for its config, it declares Kafka’s keys in Kafka’s order', () => {
    assert.deepEqual(
      [...new JsonConverter().config().names()],
      ['converter.type', 'schemas.enable', 'schemas.cache.size', 'schema.content', 'decimal.format', 'replace.null.with.default'],
    );
  });

  it('when used as a header converter, it reads and writes header values the same way', () => {
    // Prepare
    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'false' });

    // Act
    const written = json.fromConnectHeader('t', 'h', Schemas.INT32, 5);
    const readBack = json.toConnectHeader('t', 'h', written);

    // Assess
    assert.equal(text(written), '5');
    assert.deepEqual(readBack, { schema: null, value: 5n });
  });

  it('when schemas.cache.size is 0, it still converts every message', () => {
    const json = converter({ 'schemas.cache.size': '0' });
    const input = bytes('{"schema":{"type":"string"},"payload":"a"}');
    assert.equal(json.toConnectData('t', undefined, input).value, 'a');
    assert.equal(json.toConnectData('t', undefined, input).value, 'a');
    assert.equal(
      text(json.fromConnectData('t', undefined, Schemas.STRING, 'a')),
      '{"schema":{"type":"string","optional":false},"payload":"a"}',
    );
  });
});

describe('JsonConverter round trips', () => {
  it('when data is written and read back with schemas, it comes back equal', () => {
    // Prepare
    const schema = SchemaBuilder.struct()
      .field('i8', Schemas.INT8)
      .field('i64', Schemas.INT64)
      .field('f32', Schemas.FLOAT32)
      .field('f64', Schemas.FLOAT64)
      .field('s', Schemas.STRING)
      .field('b', Schemas.BYTES)
      .field('dec', Decimal.schema(3))
      .field('ts', Timestamp.schema())
      .field('map', SchemaBuilder.map(Schemas.STRING, Schemas.OPTIONAL_INT32).build())
      .field('nested', SchemaBuilder.struct().field('x', Schemas.BOOLEAN).optional().build())
      .build();
    const value = new Struct(schema)
      .put('i8', -5)
      .put('i64', -9223372036854775808n)
      .put('f32', Math.fround(3.14))
      .put('f64', 1e-300)
      .put('s', 'line\nbreak "quoted" 😀')
      .put('b', Uint8Array.of(0, 255))
      .put('dec', BigDecimal.parse('-12.345'))
      .put('ts', new Date(1_700_000_000_123))
      .put('map', new Map([['a', null]]))
      .put('nested', null);
    const json = converter();

    // Act
    const back = json.toConnectData('t', undefined, json.fromConnectData('t', undefined, schema, value));

    // Assess
    assert.ok(back.value instanceof Struct);
    assert.ok(back.value.equals(value));
  });
});
