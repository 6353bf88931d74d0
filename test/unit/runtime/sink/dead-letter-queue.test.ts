import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataException } from '../../../../shared/api/errors.ts';
import { deadLetterRecord, errorContextHeaders } from '../../../../shared/runtime/sink/dead-letter-queue.ts';
import { javaStackTrace } from '../../../../shared/runtime/sink/error-trace.ts';
import { message } from './sink-test-support.ts';

const decode = (value: Uint8Array | null) => (value === null ? null : new TextDecoder().decode(value));

describe('dead letter records', () => {
  it("when context headers are built, they carry Kafka Connect's names and string encodings in its order", () => {
    const original = message('orders', 7, 123456789012, '{');
    const error = new DataException('Converting byte[] to Kafka Connect data failed', { cause: new Error('Unexpected end-of-input') });

    const headers = errorContextHeaders(
      { original, stage: 'VALUE_CONVERTER', executingClass: 'org.apache.kafka.connect.json.JsonConverter', error },
      { connector: 'my-sink', task: 3 },
    );

    assert.deepEqual(
      headers.slice(0, 9).map((header) => [header.key, decode(header.value)]),
      [
        ['__connect.errors.topic', 'orders'],
        ['__connect.errors.partition', '7'],
        ['__connect.errors.offset', '123456789012'],
        ['__connect.errors.connector.name', 'my-sink'],
        ['__connect.errors.task.id', '3'],
        ['__connect.errors.stage', 'VALUE_CONVERTER'],
        ['__connect.errors.class.name', 'org.apache.kafka.connect.json.JsonConverter'],
        ['__connect.errors.exception.class.name', 'org.apache.kafka.connect.errors.DataException'],
        ['__connect.errors.exception.message', 'Converting byte[] to Kafka Connect data failed'],
      ],
    );
    const trace = decode(headers[9]?.value ?? null) ?? '';
    assert.equal(headers[9]?.key, '__connect.errors.exception.stacktrace');
    assert.match(trace, /^org\.apache\.kafka\.connect\.errors\.DataException: Converting byte\[\] to Kafka Connect data failed\n\tat /);
    assert.match(trace, /\nCaused by: Error: Unexpected end-of-input\n\tat /);
  });

  it('when the error has no message, the message header is present with a null value, as Kafka Connect writes it', () => {
    const headers = errorContextHeaders(
      {
        original: message('t', 0, 0, 'x'),
        stage: 'TASK_PUT',
        executingClass: 'org.apache.kafka.connect.sink.SinkTask',
        error: new Error(),
      },
      { connector: 'c', task: 0 },
    );

    const messageHeader = headers.find((header) => header.key === '__connect.errors.exception.message');
    assert.ok(messageHeader);
    assert.equal(messageHeader.value, null);
    assert.match(javaStackTrace(new Error()), /^Error\n/);
  });

  it('when a record is dead-lettered, it keeps the original key, value, headers and timestamp and lets the producer pick the partition', () => {
    const original = { ...message('orders', 2, 5, 'v', 'k'), timestamp: 42 };

    const letter = deadLetterRecord(
      'dlq',
      { original, stage: 'TASK_PUT', executingClass: 'x', error: new Error('e') },
      { connector: 'c', task: 0 },
      false,
    );

    assert.deepEqual(letter, {
      topic: 'dlq',
      partition: null,
      key: original.key,
      value: original.value,
      headers: original.headers,
      timestamp: 42,
    });
  });
});
