import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import { JavaRuntimeException } from '../../../shared/transforms/support/java-errors.ts';
import {
  JAVA_REGEX_VALIDATOR,
  JavaPattern,
  JavaPatternSyntaxError,
  UntranslatableRegexError,
} from '../../../shared/transforms/support/java-regex.ts';

describe('JavaPattern', () => {
  it('when matching, the whole input must match, as Matcher.matches', () => {
    // Prepare
    const pattern = JavaPattern.compile('orders\\.(.*)');

    // Act & Assess
    assert.equal(pattern.matches('orders.eu'), true);
    assert.equal(pattern.matches('my.orders.eu'), false);
    assert.equal(JavaPattern.compile('a|ab').matches('ab'), true);
  });

  it('when replacing, only the first match is replaced, which need not be the whole input', () => {
    // Act & Assess
    assert.equal(JavaPattern.compile('a|ab').replaceFirst('ab', 'X'), 'Xb');
    assert.equal(JavaPattern.compile('(.*)-(.*)').replaceFirst('orders-eu', '$2.$1'), 'eu.orders');
  });

  it("when the replacement uses Java's syntax, groups, names and escapes expand as in Java", () => {
    // Prepare
    const pattern = JavaPattern.compile('(?<env>[a-z]+)\\.(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)');

    // Act
    const result = pattern.replaceFirst('prod.abcdefghij', `\${env}|$11|$12|\\$1|$0`);

    // Assess: $11 is group 11; $12 is group 1 then "2"; \$ is a dollar.
    assert.equal(result, 'prod|j|prod2|$1|prod.abcdefghij');
  });

  it('when a group did not take part in the match, it expands to nothing', () => {
    // Act & Assess
    assert.equal(JavaPattern.compile('a(b)?').replaceFirst('a', '[$1]'), '[]');
  });

  it('when the replacement is malformed, it throws the Java exception Kafka would', () => {
    // Prepare
    const pattern = JavaPattern.compile('(a)');
    const failsWith = (replacement: string, javaClass: string, message: string) =>
      assert.throws(
        () => pattern.replaceFirst('a', replacement),
        (error: unknown) => error instanceof JavaRuntimeException && error.kafkaClassName === javaClass && error.message === message,
      );

    // Act & Assess
    failsWith('x$', 'java.lang.IllegalArgumentException', 'Illegal group reference: group index is missing');
    failsWith('$a', 'java.lang.IllegalArgumentException', 'Illegal group reference');
    failsWith('$2', 'java.lang.IndexOutOfBoundsException', 'No group 2');
    failsWith(`\${x}`, 'java.lang.IllegalArgumentException', 'No group with name {x}');
    failsWith('x\\', 'java.lang.IllegalArgumentException', 'character to be escaped is missing');
  });

  it("when the pattern uses Java's own constructs, they mean what they mean in Java", () => {
    // Act & Assess
    assert.equal(JavaPattern.compile('\\Qa.b\\E').matches('a.b'), true);
    assert.equal(JavaPattern.compile('\\Qa.b\\E').matches('axb'), false);
    assert.equal(JavaPattern.compile('(?i)orders').matches('ORDERS'), true);
    assert.equal(JavaPattern.compile('a++a').matches('aaa'), false);
    assert.equal(JavaPattern.compile('(?>a|ab)c').matches('abc'), false);
    assert.equal(JavaPattern.compile('[a-z&&[^aeiou]]+').matches('bcd'), true);
    assert.equal(JavaPattern.compile('[a-z&&[^aeiou]]+').matches('bad'), false);
    assert.equal(JavaPattern.compile('\\s').matches('\u00a0'), false);
    assert.equal(JavaPattern.compile('\\p{Alpha}+').matches('abcé'), false);
    assert.equal(JavaPattern.compile('(?x) a b # comment').matches('ab'), true);
    assert.equal(JavaPattern.compile('.').matches('\u0085'), false);
  });

  it('when the pattern is not valid Java, it fails with Java’s message and index', () => {
    // Act & Assess
    assert.throws(
      () => JavaPattern.compile('(abc'),
      (error: unknown) => error instanceof JavaPatternSyntaxError && error.message === 'Unclosed group near index 4\n(abc',
    );
    assert.throws(() => JavaPattern.compile('*abc'), { message: "Dangling meta character '*' near index 0\n*abc\n^" });
    assert.throws(() => JavaPattern.compile('(?<=a*b{2})c'), {
      message: /^Look-behind group does not have an obvious maximum length near index 9\n/,
    });
    assert.throws(() => JavaPattern.compile('[z-a]'), { message: 'Illegal character range near index 3\n[z-a]\n   ^' });
  });

  it('when the pattern is valid Java but has no JavaScript equivalent, it says so', () => {
    // Act & Assess
    assert.throws(() => JavaPattern.compile('\\p{InGreek}'), UntranslatableRegexError);
    assert.throws(() => JavaPattern.compile('\\X'), UntranslatableRegexError);
  });

  it('when validating a config value, it answers with ConfigExceptions naming the key', () => {
    // Act & Assess
    assert.throws(
      () => JAVA_REGEX_VALIDATOR.ensureValid('regex', '(abc'),
      (error: unknown) =>
        error instanceof ConfigException &&
        error.message === 'Invalid value (abc for configuration regex: Invalid regex: Unclosed group near index 4\n(abc',
    );
    assert.throws(
      () => JAVA_REGEX_VALIDATOR.ensureValid('regex', '\\p{InGreek}'),
      (error: unknown) => error instanceof ConfigException && error.key === 'regex',
    );
    assert.doesNotThrow(() => JAVA_REGEX_VALIDATOR.ensureValid('regex', '(.*)'));
  });
});
