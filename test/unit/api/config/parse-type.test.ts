import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException, convertToString, Password, parseType, Type } from '../../../../shared/api/config/index.ts';

/** The message parseType throws for `value`, or a failure if it does not throw. */
function parseError(name: string, value: unknown, type: Type): string {
  try {
    parseType(name, value, type);
  } catch (error) {
    assert.ok(error instanceof ConfigException, `expected a ConfigException, got ${error}`);
    return error.message;
  }
  assert.fail(`parsing ${String(value)} as ${type} should have failed`);
}

describe('parseType', () => {
  it('when a BOOLEAN is true or false in any case and padded, it parses it', () => {
    assert.equal(parseType('k', ' TRUE ', Type.BOOLEAN), true);
    assert.equal(parseType('k', 'fAlSe', Type.BOOLEAN), false);
    assert.equal(parseType('k', true, Type.BOOLEAN), true);
  });

  it('when a BOOLEAN is anything else, it says it expected true or false', () => {
    assert.equal(parseError('k', 'yes', Type.BOOLEAN), 'Invalid value yes for configuration k: Expected value to be either true or false');
    assert.equal(parseError('k', 1, Type.BOOLEAN), 'Invalid value 1 for configuration k: Expected value to be either true or false');
  });

  it('when a STRING is padded, it trims only Java whitespace (control characters, not Unicode spaces)', () => {
    assert.equal(parseType('k', ' \t a b \n', Type.STRING), 'a b');
    assert.equal(parseType('k', '\u00a0x\u00a0', Type.STRING), '\u00a0x\u00a0');
    assert.equal(parseType('k', '', Type.STRING), '');
  });

  it('when a STRING is not a string, it names the Java type it would have been', () => {
    assert.equal(
      parseError('k', 5, Type.STRING),
      'Invalid value 5 for configuration k: Expected value to be a string, but it was a java.lang.Integer',
    );
  });

  it('when an INT is a padded or signed integer, it parses it to a number', () => {
    assert.equal(parseType('k', ' 12 ', Type.INT), 12);
    assert.equal(parseType('k', '+5', Type.INT), 5);
    assert.equal(parseType('k', '-2147483648', Type.INT), -2147483648);
    assert.ok(Object.is(parseType('k', '-0', Type.INT), 0));
    assert.equal(parseType('k', 7, Type.INT), 7);
  });

  it('when an INT is not a 32-bit integer, it says "Not a number of type INT"', () => {
    for (const value of ['abc', '1.5', '', '1e3', '0x10', '2147483648']) {
      assert.equal(
        parseError('batch.size', value, Type.INT),
        `Invalid value ${value} for configuration batch.size: Not a number of type INT`,
      );
    }
    assert.equal(
      parseError('k', 2 ** 40, Type.INT),
      'Invalid value 1099511627776 for configuration k: Expected value to be a 32-bit integer, but it was a java.lang.Long',
    );
    assert.equal(
      parseError('k', 1.5, Type.INT),
      'Invalid value 1.5 for configuration k: Expected value to be a 32-bit integer, but it was a java.lang.Double',
    );
  });

  it('when a SHORT is outside -32768..32767, it says "Not a number of type SHORT"', () => {
    assert.equal(parseType('k', '32767', Type.SHORT), 32767);
    assert.equal(parseError('k', '40000', Type.SHORT), 'Invalid value 40000 for configuration k: Not a number of type SHORT');
    assert.equal(
      parseError('k', 40000, Type.SHORT),
      'Invalid value 40000 for configuration k: Expected value to be a 16-bit integer (short), but it was a java.lang.Integer',
    );
  });

  it('when a LONG fits a safe integer, it is a number; beyond, a bigint; beyond 64 bits, an error', () => {
    assert.equal(parseType('k', '2147483648', Type.LONG), 2147483648);
    assert.equal(parseType('k', 9007199254740991n, Type.LONG), 9007199254740991);
    assert.equal(parseType('k', '9007199254740992', Type.LONG), 9007199254740992n);
    assert.equal(parseType('k', '-9223372036854775808', Type.LONG), -9223372036854775808n);
    assert.equal(
      parseError('k', '9223372036854775808', Type.LONG),
      'Invalid value 9223372036854775808 for configuration k: Not a number of type LONG',
    );
    assert.equal(
      parseError('k', true, Type.LONG),
      'Invalid value true for configuration k: Expected value to be a 64-bit integer (long), but it was a java.lang.Boolean',
    );
  });

  it("when a DOUBLE is in any of Java's decimal forms, it parses it", () => {
    assert.equal(parseType('k', ' 12 ', Type.DOUBLE), 12);
    assert.equal(parseType('k', '1e3', Type.DOUBLE), 1000);
    assert.equal(parseType('k', '1.5d', Type.DOUBLE), 1.5);
    assert.equal(parseType('k', '.5', Type.DOUBLE), 0.5);
    assert.equal(parseType('k', '-Infinity', Type.DOUBLE), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(parseType('k', 'NaN', Type.DOUBLE)));
    assert.equal(parseType('k', 3n, Type.DOUBLE), 3);
  });

  it('when a DOUBLE is not a number, it says "Not a number of type DOUBLE"', () => {
    for (const value of ['abc', '', '0x10', '1e', '.']) {
      assert.equal(parseError('k', value, Type.DOUBLE), `Invalid value ${value} for configuration k: Not a number of type DOUBLE`);
    }
  });

  it('when a LIST is comma-separated, it splits and trims, keeping empty items; an empty string is an empty list', () => {
    assert.deepEqual(parseType('k', 'a, b ,c', Type.LIST), ['a', 'b', 'c']);
    assert.deepEqual(parseType('k', 'a,,b,', Type.LIST), ['a', '', 'b', '']);
    assert.deepEqual(parseType('k', '  ', Type.LIST), []);
    assert.deepEqual(parseType('k', ['x', 'y'], Type.LIST), ['x', 'y']);
    assert.equal(parseError('k', 5, Type.LIST), 'Invalid value 5 for configuration k: Expected a comma separated list.');
  });

  it('when a LIST is parsed, the result cannot be changed (defaults are shared)', () => {
    const list = parseType('k', 'a,b', Type.LIST) as string[];
    assert.throws(() => list.push('c'), TypeError);
  });

  it('when a PASSWORD is given, it wraps the trimmed string in a Password', () => {
    const password = parseType('k', ' s3cret ', Type.PASSWORD);
    assert.ok(password instanceof Password);
    assert.equal(password.value(), 's3cret');
    assert.equal(
      parseError('k', 5, Type.PASSWORD),
      'Invalid value 5 for configuration k: Expected value to be a string, but it was a java.lang.Integer',
    );
  });

  it('when a CLASS is given, it keeps the trimmed class name', () => {
    assert.equal(
      parseType('k', ' org.apache.kafka.connect.json.JsonConverter ', Type.CLASS),
      'org.apache.kafka.connect.json.JsonConverter',
    );
    assert.equal(parseError('k', 5, Type.CLASS), 'Invalid value 5 for configuration k: Expected a Class instance or class name.');
  });

  it('when the value is null, it stays null whatever the type', () => {
    for (const type of Object.values(Type)) assert.equal(parseType('k', null, type), null);
  });
});

describe('convertToString', () => {
  it('when values are converted for the REST API, it prints them as Kafka does', () => {
    assert.equal(convertToString(null, Type.STRING), null);
    assert.equal(convertToString(['a', 'b'], Type.LIST), 'a,b');
    assert.equal(convertToString([], Type.LIST), '');
    assert.equal(convertToString(1, Type.DOUBLE), '1.0');
    assert.equal(convertToString(2147483648, Type.DOUBLE), '2.147483648E9');
    assert.equal(convertToString(1, Type.INT), '1');
    assert.equal(convertToString(9007199254740993n, Type.LONG), '9007199254740993');
    assert.equal(convertToString(false, Type.BOOLEAN), 'false');
    assert.equal(convertToString(new Password('s3cret'), Type.PASSWORD), '[hidden]');
    assert.equal(convertToString(['a', 'b'], null), '[a, b]');
  });
});
