import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatValue, javaHashSetOrder, javaTrim } from '../../../../shared/api/config/java-format.ts';
import { Password } from '../../../../shared/api/config/password.ts';
import { formatJavaDouble } from '../../../../shared/api/data/java-number-format.ts';

// Expected values were printed by Java 17 (Double.toString, HashSet iteration) for the same inputs.
describe('java formatting', () => {
  it("when a double is printed, it reads as Java's Double.toString", () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [0.5, '0.5'],
      [2147483648, '2.147483648E9'],
      [40000, '40000.0'],
      [1e7, '1.0E7'],
      [9999999, '9999999.0'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [1e-10, '1.0E-10'],
      [123456.789, '123456.789'],
      [1e21, '1.0E21'],
      [-3.25, '-3.25'],
      [0.1 + 0.2, '0.30000000000000004'],
      [12345678.9, '1.23456789E7'],
      [Number.MAX_VALUE, '1.7976931348623157E308'],
      [-0, '-0.0'],
      [Number.NaN, 'NaN'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
    ];
    for (const [value, expected] of cases) assert.equal(formatJavaDouble(value), expected, `for ${value}`);
  });

  it('when strings go into a Java HashSet, it gives the order Java iterates them in', () => {
    assert.deepEqual(javaHashSetOrder(['NONE', 'ALL']), ['ALL', 'NONE']);
    assert.deepEqual(javaHashSetOrder(['POLL', 'INTERVAL', 'CONNECTOR']), ['INTERVAL', 'POLL', 'CONNECTOR']);
    assert.deepEqual(javaHashSetOrder(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']), [
      'SASL_SSL',
      'PLAINTEXT',
      'SSL',
      'SASL_PLAINTEXT',
    ]);
    assert.deepEqual(javaHashSetOrder(['ONLY_CONNECT', 'HYBRID_WARN', 'HYBRID_FAIL', 'SERVICE_LOAD']), [
      'SERVICE_LOAD',
      'HYBRID_WARN',
      'HYBRID_FAIL',
      'ONLY_CONNECT',
    ]);
    // Fourteen elements: the table has grown to 32 buckets.
    const letters = 'ABCDEFGHIJKLMN'.split('');
    assert.deepEqual(javaHashSetOrder([...letters].reverse()), letters);
  });

  it('when text is trimmed, only characters up to U+0020 go', () => {
    assert.equal(javaTrim('\u0001 a \u00a0'), 'a \u00a0');
  });

  it('when values go into a message, they print as Java concatenation would', () => {
    assert.equal(formatValue(null), 'null');
    assert.equal(formatValue(['a', 'b']), '[a, b]');
    assert.equal(formatValue(new Password('x')), '[hidden]');
    assert.equal(formatValue(12n), '12');
  });
});
