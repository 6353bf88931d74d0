import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JavaRuntimeException } from '../../../shared/transforms/support/java-errors.ts';
import { SimpleDateFormat } from '../../../shared/transforms/support/simple-date-format.ts';
import { DateParseError } from '../../../shared/transforms/support/simple-date-parse.ts';

const utc = (text: string): number => Date.parse(text);
const NOW = utc('2026-11-22T00:00:00Z');
const format = (pattern: string) => new SimpleDateFormat(pattern, { now: NOW });

describe('SimpleDateFormat', () => {
  it('when formatting numeric fields, it pads each to its number of letters', () => {
    // Prepare
    const instant = utc('2024-03-05T07:08:09.012Z');

    // Act
    const text = format("yyyy-MM-dd'T'HH:mm:ss.SSS yy y M d H m s S").format(instant);

    // Assess
    assert.equal(text, '2024-03-05T07:08:09.012 24 2024 3 5 7 8 9 12');
  });

  it('when formatting text fields, it writes the en_US names and the UTC zone', () => {
    // Act
    const text = format('EEE EEEE MMM MMMM a G z zzzz Z X XXX').format(utc('2024-03-05T13:00:00Z'));

    // Assess
    assert.equal(text, 'Tue Tuesday Mar March PM AD UTC Coordinated Universal Time +0000 Z Z');
  });

  it('when formatting 12-hour and week fields, it counts as Java does', () => {
    // Act
    const text = format('h K k H | YYYY ww u D F W').format(utc('2020-12-31T00:30:00Z'));

    // Assess: 31 December 2020 is in week 1 of 2021 under en_US rules, and a Thursday.
    assert.equal(text, '12 0 24 0 | 2021 01 4 366 5 5');
  });

  it('when formatting a date before 15 October 1582, it uses the Julian calendar as Java does', () => {
    // Act
    const beforeCutover = format('yyyy-MM-dd G').format(utc('1582-10-14T00:00:00Z'));
    const yearOne = format('yyyy-MM-dd G').format(utc('0001-01-01T00:00:00Z'));
    const beforeChrist = format('y G').format(utc('-000099-06-01T00:00:00Z'));

    // Assess
    assert.equal(beforeCutover, '1582-10-04 AD');
    assert.equal(yearOne, '0001-01-03 AD');
    assert.equal(beforeChrist, '100 BC');
  });

  it("when the pattern quotes text, it writes it as is and '' as one quote", () => {
    // Act
    const text = format("'at' HH 'o''clock' ''").format(utc('2024-01-01T09:00:00Z'));

    // Assess
    assert.equal(text, "at 09 o'clock '");
  });

  it('when the pattern has a letter Java does not know, an unterminated quote or XXXX, it fails as Java does', () => {
    // Act & Assess
    assert.throws(
      () => format('yyyy-qq'),
      (error: unknown) => error instanceof JavaRuntimeException && error.message === "Illegal pattern character 'q'",
    );
    assert.throws(() => format("yyyy 'x"), { message: 'Unterminated quote' });
    assert.throws(() => format('XXXX'), { message: 'invalid ISO 8601 format: length=4' });
  });

  it('when parsing, text after the pattern is ignored and fields roll over', () => {
    // Act
    const trailing = format('yyyy-MM-dd').parse('2024-01-15 and more');
    const rolled = format('yyyy-MM-dd HH:mm').parse('2024-13-32 25:61');

    // Assess
    assert.equal(trailing, utc('2024-01-15T00:00:00Z'));
    assert.equal(rolled, utc('2025-02-02T02:01:00Z'));
  });

  it('when parsing adjacent numeric fields, each takes exactly its width', () => {
    // Act
    const compact = format('yyyyMMddHHmmss').parse('20240115103000');

    // Assess
    assert.equal(compact, utc('2024-01-15T10:30:00Z'));
  });

  it('when parsing numbers, a sign, an exponent and leading blanks are read as Java reads them', () => {
    // Act
    const exponent = format('yyyy-MM-dd').parse('2020-01-1E1');
    const blanks = format('yyyy-M-d').parse(' \t2024-1-\t5');
    const negative = format('yyyy-MM-dd').parse('2024-01--1');

    // Assess
    assert.equal(exponent, utc('2020-01-10T00:00:00Z'));
    assert.equal(blanks, utc('2024-01-05T00:00:00Z'));
    assert.equal(negative, utc('2023-12-30T00:00:00Z'));
  });

  it('when parsing names, case does not matter and the longest name wins', () => {
    // Act
    const parsed = format('EEE, d MMM yyyy hh:mm a').parse('tuesday, 5 SEPTEMBER 2024 01:15 pm');

    // Assess
    assert.equal(parsed, utc('2024-09-05T13:15:00Z'));
  });

  it('when parsing time zones, offsets, GMT forms and UTC names are applied', () => {
    // Prepare
    const rfc = format('yyyy-MM-dd HH:mm Z');
    const iso = format("yyyy-MM-dd'T'HH:mmXXX");

    // Act & Assess
    assert.equal(rfc.parse('2024-01-01 10:00 +0530'), utc('2024-01-01T04:30:00Z'));
    assert.equal(rfc.parse('2024-01-01 10:00 GMT-08:00'), utc('2024-01-01T18:00:00Z'));
    assert.equal(rfc.parse('2024-01-01 10:00 UTC'), utc('2024-01-01T10:00:00Z'));
    assert.equal(iso.parse('2024-01-01T10:00Z'), utc('2024-01-01T10:00:00Z'));
    assert.equal(iso.parse('2024-01-01T10:00-02:30'), utc('2024-01-01T12:30:00Z'));
  });

  it('when a zone is named by an abbreviation other than UTC or GMT, it refuses it rather than guess', () => {
    // Act & Assess
    assert.throws(
      () => format('yyyy z').parse('2024 PST'),
      (error: unknown) => error instanceof DateParseError && (error.detail ?? '').includes('"PST"'),
    );
  });

  it('when parsing a two-digit year, it lands within 80 years before and 20 after the format was made', () => {
    // Prepare: made in November 2026, so 46 is ambiguous between 1946 and 2046.
    const twoDigits = format('yy-MM-dd');

    // Act & Assess
    assert.equal(twoDigits.parse('45-01-01'), utc('2045-01-01T00:00:00Z'));
    assert.equal(twoDigits.parse('47-01-01'), utc('1947-01-01T00:00:00Z'));
    assert.equal(twoDigits.parse('46-12-01'), utc('1946-12-01T00:00:00Z'));
    assert.equal(twoDigits.parse('46-01-01'), utc('2046-01-01T00:00:00Z'));
    assert.equal(format('yyyy').parse('45'), utc('0045-01-01T00:00:00Z') - 2 * 86_400_000);
  });

  it('when the text does not match, it throws a DateParseError', () => {
    // Act & Assess
    assert.throws(() => format('yyyy-MM-dd').parse('2024/01/01'), DateParseError);
    assert.throws(() => format('yyyyMMdd').parse('202401'), DateParseError);
    assert.throws(() => format('MMM yyyy').parse('Sept 2024'), DateParseError);
  });
});
