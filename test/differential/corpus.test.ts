// The corpus through Apache Kafka Connect's own classes. These checks prove the harness is real
// (its answers for well-known cases are what Kafka Connect does) before anything is compared
// with Copycat's pipeline.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type CaseResult, type CorpusCase, loadCorpus, type RecordOutcome, runKafkaConnect } from './kafka-connect.ts';

describe('the Kafka Connect side of the differential test', () => {
  let corpus: CorpusCase[] = [];
  const results = new Map<string, CaseResult>();

  before(async () => {
    corpus = loadCorpus();
    const answers = await runKafkaConnect(corpus);
    for (const answer of answers) results.set(answer.name, answer);
  });

  function outcomesOf(name: string): RecordOutcome[] {
    const result = results.get(name);
    assert.ok(result, `no result for case "${name}"`);
    assert.equal(result.configError, undefined, `case "${name}" was rejected: ${result.configError}`);
    return result.results;
  }

  function producedValues(name: string): (string | null | undefined)[] {
    return outcomesOf(name).map((outcome) => (outcome.outcome === 'record' ? outcome.record.value : outcome.outcome));
  }

  it('when the corpus is loaded, every case has a unique name, a config and at least one record', () => {
    assert.ok(corpus.length > 300, `only ${corpus.length} cases`);
    assert.equal(new Set(corpus.map((testCase) => testCase.name)).size, corpus.length);
    for (const testCase of corpus) {
      assert.equal(typeof testCase.config, 'object', testCase.name);
      assert.ok(testCase.records.length > 0, testCase.name);
    }
  });

  it('when the whole corpus runs, every accepted case gets one outcome per record, in input order', () => {
    // Act happened in before(): one JVM for the whole corpus.
    assert.equal(results.size, corpus.length);
    for (const testCase of corpus) {
      const result = results.get(testCase.name);
      assert.ok(result, testCase.name);
      if (result.configError !== undefined) {
        assert.deepEqual(result.results, [], testCase.name);
        continue;
      }
      assert.deepEqual(
        result.results.map((outcome) => outcome.offset),
        testCase.records.map((record) => record.offset),
        testCase.name,
      );
      for (const outcome of result.results) {
        if (outcome.outcome === 'record') assert.ok(Array.isArray(outcome.record.headers), testCase.name);
        if (outcome.outcome === 'error') {
          assert.match(outcome.stage, /^(KEY_CONVERTER|VALUE_CONVERTER|HEADER_CONVERTER|TRANSFORMATION)$/, testCase.name);
          assert.match(outcome.exceptionClass, /^[a-z]+(\.[a-z]+)*\.[A-Z]\w*$/, testCase.name);
        }
      }
    }
  });

  it('when Kafka rejects a config, the case is exactly one named "the config is rejected"', () => {
    for (const testCase of corpus) {
      const result = results.get(testCase.name);
      const named = testCase.name.includes('the config is rejected');
      assert.equal(result?.configError !== undefined, named, `${testCase.file}: ${testCase.name} → ${result?.configError ?? 'accepted'}`);
      if (named) assert.match(result?.configError ?? '', /^[\w.$]+(Exception|Error): /, testCase.name);
    }
  });

  it('when InsertField$Value adds a static field to schemaless JSON, the keys come out in Java HashMap order', () => {
    // Hand-checked: HashMap(Map) sizes its table from the source map, so {"id":2,"name":"b"} + src
    // lands in a 4-slot table as name (slot 0), src (1), id (3).
    const values = producedValues(
      'when InsertField$Value adds a static field to a schemaless value, the map gains it in HashMap order and a non-map value fails',
    );
    assert.deepEqual(values.slice(0, 4), ['{"src":"copycat","id":1}', '{"name":"b","src":"copycat","id":2}', '{"src":"copycat"}', null]);
    const failure = outcomesOf(
      'when InsertField$Value adds a static field to a schemaless value, the map gains it in HashMap order and a non-map value fails',
    )[4];
    assert.deepEqual(failure, {
      offset: 4,
      outcome: 'error',
      stage: 'TRANSFORMATION',
      exceptionClass: 'org.apache.kafka.connect.errors.DataException',
      message: 'Only Map objects supported in absence of schema for [field insertion], found: java.util.ArrayList',
    });
  });

  it('when Filter has the RecordIsTombstone predicate, tombstones (also JSON null) are filtered and the rest pass untouched', () => {
    const outcomes = outcomesOf('when Filter has the RecordIsTombstone predicate, tombstones are dropped and other records pass');
    assert.deepEqual(
      outcomes.map((outcome) => outcome.outcome),
      ['record', 'filtered', 'record', 'filtered', 'filtered'],
    );
    assert.deepEqual(outcomes[0], {
      offset: 0,
      outcome: 'record',
      record: { topic: 'orders', partition: 0, offset: 0, timestamp: 1718000000000, key: 'a', value: '{"id":1}', headers: [] },
    });
  });

  it('when JsonConverter has schemas enabled and gets plain JSON, every record fails in VALUE_CONVERTER', () => {
    const outcomes = outcomesOf('when schemas are enabled and the value is plain JSON, the value converter fails');
    assert.equal(outcomes.length, 5);
    for (const outcome of outcomes) {
      assert.ok(outcome.outcome === 'error');
      assert.equal(outcome.stage, 'VALUE_CONVERTER');
      assert.equal(outcome.exceptionClass, 'org.apache.kafka.connect.errors.DataException');
      assert.match(outcome.message ?? '', /^JsonConverter with schemas\.enable requires "schema" and "payload" fields/);
    }
  });

  it('when schemaless JSON numbers are written back, they follow Java long and Double.toString', () => {
    const values = producedValues('when schemas are disabled, numbers keep Java int64 and double semantics');
    assert.equal(values[1], '1.0E10'); // 1e10
    assert.equal(values[3], '0.1');
    assert.equal(values[4], '0.0'); // -0.0 loses its sign through BigDecimal
    assert.equal(values[17], '-9223372036854775808'); // 2^63 wraps through BigInteger.longValue()
  });

  it('when output bytes are not valid UTF-8, they come back as base64', () => {
    const outcome = outcomesOf('when IntegerConverter reads well-formed bytes, the number round-trips')[1];
    assert.ok(outcome?.outcome === 'record');
    assert.equal(outcome.record.valueBase64, '/////w==');
    assert.equal(outcome.record.value, undefined);
  });

  it('when Cast$Value targets a struct, Kafka rejects the config with its own message', () => {
    assert.deepEqual(results.get('when Cast$Value targets a struct, the config is rejected'), {
      name: 'when Cast$Value targets a struct, the config is rejected',
      results: [],
      configError:
        'org.apache.kafka.common.config.ConfigException: Cast transformation does not support casting to STRUCT; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]',
    });
  });
});
