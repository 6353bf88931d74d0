// The differential test: every corpus case through Apache Kafka Connect's own classes and through
// Copycat, outputs compared (see compare.ts for the rules and the one deliberate difference).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compareCase } from './compare.ts';
import { runCopycat } from './copycat.ts';
import { type CaseResult, type DifferentialCase, runKafkaConnect } from './kafka-connect.ts';

/**
 * Where Copycat deliberately answers otherwise, by case and record offset, and why (README,
 * "Compared with Kafka Connect"). The test checks these differences are still there, so a fix
 * shows up as a failure that asks to shorten this list.
 */
const deliberate: Readonly<Record<string, { offsets: readonly number[]; reason: string }>> = {
  'simple-converters.json/when StringConverter writes a schemaless map, it writes the Java Map toString in HashMap order': {
    offsets: [1],
    reason: 'schemaless maps keep insertion order; Java prints a HashMap in hash order',
  },
  ...Object.fromEntries(
    ['seconds', 'milliseconds', 'microseconds'].map((unit) => [
      `timestamp-converter.json/when TimestampConverter$Value reads unix ${unit}, it scales to milliseconds`,
      {
        offsets: [3],
        reason: 'a Timestamp beyond ±8.64e15 ms does not fit a JavaScript Date; Copycat fails that record with a DataException',
      },
    ]),
  ),
};

const corpusDir = join(import.meta.dirname, 'corpus');
const files = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.json'))
  .sort();
const corpus = files.map((file) => ({ file, cases: JSON.parse(readFileSync(join(corpusDir, file), 'utf8')) as DifferentialCase[] }));

describe('Copycat against Apache Kafka Connect, case by case', () => {
  const kafka = new Map<string, CaseResult>();
  let keyOrderOnly = 0;
  let records = 0;

  before(async () => {
    const all = corpus.flatMap(({ file, cases }) => cases.map((c) => ({ ...c, name: `${file}/${c.name}` })));
    for (const result of await runKafkaConnect(all)) kafka.set(result.name, result);
  });
  after(() => {
    console.log(
      `differential: ${records} records compared; ${keyOrderOnly} byte fields equal only up to JSON object key order (Java HashMap order, a deliberate difference)`,
    );
  });

  for (const { file, cases } of corpus) {
    describe(file, () => {
      for (const testCase of cases) {
        it(`${testCase.name}: Copycat answers as Kafka Connect does`, () => {
          const name = `${file}/${testCase.name}`;
          const expected = kafka.get(name);
          assert.ok(expected, `Kafka Connect gave no result for ${name}`);
          const [actual] = runCopycat([{ ...testCase, name }]);
          const comparison = compareCase(expected, actual as CaseResult);
          keyOrderOnly += comparison.keyOrderOnly;
          records += testCase.records.length;
          const allowed = deliberate[name];
          const isAllowed = (difference: string) =>
            allowed?.offsets.some((offset) => difference.startsWith(`record at offset ${offset}:`)) ?? false;
          assert.deepEqual(
            comparison.differences.filter((difference) => !isAllowed(difference)),
            [],
          );
          if (allowed !== undefined) {
            assert.ok(
              comparison.differences.some(isAllowed),
              `${name} now matches Kafka Connect: remove it from the deliberate differences (${allowed.reason})`,
            );
          }
        });
      }
    });
  }
});
