import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SinkRecord } from '../../../../shared/api/record/sink-record.ts';
import { DynamoDbSinkTask } from '../../../../shared/connectors/dynamodb/dynamodb-sink.ts';

// DynamoDB Local never throttles, so what the task does with unprocessed items and with a request
// DynamoDB refuses is checked here against a scripted client.

type Command = { constructor: { name: string }; input: Record<string, unknown> };

function scriptedClient(answer: (command: Command, calls: Command[]) => unknown) {
  const calls: Command[] = [];
  const client = {
    send: async (command: Command) => {
      calls.push(command);
      if (command.constructor.name === 'DescribeTableCommand')
        return {
          Table: {
            KeySchema: [{ AttributeName: 'offset', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'offset', AttributeType: 'N' }],
          },
        };
      return answer(command, calls);
    },
    destroy: () => undefined,
  };
  return { calls, client: client as unknown as DynamoDBClient };
}

const record = (offset: number) =>
  new SinkRecord({
    topic: 't',
    kafkaPartition: 0,
    kafkaOffset: offset,
    keySchema: null,
    key: null,
    valueSchema: null,
    value: new Map([['n', BigInt(offset)]]),
    timestamp: null,
  });

function task(client: DynamoDBClient, sleeps: number[], reported: number[] = [], config: Record<string, string> = {}) {
  const sink = new DynamoDbSinkTask({ createClient: () => client, sleep: async (ms) => void sleeps.push(ms) });
  sink.initialize({
    configs: {},
    errantRecordReporter: { report: async (r) => void reported.push(r.kafkaOffset) },
    assignment: () => [],
    requestCommit: () => undefined,
  });
  sink.start({ 'aws.dynamodb.pk.hash': 'offset', 'aws.dynamodb.pk.sort': '', 'retry.backoff.ms': '150', ...config });
  return sink;
}

const requestsOf = (command: Command) => ((command.input.RequestItems as Record<string, unknown[]>).t ?? []).length;

describe('DynamoDbSinkTask writes', () => {
  it('when DynamoDB leaves items unprocessed, it sends exactly those again with growing, capped waits', async () => {
    const sleeps: number[] = [];
    const { calls, client } = scriptedClient((command, all) => {
      const batchCalls = all.filter((c) => c.constructor.name === 'BatchWriteItemCommand').length;
      const requests = (command.input.RequestItems as Record<string, unknown[]>).t ?? [];
      return { UnprocessedItems: batchCalls < 4 ? { t: requests.slice(1) } : {} };
    });

    await task(client, sleeps).put([record(1), record(2), record(3), record(4)]);

    assert.deepEqual(calls.filter((c) => c.constructor.name === 'BatchWriteItemCommand').map(requestsOf), [4, 3, 2, 1]);
    assert.deepEqual(sleeps, [50, 100, 150]);
  });

  it('when unprocessed items remain after max.retries, put fails with a RetriableException', async () => {
    const { client } = scriptedClient((command) => ({ UnprocessedItems: command.input.RequestItems }));

    await assert.rejects(task(client, [], [], { 'max.retries': '2' }).put([record(1)]), (error: Error) => {
      assert.equal(error.name, 'RetriableException');
      assert.match(error.message, /left 1 item\(s\) of table t unprocessed after 2 retries/);
      return true;
    });
  });

  it('when DynamoDB refuses a batch, it writes the items one by one and reports only the one it refuses', async () => {
    const reported: number[] = [];
    const refused = Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
    const { client } = scriptedClient((command) => {
      if (command.constructor.name === 'BatchWriteItemCommand') throw refused;
      if ((command.input.Item as { offset: { N: string } }).offset.N === '2') throw refused;
      return {};
    });

    await task(client, [], reported).put([record(1), record(2), record(3)]);

    assert.deepEqual(reported, [2]);
  });

  it('when more than batch.size records or a repeated item arrive, requests stay within the limit and never hold one item twice', async () => {
    const { calls, client } = scriptedClient(() => ({}));

    await task(client, [], [], { 'batch.size': '3' }).put([record(1), record(2), record(1), record(3), record(4), record(5), record(6)]);

    assert.deepEqual(calls.filter((c) => c.constructor.name === 'BatchWriteItemCommand').map(requestsOf), [2, 3, 2]);
  });
});
