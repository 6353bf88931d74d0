import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson, parseJsonSchemaless } from '../../../shared/converters/json/json-parser.ts';
import { JsonFloat, type JsonObject, JsonParseException, MISSING } from '../../../shared/converters/json/json-tree.ts';
import { jsonDouble, jsonFloat, jsonString } from '../../../shared/converters/json/json-writer.ts';

describe('the JSON parser', () => {
  it('when a number has no fraction or exponent, it reads an integer, beyond 2^53 as an exact bigint', () => {
    // Act
    const small = parseJson('[1,-0,9007199254740993,123456789012345678901234567890]');

    // Assess
    assert.deepEqual(small, [1, 0, 9007199254740993n, 123456789012345678901234567890n]);
    assert.ok(Object.is((small as unknown[])[1], 0));
  });

  it('when a number has a fraction or exponent, it keeps the text, as Jackson keeps a BigDecimal', () => {
    // Act
    const value = parseJson('[1.0,2e3,-0.50]') as JsonFloat[];

    // Assess
    assert.deepEqual(
      value.map((number) => number.text),
      ['1.0', '2e3', '-0.50'],
    );
    assert.ok(value.every((number) => number instanceof JsonFloat));
    assert.deepEqual(
      value.map((number) => number.value),
      [1, 2000, -0.5],
    );
  });

  it('when reading schemaless, it gives Java longs as bigint (wrapping beyond 64 bits) and doubles as numbers', () => {
    // Act
    const value = parseJsonSchemaless('{"a":1,"b":1.5,"c":18446744073709551617,"d":-0.0,"e":[true,null,"x"]}') as Map<string, unknown>;

    // Assess
    assert.deepEqual(
      value,
      new Map<string, unknown>([
        ['a', 1n],
        ['b', 1.5],
        ['c', 1n],
        ['d', 0],
        ['e', [true, null, 'x']],
      ]),
    );
    assert.ok(Object.is(value.get('d'), 0), '-0.0 is 0.0 through BigDecimal');
  });

  it('when numbers have leading zeros, it accepts them, as Kafka configures Jackson to', () => {
    assert.deepEqual(parseJsonSchemaless('[007,-007,00.5]'), [7n, -7n, 0.5]);
  });

  it('when there is text after the value, it ignores it, except right after a number', () => {
    assert.equal(parseJsonSchemaless('1 2'), 1n);
    assert.deepEqual(parseJsonSchemaless('{"a":1}xyz'), new Map([['a', 1n]]));
    assert.equal(parseJsonSchemaless('true]'), true);
    assert.throws(() => parseJsonSchemaless('1x'), /Expected space separating root-level values/);
  });

  it('when the input is empty or white space, it reads no value (Jackson’s missing node)', () => {
    assert.equal(parseJson(''), MISSING);
    assert.equal(parseJson(' \n\t'), MISSING);
    assert.equal(parseJsonSchemaless('  '), null);
  });

  it('when an object repeats a key, it keeps the first position and the last value', () => {
    assert.deepEqual(
      [...(parseJson('{"a":1,"b":2,"a":3}') as JsonObject)],
      [
        ['a', 3],
        ['b', 2],
      ],
    );
  });

  it('when strings have escapes, it decodes them, surrogate pairs included', () => {
    assert.equal(parseJson('"a\\"b\\\\c\\/d\\n\\u00e9\\uD83D\\uDE00"'), 'a"b\\c/d\né😀');
  });

  for (const [input, message] of [
    ['1.', /Decimal point not followed by a digit|end-of-input/],
    ['.5', /Unexpected character \('\.' \(code 46\)\)/],
    ['+1', /Unexpected character \('\+'/],
    ['NaN', /Unrecognized token 'NaN'/],
    ['truex', /Unrecognized token 'truex'/],
    ['[1,]', /expected a value/],
    ['{"a":1,}', /was expecting double-quote to start field name/],
    ['{a:1}', /was expecting double-quote to start field name/],
    ["'a'", /Unexpected character/],
    ['"a\u0001b"', /Illegal unquoted character \(\(CTRL-CHAR, code 1\)\)/],
    ['"\\x"', /Unrecognized character escape 'x'/],
    ['[1 2]', /was expecting comma to separate Array entries/],
    ['\f5', /only regular white space/],
    ['[', /end-of-input/],
  ] as const) {
    it(`when the input is ${JSON.stringify(input)}, it rejects it with a clear message`, () => {
      assert.throws(
        () => parseJson(input),
        (error: unknown) => error instanceof JsonParseException && message.test(error.message),
      );
    });
  }

  it('when plain strings come before, between and after escapes, it reads every one of them', () => {
    // Act
    const value = parseJsonSchemaless('{"plain":"abc","esc":"a\\tb","next":"def","ctl":"x\\u0001y","last":"ghi"}');

    // Assess
    assert.deepEqual(
      value,
      new Map([
        ['plain', 'abc'],
        ['esc', 'a\tb'],
        ['next', 'def'],
        ['ctl', 'x\u0001y'],
        ['last', 'ghi'],
      ]),
    );
  });

  it('when white space between tokens holds line breaks and tabs, it still reads the strings after them', () => {
    assert.deepEqual(
      parseJsonSchemaless('{\n\t"a" : "x",\r\n  "b":\t["y", "z"]\n}'),
      new Map<string, unknown>([
        ['a', 'x'],
        ['b', ['y', 'z']],
      ]),
    );
  });

  it('when a control character is inside a string after plain strings, it names it and its place, as Jackson does', () => {
    // Act / Assess
    assert.throws(() => parseJsonSchemaless('{"a":"ok","b":"tab\there"}'), {
      message:
        'Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in string value\n at character 19 of 25',
    });
    assert.throws(() => parseJsonSchemaless('["ok", "x\ny"]'), /Illegal unquoted character \(\(CTRL-CHAR, code 10\)\)/);
  });

  it('when a string is not closed, it reports the end of input inside a String value', () => {
    assert.throws(() => parseJsonSchemaless('{"a":"ok","b":"open'), /Unexpected end-of-input in a String value/);
    assert.throws(() => parseJsonSchemaless('{"a":"ok","b":"open\\"'), /Unexpected end-of-input in a String value/);
  });

  it('when nesting is deeper than Jackson’s 1000 levels, it rejects the input', () => {
    assert.doesNotThrow(() => parseJson(`${'['.repeat(1000)}${']'.repeat(1000)}`));
    assert.throws(() => parseJson(`${'['.repeat(1001)}${']'.repeat(1001)}`), /nesting depth \(1001\) exceeds the maximum allowed \(1000\)/);
  });

  it('when an integer has more than 1000 digits, it rejects it, as Jackson does', () => {
    assert.throws(() => parseJson('1'.repeat(1001)), /Number value length \(1001\)/);
  });
});

describe('the JSON writer', () => {
  it('when writing strings, it escapes as Jackson does: short escapes, \\u00XX, and every surrogate', () => {
    assert.equal(jsonString('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(jsonString('\u0000\u0001\b\t\n\f\r\u001f'), '"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001F"');
    assert.equal(jsonString('\u007f\u2028/é'), '"\u007f\u2028/é"');
    assert.equal(jsonString('a😀b\ud83d'), '"a\\uD83D\\uDE00b\\uD83D"');
  });

  it('when writing doubles and floats, it prints them as Java does, non-finite ones as strings', () => {
    assert.deepEqual([1, 1e10, 0.001, 1e-4, -0, 1e7, 123456789].map(jsonDouble), [
      '1.0',
      '1.0E10',
      '0.001',
      '1.0E-4',
      '-0.0',
      '1.0E7',
      '1.23456789E8',
    ]);
    assert.deepEqual([Number.NaN, Number.NEGATIVE_INFINITY].map(jsonDouble), ['"NaN"', '"-Infinity"']);
    assert.equal(jsonFloat(Math.fround(1.1)), '1.1');
    assert.equal(jsonFloat(Number.POSITIVE_INFINITY), '"Infinity"');
  });

  it('when a float prints plainly, it gives Float.toString’s shortest digits, on the fast path and off it', () => {
    // Short double texts (fast path), long double texts of floats (the float's own shortest
    // digits), the edges of plain notation, and a float whose nearest double has 8 digits.
    const floats = [0.5, 1, 2, 45.99, 0.001, 9999999, 1234567, 0.1, 0.3, 3.4028235e38, 16777217, 1e7, 9.999e-4, 0.0012345678, 8388607.5];

    // Act
    const texts = floats.map((value) => jsonFloat(Math.fround(value)));

    // Assess
    assert.deepEqual(texts, [
      '0.5',
      '1.0',
      '2.0',
      '45.99',
      '0.001',
      '9999999.0',
      '1234567.0',
      '0.1',
      '0.3',
      '3.4028235E38',
      '1.6777216E7',
      '1.0E7',
      '9.999E-4',
      '0.0012345678',
      '8388607.5',
    ]);
  });
});
