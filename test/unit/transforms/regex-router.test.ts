import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigException } from '../../../shared/api/config/index.ts';
import type { SinkRecord, SinkRecordFields } from '../../../shared/api/record/sink-record.ts';
import { SourceRecord } from '../../../shared/api/record/source-record.ts';
import { plugins, RegexRouter } from '../../../shared/transforms/regex-router.ts';
import { sinkRecord, sourceRecord } from '../../support/records.ts';

/** Records whose every field is set, to show that only the topic changes. */
function routedRecord(fields: Partial<SinkRecordFields> = {}): SinkRecord {
  return sinkRecord({ kafkaPartition: 3, kafkaOffset: 7, timestamp: 5, key: 'k', value: 'v', ...fields });
}

function router(regex: string, replacement: string): RegexRouter {
  const transform = new RegexRouter();
  transform.configure({ regex, replacement });
  return transform;
}

describe('RegexRouter', () => {
  it('when the whole topic matches, it is rewritten with the groups and everything else is kept', () => {
    // Act
    const result = router('(.*)-(.*)', '$2.$1').apply(routedRecord({ topic: 'orders-eu' }));

    // Assess
    assert.equal(result?.topic, 'eu.orders');
    assert.equal(result?.kafkaPartition, 3);
    assert.equal(result?.key, 'k');
    assert.equal(result?.value, 'v');
    assert.equal(result?.timestamp, 5);
    assert.equal((result as SinkRecord).kafkaOffset, 7);
    assert.equal((result as SinkRecord).originalTopic, 'orders-eu');
  });

  it('when only part of the topic matches, the record passes unchanged', () => {
    // Prepare
    const record = routedRecord({ topic: 'my-orders' });

    // Act
    const result = router('orders', 'x').apply(record);

    // Assess
    assert.equal(result, record);
  });

  it('when the regex has alternatives, only the first match is replaced, as Java’s replaceFirst does', () => {
    // Act
    const result = router('a|ab', 'X').apply(routedRecord({ topic: 'ab' }));

    // Assess
    assert.equal(result?.topic, 'Xb');
  });

  it('when the regex uses named groups and quoting, they work as in Java', () => {
    // Act
    const named = router('(?<env>[a-z]+)\\.(?<name>.*)', `\${name}_\${env}`).apply(routedRecord({ topic: 'prod.orders' }));
    const quoted = router('\\Qdb.\\E(.*)', '$1').apply(routedRecord({ topic: 'db.users' }));

    // Assess
    assert.equal(named?.topic, 'orders_prod');
    assert.equal(quoted?.topic, 'users');
  });

  it('when the replacement names a group that does not exist, the record fails with Java’s exception', () => {
    // Act & Assess
    assert.throws(() => router('(.*)', '$2').apply(routedRecord()), { name: 'IndexOutOfBoundsException', message: 'No group 2' });
  });

  it('when the record is a source record, it stays one', () => {
    // Prepare
    const record = sourceRecord({ topic: 'a-b', sourcePartition: { file: 'f' }, sourceOffset: { position: 1 } });

    // Act
    const result = router('(.*)-(.*)', '$2').apply(record);

    // Assess
    assert.ok(result instanceof SourceRecord);
    assert.equal(result.topic, 'b');
    assert.deepEqual(result.sourceOffset, { position: 1 });
  });

  it('when the regex is invalid or missing, the config is rejected with Kafka’s messages', () => {
    // Act & Assess
    assert.throws(() => router('(abc', 'x'), {
      message: 'Invalid value (abc for configuration regex: Invalid regex: Unclosed group near index 4\n(abc',
    });
    assert.throws(() => new RegexRouter().configure({ regex: '.*' }), {
      message: 'Missing required configuration "replacement" which has no default value.',
    });
    assert.throws(
      () => router('\\p{InGreek}', 'x'),
      (error: unknown) => error instanceof ConfigException && error.key === 'regex',
    );
  });

  it('when registered, it is found under Kafka’s class name', () => {
    // Assess
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.RegexRouter');
    assert.ok(plugins[0]?.create() instanceof RegexRouter);
  });
});
