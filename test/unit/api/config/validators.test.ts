import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CaseInsensitiveValidString,
  CompositeValidator,
  ConfigException,
  KnownClass,
  LambdaValidator,
  ListSize,
  NonEmptyString,
  NonEmptyStringWithoutControlChars,
  NonNullValidator,
  Range,
  type Validator,
  ValidList,
  ValidString,
} from '../../../../shared/api/config/index.ts';

/** The message `validator` throws for `value`, or undefined when the value passes. */
function messageOf(validator: Validator, name: string, value: unknown): string | undefined {
  try {
    validator.ensureValid(name, value);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConfigException, `expected a ConfigException, got ${error}`);
    assert.equal(error.key, name);
    return error.message;
  }
}

describe('validators', () => {
  it('when a value is below Range.atLeast, it says what the minimum is', () => {
    assert.equal(messageOf(Range.atLeast(1), 'tasks.max', -1), 'Invalid value -1 for configuration tasks.max: Value must be at least 1');
    assert.equal(messageOf(Range.atLeast(1), 'tasks.max', 1), undefined);
    assert.equal(messageOf(Range.atLeast(0.5), 'x', 0.25), 'Invalid value 0.25 for configuration x: Value must be at least 0.5');
  });

  it('when a value is above Range.between, it says what the maximum is', () => {
    assert.equal(messageOf(Range.between(1, 10), 'x', 11), 'Invalid value 11 for configuration x: Value must be no more than 10');
    assert.equal(messageOf(Range.between(1, 10), 'x', 10), undefined);
    assert.equal(messageOf(Range.between(0n, 10n), 'x', 11n), 'Invalid value 11 for configuration x: Value must be no more than 10');
  });

  it('when a Range gets null, it says the value must be non-null', () => {
    assert.equal(messageOf(Range.atLeast(1), 'tasks.max', null), 'Invalid value null for configuration tasks.max: Value must be non-null');
  });

  it('when a string is not in ValidString, it lists the choices in order', () => {
    const validator = ValidString.in('none', 'all');
    assert.equal(
      messageOf(validator, 'errors.tolerance', 'some'),
      'Invalid value some for configuration errors.tolerance: String must be one of: none, all',
    );
    assert.equal(
      messageOf(validator, 'errors.tolerance', null),
      'Invalid value null for configuration errors.tolerance: String must be one of: none, all',
    );
    assert.equal(messageOf(validator, 'errors.tolerance', 'all'), undefined);
    assert.equal(String(validator), '[none, all]');
  });

  it('when a string is not in CaseInsensitiveValidString, it lists the choices upper-cased in Java HashSet order', () => {
    const validator = CaseInsensitiveValidString.in('none', 'all');
    assert.equal(messageOf(validator, 'errors.tolerance', 'ALL'), undefined);
    assert.equal(
      messageOf(validator, 'errors.tolerance', 'some'),
      'Invalid value some for configuration errors.tolerance: String must be one of (case insensitive): ALL, NONE',
    );
    assert.equal(
      messageOf(CaseInsensitiveValidString.in('requested', 'required'), 'exactly.once.support', 'x'),
      'Invalid value x for configuration exactly.once.support: String must be one of (case insensitive): REQUIRED, REQUESTED',
    );
  });

  it('when a list has an item not in ValidList, it reports that item as ValidString would', () => {
    assert.equal(messageOf(ValidList.in('a', 'b'), 'l', ['a', 'c']), 'Invalid value c for configuration l: String must be one of: a, b');
    assert.equal(messageOf(ValidList.in('a', 'b'), 'l', []), undefined);
  });

  it("when a list is empty, duplicated, has an empty item or is null, it uses Kafka 4's ValidList messages", () => {
    assert.equal(messageOf(ValidList.in(false, 'a', 'b'), 'l', []), "Configuration 'l' must not be empty. Valid values include: [a, b]");
    assert.equal(
      messageOf(ValidList.anyNonDuplicateValues(false, false), 'topics', []),
      "Configuration 'topics' must not be empty. Valid values include: any non-empty value",
    );
    assert.equal(messageOf(ValidList.in('a', 'b'), 'l', ['a', 'a']), "Configuration 'l' values must not be duplicated.");
    assert.equal(messageOf(ValidList.in('a', 'b'), 'l', ['a', '']), "Configuration 'l' values must not be empty.");
    assert.equal(messageOf(ValidList.in('a', 'b'), 'l', null), "Configuration 'l' values must not be null.");
    assert.equal(messageOf(ValidList.anyNonDuplicateValues(true, true), 'l', null), undefined);
  });

  it('when ValidList refuses empty lists but has no valid strings, it refuses the definition', () => {
    assert.throws(() => ValidList.in(false), /At least one valid string must be provided when empty values are not allowed/);
  });

  it('when a string is empty, NonEmptyString says it must be non-empty, and lets null pass', () => {
    assert.equal(messageOf(new NonEmptyString(), 's', ''), 'Invalid value  for configuration s: String must be non-empty');
    assert.equal(messageOf(new NonEmptyString(), 's', null), undefined);
  });

  it('when a value is null, NonNullValidator says it must be non null', () => {
    assert.equal(messageOf(new NonNullValidator(), 's', null), 'Invalid value null for configuration s: entry must be non null');
    assert.equal(messageOf(new NonNullValidator(), 's', ''), undefined);
  });

  it('when a name is empty or holds control characters, NonEmptyStringWithoutControlChars lists their codes', () => {
    const validator = NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars();
    assert.equal(messageOf(validator, 'name', ''), 'Invalid value  for configuration name: String may not be empty');
    assert.equal(
      messageOf(validator, 'name', 'a\tb\u0001'),
      'Invalid value a\tb\u0001 for configuration name: String may not contain control sequences but had the following ASCII chars: 9, 1',
    );
    assert.equal(messageOf(validator, 'name', null), undefined);
  });

  it('when a list is too long, ListSize prints the list and the limit', () => {
    assert.equal(
      messageOf(ListSize.atMostOfSize(1), 'l', ['a', 'b']),
      'Invalid value [a, b] for configuration l: exceeds maximum list size of [1].',
    );
  });

  it('when one of a CompositeValidator fails, it reports the first failure', () => {
    const validator = CompositeValidator.of(new NonEmptyString(), ValidString.in('x'), Range.between(1, 2));
    assert.equal(messageOf(validator, 'c', 'y'), 'Invalid value y for configuration c: String must be one of: x');
    assert.equal(messageOf(validator, 'c', ''), 'Invalid value  for configuration c: String must be non-empty');
    assert.equal(String(validator), 'non-empty string, [x], [1,...,2]');
  });

  it('when a LambdaValidator is given functions, it uses them to check and describe', () => {
    const validator = LambdaValidator.with(
      (name, value) => {
        if (typeof value === 'string' && value.startsWith('_')) throw ConfigException.invalidValue(name, value, 'Must not start with _');
      },
      () => 'names not starting with _',
    );
    assert.equal(messageOf(validator, 'topic', '_x'), 'Invalid value _x for configuration topic: Must not start with _');
    assert.equal(messageOf(validator, 'topic', 'x'), undefined);
    assert.equal(String(validator), 'names not starting with _');
  });

  it('when a class name is unknown to KnownClass, it says the class could not be found', () => {
    const validator = KnownClass.where((name) => name === 'org.apache.kafka.connect.json.JsonConverter');
    assert.equal(
      messageOf(validator, 'key.converter', 'com.x.Nope'),
      'Invalid value com.x.Nope for configuration key.converter: Class com.x.Nope could not be found.',
    );
    assert.equal(messageOf(validator, 'key.converter', 'org.apache.kafka.connect.json.JsonConverter'), undefined);
  });
});
