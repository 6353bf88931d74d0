import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildKafkaEvent, type EventMessage, InvalidKafkaEventError, parseKafkaEvent } from '../../../../shared/kafka/esm-event.ts';

const reference = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));

describe('parseKafkaEvent', () => {
  it('when given the MSK sample, it decodes key, value, headers and metadata', () => {
    // Act
    const [message, ...rest] = parseKafkaEvent(reference('msk-event.json'));

    // Assess
    assert.equal(rest.length, 0);
    assert.ok(message);
    assert.deepEqual(
      {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        timestamp: message.timestamp,
        type: message.timestampType,
      },
      { topic: 'orders', partition: 0, offset: 15, timestamp: 1545084650987, type: 'CREATE_TIME' },
    );
    assert.equal(text(message.key), 'recordKey');
    assert.equal(text(message.value), '{"key":"value"}');
    assert.deepEqual(
      message.headers.map((header) => [header.key, text(header.value)]),
      [['headerKey', 'headerValue']],
    );
  });

  it('when given the self-managed sample, it reads a null key and no headers', () => {
    const [message] = parseKafkaEvent(reference('self-managed-kafka-event.json'));

    assert.ok(message);
    assert.equal(message.partition, 1);
    assert.equal(message.offset, 42);
    assert.equal(message.key, null);
    assert.equal(text(message.value), '{"id":42,"total":9.99}');
    assert.deepEqual(message.headers, []);
  });

  it('when an older event has string partitions and offsets and aws:SelfManagedKafka, it reads them as numbers', () => {
    const event = {
      eventSource: 'aws:SelfManagedKafka',
      records: { 't-3': [{ topic: 't', partition: '3', offset: '7', timestamp: '5', timestampType: 'LOG_APPEND_TIME', value: 'YQ==' }] },
    };

    const [message] = parseKafkaEvent(event);

    assert.deepEqual(
      {
        partition: message?.partition,
        offset: message?.offset,
        timestamp: message?.timestamp,
        type: message?.timestampType,
        key: message?.key,
      },
      { partition: 3, offset: 7, timestamp: 5, type: 'LOG_APPEND_TIME', key: null },
    );
  });

  it('when key and value are absent, it reads them as null (a tombstone)', () => {
    const [message] = parseKafkaEvent({
      eventSource: 'aws:kafka',
      records: { 't-0': [{ topic: 't', partition: 0, offset: 1, timestamp: 1 }] },
    });

    assert.equal(message?.key, null);
    assert.equal(message?.value, null);
  });

  it('when records arrive out of order and partitions interleave, it groups per partition in offset order', () => {
    const record = (partition: number, offset: number) => ({ topic: 't', partition, offset, timestamp: 1, value: null });
    const event = {
      eventSource: 'aws:kafka',
      records: { 't-1': [record(1, 9), record(1, 8)], 't-0': [record(0, 4), record(0, 2)], x: [record(1, 10)] },
    };

    const order = parseKafkaEvent(event).map((message) => `${message.partition}@${message.offset}`);

    assert.deepEqual(order, ['1@8', '1@9', '1@10', '0@2', '0@4']);
  });

  it('when a header holds signed bytes, it maps them to the same octets', () => {
    const event = {
      eventSource: 'aws:kafka',
      records: { 't-0': [{ topic: 't', partition: 0, offset: 0, headers: [{ h: [-1, 65] }, { h: [66] }] }] },
    };

    const [message] = parseKafkaEvent(event);

    assert.deepEqual(
      message?.headers.map((header) => [header.key, [...(header.value ?? [])]]),
      [
        ['h', [255, 65]],
        ['h', [66]],
      ],
    );
  });

  it('when a record is malformed, it throws an error naming the record', () => {
    const base = { topic: 'orders', partition: 2, offset: 17, timestamp: 1 };
    const cases: [unknown, RegExp][] = [
      [{ ...base, value: 'not base64!' }, /orders-2@17 .*value is not base64/],
      [{ ...base, headers: [{ h: 'abc' }] }, /orders-2@17 .*header "h" must be an array of bytes/],
      [{ ...base, offset: 'x' }, /topic orders, partition 2\) has an invalid offset "x"/],
      [{ ...base, partition: -1 }, /invalid partition -1/],
      [{ ...base, timestampType: 'WHENEVER' }, /orders-2@17 .*unknown timestampType/],
    ];
    for (const [record, message] of cases)
      assert.throws(
        () => parseKafkaEvent({ eventSource: 'aws:kafka', records: { 'orders-2': [record] } }),
        (error: unknown) => {
          assert.ok(error instanceof InvalidKafkaEventError);
          assert.match(error.message, message);
          return true;
        },
      );
  });

  it('when the event is not from a Kafka mapping, it says so', () => {
    assert.throws(() => parseKafkaEvent({ Records: [] }), /Not a Kafka event source mapping event/);
    assert.throws(() => parseKafkaEvent({ eventSource: 'aws:kafka' }), /"records" must be an object/);
  });
});

describe('buildKafkaEvent', () => {
  const local = (partition: number, offset: number, extra: Partial<EventMessage> = {}): EventMessage => ({
    topic: 'orders',
    partition,
    offset,
    timestamp: 1_700_000_000_000 + offset,
    timestampType: 'CREATE_TIME',
    key: new Uint8Array([partition]),
    value: new TextEncoder().encode(`v${offset}`),
    headers: [{ key: 'trace', value: new Uint8Array([1, 2]) }],
    ...extra,
  });

  it('when a locally built event is parsed before its records are read, it hands over the records it was built from, as reading its event form would', () => {
    // Prepare: besides plain records, a null header value and a timestamp the event form cannot carry.
    const records = [
      local(0, 7),
      local(0, 8, { headers: [{ key: 'gone', value: null }] }),
      local(1, 3, { timestamp: null, timestampType: 'CREATE_TIME' }),
      local(1, 4, { key: null, value: null }),
    ];
    const build = () => buildKafkaEvent(records, { bootstrapServers: '127.0.0.1:9092' });

    // Act
    const handedOver = parseKafkaEvent(build());
    const decoded = parseKafkaEvent(JSON.parse(JSON.stringify(build())));

    // Assess
    assert.deepEqual(handedOver, decoded);
    assert.equal(handedOver[0], records[0], 'a plain record is handed over as it is, not decoded again');
  });

  it('when the records of a locally built event were read (and could have been changed), it is parsed from them', () => {
    const event = buildKafkaEvent([local(0, 1)], { bootstrapServers: '127.0.0.1:9092' });

    (event.records['orders-0']?.[0] as { value: string }).value = 'not base64!';

    assert.throws(() => parseKafkaEvent(event), /orders-0@1 .*value is not base64/);
  });

  it('when records are built into an event, parsing it gives them back', () => {
    const records = [
      {
        topic: 'a',
        partition: 0,
        offset: 5,
        timestamp: 10,
        timestampType: 'CREATE_TIME' as const,
        key: null,
        value: new Uint8Array([1, 2, 3]),
        headers: [{ key: 'k', value: new Uint8Array([200]) }],
      },
      {
        topic: 'a',
        partition: 1,
        offset: 6,
        timestamp: null,
        timestampType: 'NO_TIMESTAMP_TYPE' as const,
        key: new Uint8Array([9]),
        value: null,
        headers: [],
      },
    ];

    const event = buildKafkaEvent(records, { bootstrapServers: '127.0.0.1:9092' });

    assert.deepEqual(Object.keys(event.records), ['a-0', 'a-1']);
    assert.equal(event.eventSource, 'SelfManagedKafka');
    assert.deepEqual(JSON.parse(JSON.stringify(event)).records['a-0'][0].headers, [{ k: [200] }]);
    assert.deepEqual(parseKafkaEvent(JSON.parse(JSON.stringify(event))), records);
  });
});
