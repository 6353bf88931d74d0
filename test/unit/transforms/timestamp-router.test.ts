import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Schemas } from '../../../shared/api/data/index.ts';
import { DataException } from '../../../shared/api/errors.ts';
import { Headers } from '../../../shared/api/record/headers.ts';
import type { SinkRecord, SinkRecordFields } from '../../../shared/api/record/sink-record.ts';
import { JavaRuntimeException } from '../../../shared/transforms/support/java-errors.ts';
import { plugins, TimestampRouter } from '../../../shared/transforms/timestamp-router.ts';
import { sinkRecord } from '../../support/records.ts';

function orderRecord(fields: Partial<SinkRecordFields> = {}): SinkRecord {
  return sinkRecord({ topic: 'orders', ...fields });
}

function router(configs: Record<string, string> = {}): TimestampRouter {
  const transform = new TimestampRouter();
  transform.configure(configs);
  return transform;
}

describe('TimestampRouter', () => {
  it('when it uses its defaults, the topic gets the UTC day of the timestamp', () => {
    // Act
    const result = router().apply(orderRecord({ timestamp: Date.parse('2024-06-10T23:59:59Z') }));

    // Assess
    assert.equal(result?.topic, 'orders-20240610');
  });

  it('when the formats are custom, both apply and placeholders may repeat', () => {
    // Act
    const result = router({ 'topic.format': `\${timestamp}/\${topic}/\${topic}`, 'timestamp.format': "yyyy-MM 'week' ww EEE" }).apply(
      orderRecord({ timestamp: Date.parse('2024-06-10T00:00:00Z') }),
    );

    // Assess
    assert.equal(result?.topic, '2024-06 week 24 Mon/orders/orders');
  });

  it(`when the topic itself holds \${timestamp}, it is replaced too, as Kafka replaces in order`, () => {
    // Act
    const result = router({ 'timestamp.format': 'yyyy' }).apply(orderRecord({ topic: `a$1-\${timestamp}`, timestamp: 0 }));

    // Assess
    assert.equal(result?.topic, 'a$1-1970-1970');
  });

  it('when a record has no timestamp, it fails with the record as Java prints it', () => {
    // Prepare
    const record = orderRecord({ keySchema: Schemas.STRING, key: 'k', value: 1.5, headers: new Headers().add('h', 'v', Schemas.STRING) });

    // Act & Assess
    assert.throws(
      () => router().apply(record),
      (error: unknown) =>
        error instanceof DataException &&
        error.message ===
          'Timestamp missing on record: SinkRecord{kafkaOffset=0, timestampType=NoTimestampType, originalTopic=orders, originalKafkaPartition=0, originalKafkaOffset=0} ' +
            "ConnectRecord{topic='orders', kafkaPartition=0, key=k, keySchema=Schema{STRING}, value=1.5, valueSchema=null, timestamp=null, " +
            'headers=ConnectHeaders(headers=[ConnectHeader(key=h, value=v, schema=Schema{STRING})])}',
    );
  });

  it('when the timestamp format is invalid, configuring succeeds but every record fails', () => {
    // Prepare
    const transform = router({ 'timestamp.format': 'yyyy-qq' });

    // Act & Assess
    for (let i = 0; i < 2; i++) {
      assert.throws(
        () => transform.apply(orderRecord({ timestamp: 0 })),
        (error: unknown) => error instanceof JavaRuntimeException && error.message === "Illegal pattern character 'q'",
      );
    }
  });

  it('when registered, it is found under Kafka’s class name', () => {
    // Assess
    assert.equal(plugins[0]?.className, 'org.apache.kafka.connect.transforms.TimestampRouter');
  });
});
