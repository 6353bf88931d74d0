import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BigDecimal,
  ConnectDate,
  ConnectTime,
  SchemaBuilder,
  Schemas,
  SizedNumber,
  Struct,
  Timestamp,
} from '../../../shared/api/data/index.ts';
import * as Values from '../../../shared/converters/values/values.ts';

/** The schema of a parse, as a short text: `INT8`, `ARRAY<STRING>`, `INT32/Date`, `ARRAY<null>`. */
function described(text: string): string {
  const parsed = Values.parseString(text);
  if (parsed === null) return 'no result';
  const describe = (schema: typeof parsed.schema | undefined): string => {
    if (schema === null || schema === undefined) return 'null';
    let result: string = schema.type;
    if (schema.name !== undefined) result += `/${schema.name.replace('org.apache.kafka.connect.data.', '')}`;
    if (schema.type === 'ARRAY') result += `<${describe(schema.valueSchema)}>`;
    if (schema.type === 'MAP') result += `<${describe(schema.keySchema)},${describe(schema.valueSchema)}>`;
    return result;
  };
  return describe(parsed.schema);
}

describe('Values.parseString', () => {
  it('when the text is a number, it infers the smallest integer type, then float32, float64 and Decimal', () => {
    const cases: [string, string, unknown][] = [
      ['1', 'INT8', 1],
      ['-129', 'INT16', -129],
      ['32768', 'INT32', 32768],
      ['2147483648', 'INT64', 2147483648n],
      ['9223372036854775808', 'BYTES/Decimal', new BigDecimal(9223372036854775808n, 0)],
      ['1.0', 'INT8', 1],
      ['1e2', 'INT8', 100],
      ['1.5', 'FLOAT32', 1.5],
      ['1e39', 'FLOAT64', 1e39],
      ['1e400', 'BYTES/Decimal', new BigDecimal(1n, -400)],
      ['+5', 'INT8', 5],
      ['00012', 'INT8', 12],
    ];
    for (const [text, schema, value] of cases) {
      assert.equal(described(text), schema, text);
      assert.deepEqual(Values.parseString(text)?.value, value, text);
    }
  });

  it('when the text is a boolean literal, it gives a boolean; other case or extra text is a string', () => {
    assert.deepEqual(Values.parseString('true'), { schema: Schemas.BOOLEAN, value: true });
    assert.deepEqual(Values.parseString('TRUE'), { schema: Schemas.STRING, value: 'TRUE' });
    assert.deepEqual(Values.parseString('true}'), { schema: Schemas.STRING, value: 'true}' });
  });

  it('when the text is "null", it gives no result at all, as Kafka does', () => {
    assert.equal(Values.parseString('null'), null);
    assert.deepEqual(Values.parseString(null), { schema: null, value: null });
  });

  it('when the text is empty or blank, it is a string', () => {
    assert.deepEqual(Values.parseString(''), { schema: Schemas.STRING, value: '' });
    assert.deepEqual(Values.parseString('   '), { schema: Schemas.STRING, value: '   ' });
  });

  it('when the text is an ISO-8601 date, time or timestamp, it gives the logical type (lenient, as SimpleDateFormat)', () => {
    assert.deepEqual(Values.parseString('2024-01-15'), { schema: ConnectDate.schema(), value: new Date(Date.UTC(2024, 0, 15)) });
    assert.deepEqual(Values.parseString('12:34:56.789Z'), { schema: ConnectTime.schema(), value: new Date(45_296_789) });
    assert.deepEqual(Values.parseString('2024-01-15T12:34:56.789Z'), {
      schema: Timestamp.schema(),
      value: new Date(Date.UTC(2024, 0, 15, 12, 34, 56, 789)),
    });
    assert.deepEqual(Values.parseString('2024-13-45')?.value, new Date(Date.UTC(2025, 1, 14)));
    assert.deepEqual(Values.parseString('1500-03-01')?.value, new Date(-14_825_808_000_000), 'Julian before 1582');
    assert.equal(described('2024-01-15T12:34:56.789'), 'STRING');
  });

  it('when the text is a list, it infers a common element schema and converts the elements to it', () => {
    assert.equal(described('[1, 2, 3]'), 'ARRAY<INT8>');
    assert.deepEqual(Values.parseString('[1,2.5]'), { schema: SchemaBuilder.array(Schemas.FLOAT32).build(), value: [1, 2.5] });
    assert.equal(described('[1,300,70000,5000000000]'), 'ARRAY<INT64>');
    assert.deepEqual(Values.parseString('[1,300,70000,5000000000]')?.value, [1n, 300n, 70000n, 5000000000n]);
    assert.equal(described('["2024-01-15"]'), 'ARRAY<INT32/Date>');
  });

  it('when list elements have no common type, the schema has no element schema and numbers keep their Java type', () => {
    const parsed = Values.parseString('[1,"a"]');
    assert.equal(described('[1,"a"]'), 'ARRAY<null>');
    assert.deepEqual(parsed?.value, [new SizedNumber('INT8', 1), 'a']);
  });

  it('when a list mixes numbers and null, it falls back to the whole text, as Kafka does', () => {
    assert.deepEqual(Values.parseString('[1,null]'), { schema: Schemas.STRING, value: '[1,null]' });
  });

  it('when the text is a map, it infers key and value schemas', () => {
    assert.equal(described('{"a":1}'), 'MAP<STRING,INT8>');
    assert.equal(described('{"a":1,"b":"x"}'), 'MAP<STRING,null>');
    assert.equal(described('{}'), 'MAP<null,null>');
    assert.deepEqual(Values.parseString('{"a":1,"a":2}')?.value, new Map([['a', 2]]));
  });

  it('when a list or map is malformed, it is the text as a string', () => {
    for (const text of ['[1', '[1 2]', '[,1]', '{a:1}', '{"a":}', '[abc,def]']) {
      assert.deepEqual(Values.parseString(text), { schema: Schemas.STRING, value: text }, text);
    }
  });

  it('when a number is followed by other text at the top level, it keeps the number, as Kafka does', () => {
    assert.deepEqual(Values.parseString('1,000'), { schema: Schemas.INT8, value: 1 });
  });
});

describe('Values.convertToString', () => {
  it('when converting, it prints as Kafka does: Java numbers, quoted embedded strings, base64 bytes, ISO dates', () => {
    assert.equal(Values.convertToString(Schemas.INT32, 5), '5');
    assert.equal(Values.convertToString(null, 5), '5.0');
    assert.equal(Values.convertToString(Schemas.FLOAT32, Math.fround(1.1)), '1.1');
    assert.equal(Values.convertToString(null, ['a"b', null, 1n, Uint8Array.of(1)]), '["a\\"b",null,1,"AQ=="]');
    assert.equal(
      Values.convertToString(
        null,
        new Map<unknown, unknown>([
          ['k', [1.5, true]],
          [2n, 'v\\'],
        ]),
      ),
      '{"k":[1.5,true],2:"v\\\\"}',
    );
    assert.equal(Values.convertToString(Timestamp.schema(), new Date(1_705_322_096_789)), '2024-01-15T12:34:56.789Z');
    assert.equal(Values.convertToString(ConnectDate.schema(), new Date(86_400_000 * 2)), '1970-01-03');
    assert.equal(Values.convertToString(Timestamp.schema(), new Date(-1)), '23:59:59.999Z');
    assert.equal(Values.convertToString(null, BigDecimal.parse('1E+5')), '1E+5');
    assert.equal(Values.convertToString(null, null), null);
  });

  it('when converting a struct, it writes its fields with defaults for unset ones', () => {
    const schema = SchemaBuilder.struct()
      .field('a', Schemas.INT32)
      .field('b', SchemaBuilder.string().optional().defaultValue('d').build())
      .field('c', Schemas.OPTIONAL_FLOAT64)
      .build();
    assert.equal(Values.convertToString(schema, new Struct(schema).put('a', 1)), '{"a":1,"b":"d","c":null}');
  });

  it('when text is parsed and printed again, it comes back the same for the forms Kafka prints', () => {
    for (const text of ['42', '[1,2,3]', '{"a":[1,2]}', '2024-01-15T12:34:56.789Z', 'hello world', '["a","b"]']) {
      const parsed = Values.parseString(text);
      assert.equal(Values.convertToString(parsed?.schema, parsed?.value), text, text);
    }
  });
});

describe('Values conversions', () => {
  it('when converting to numbers, it narrows as Java casts do and reads decimal text', () => {
    assert.equal(Values.convertToByte(Schemas.INT32, 300), 44);
    assert.equal(Values.convertToByte(null, '1e3'), -24);
    assert.equal(Values.convertToShort(null, '-1.9'), -1);
    assert.equal(Values.convertToInteger(null, 1e20), -1);
    assert.equal(Values.convertToInteger(null, Number.NaN), 0);
    assert.equal(Values.convertToLong(null, '123'), 123n);
    assert.equal(Values.convertToLong(null, BigDecimal.parse('12345678901234567890123.9')), 4807115922877859019n);
    assert.equal(Values.convertToFloat(null, 16777217n), 16777216);
    assert.equal(Values.convertToDouble(null, '1e400'), Number.POSITIVE_INFINITY);
    assert.equal(Values.convertToDouble(Schemas.FLOAT32, Math.fround(1.1)), 1.100000023841858);
  });

  it('when a value cannot be a number, it fails with Kafka’s message', () => {
    assert.throws(() => Values.convertToLong(null, ' 1'), { message: 'Unable to convert  1 (class java.lang.String) to a number' });
    assert.throws(() => Values.convertToLong(Schemas.STRING, 'abc'), {
      message: 'Unable to convert abc (class java.lang.String) to Schema{STRING}',
    });
    assert.throws(() => Values.convertToLong(null, new Date(12345)), {
      message: 'Unable to convert Thu Jan 01 00:00:12 UTC 1970 (class java.util.Date) to a number',
    });
  });

  it('when converting to a boolean, it parses text and treats non-zero numbers as true', () => {
    assert.equal(Values.convertToBoolean(null, 'true'), true);
    assert.equal(Values.convertToBoolean(null, '0'), false);
    assert.equal(Values.convertToBoolean(null, 0.5), false);
    assert.equal(Values.convertToBoolean(Schemas.INT32, 5), true);
    assert.equal(Values.convertToBoolean(null, null), null);
  });

  it('when converting to temporal types, it converts between them by their schemas', () => {
    assert.deepEqual(Values.convertToDate(null, '2024-01-15'), new Date(Date.UTC(2024, 0, 15)));
    assert.deepEqual(Values.convertToDate(Timestamp.schema(), new Date(-1)), new Date(0));
    assert.deepEqual(Values.convertToDate(Schemas.INT32, 3), new Date(259_200_000));
    assert.deepEqual(Values.convertToTime(Timestamp.schema(), new Date(-1)), new Date(86_399_999));
    assert.deepEqual(Values.convertToTimestamp(ConnectDate.schema(), new Date(86_400_000)), new Date(86_400_000));
    assert.deepEqual(Values.convertToTimestamp(null, '1705322096789'), new Date(1_705_322_096_789));
    assert.throws(() => Values.convertToTimestamp(null, null), {
      message: 'Unable to convert a null value to a schema that requires a value',
    });
    assert.throws(() => Values.convertToDate(Schemas.STRING, '2024-01-15'), {
      message: 'Unable to convert Mon Jan 15 00:00:00 UTC 2024 (class java.util.Date) to Schema{STRING}',
    });
  });

  it('when converting to a Decimal, it takes bytes, decimals, numbers by their Java text, and decimal text', () => {
    assert.deepEqual(Values.convertToDecimal(null, 1e10, 2), new BigDecimal(10n, -9));
    assert.deepEqual(Values.convertToDecimal(Schemas.INT32, 5, 2), new BigDecimal(50n, 1));
    assert.deepEqual(Values.convertToDecimal(null, '1.50', 2), new BigDecimal(150n, 2));
    assert.deepEqual(Values.convertToDecimal(null, Uint8Array.of(4, 1), 2), new BigDecimal(1025n, 2));
    assert.throws(() => Values.convertToDecimal(null, true, 2), {
      message: 'Unable to convert true (class java.lang.Boolean) to Schema{org.apache.kafka.connect.data.Decimal:BYTES}',
    });
  });

  it('when converting to lists, maps and structs, it parses text and refuses other values', () => {
    assert.deepEqual(Values.convertToList(null, '[1,2]'), [new SizedNumber('INT8', 1), new SizedNumber('INT8', 2)]);
    assert.deepEqual(Values.convertToMap(null, '{"a":"b"}'), new Map([['a', 'b']]));
    assert.throws(() => Values.convertToList(Schemas.INT32, 5), {
      message: 'Unable to convert 5 (class java.lang.Integer) to Schema{ARRAY}',
    });
    assert.throws(() => Values.convertToStruct(null, 'abc'), {
      message: 'Unable to convert abc (class java.lang.String) to Schema{STRUCT}',
    });
  });

  it('when inferring schemas, it finds a common element type or none', () => {
    assert.equal(String(Values.inferSchema([1n, null])), 'Schema{ARRAY}');
    assert.equal(Values.inferSchema([1n, 'a']), null);
    assert.equal(Values.inferSchema(new Date(0)), null);
    assert.equal(Values.inferSchema(5), Schemas.FLOAT64);
    assert.equal(Values.inferSchema(new SizedNumber('INT16', 5)), Schemas.INT16);
    assert.throws(() => Values.inferSchema([null]), { name: 'SchemaBuilderException', message: 'type cannot be null' });
  });
});
