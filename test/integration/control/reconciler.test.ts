import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalScheduler, type TaskInvocation } from '../../../shared/control/local/local-scheduler.ts';
import { Reconciler } from '../../../shared/control/reconciler/index.ts';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { ensureTable } from '../../../shared/stores/dynamodb/table.ts';
import { createDynamoDbStores } from '../../../shared/stores/index.ts';
import { connectorItems } from '../../support/dynamodb.ts';
import { RecordingMappings, SOURCE_CLASS, testRegistry } from '../../support/reconciler/fixtures.ts';
import { stack, uniqueName } from '../../support/stack.ts';

const client = createDynamoDbClient(stack.dynamoDbEndpoint);
after(() => client.destroy());

// One schedule "minute" lasts 50 ms: real timers, short interval.
const MINUTE_MS = 50;

/** A fresh table with the stores on it, and a reconciler over them that schedules with `invoke`. */
async function setUp(invoke: (invocation: TaskInvocation) => void) {
  const tableName = uniqueName('reconciler');
  await ensureTable(client, tableName);
  const stores = createDynamoDbStores({ client, tableName });
  const scheduler = new LocalScheduler({ invoke, msPerMinute: MINUTE_MS });
  const reconciler = new Reconciler({
    configs: stores.configs,
    statuses: stores.statuses,
    scheduler,
    mappings: new RecordingMappings(),
    registry: testRegistry(),
    topicsMatching: async () => [],
    workerId: 'standalone-test',
  });
  return { tableName, stores, scheduler, reconciler };
}

describe('the reconciler on DynamoDB Local with the local scheduler', () => {
  it('when a source connector is created, paused, resumed and deleted, its tasks run, stop, run again and nothing is left', async () => {
    // Prepare
    const calls: TaskInvocation[] = [];
    const { tableName, stores, scheduler, reconciler } = await setUp((invocation) => void calls.push(invocation));
    try {
      // Act: create
      await stores.configs.create('orders', { 'connector.class': SOURCE_CLASS, 'tasks.max': '2', 'source.name': 'orders' });
      const created = await reconciler.reconcile('orders');
      await sleep(MINUTE_MS * 2 + 20);
      const runningStatuses = await stores.statuses.get('orders');
      const callsWhileRunning = calls.length;
      const second = await reconciler.reconcile('orders');
      // Act: pause
      await stores.configs.setTargetState('orders', 'PAUSED');
      const paused = await reconciler.reconcile('orders');
      const pausedStatuses = await stores.statuses.get('orders');
      await sleep(20); // an invocation already queued may still land
      const callsAtPause = calls.length;
      await sleep(MINUTE_MS * 3);
      const callsWhilePaused = calls.length - callsAtPause;
      // Act: resume
      await stores.configs.setTargetState('orders', 'STARTED');
      const resumed = await reconciler.reconcile('orders');
      await sleep(MINUTE_MS + 20);
      const callsAfterResume = calls.length - callsAtPause - callsWhilePaused;
      // Act: delete
      await stores.configs.delete('orders');
      const deleted = await reconciler.reconcile('orders');
      const callsAtDelete = calls.length;
      await sleep(MINUTE_MS * 2);

      // Assess
      assert.equal(created.state, 'RUNNING');
      assert.equal(created.generation, 1);
      assert.equal(runningStatuses.connector?.state, 'RUNNING');
      assert.deepEqual(
        runningStatuses.tasks.map(({ id, state, generation }) => ({ id, state, generation })),
        [
          { id: 0, state: 'RUNNING', generation: 1 },
          { id: 1, state: 'RUNNING', generation: 1 },
        ],
      );
      assert.ok(callsWhileRunning >= 4, `both tasks run at once and then every interval, got ${callsWhileRunning} runs`);
      assert.deepEqual(new Set(calls.map((call) => `${call.task}@${call.generation}`)), new Set(['0@1', '1@1']));
      assert.deepEqual(second.changes, []);
      assert.equal(paused.state, 'PAUSED');
      assert.equal(pausedStatuses.connector?.state, 'PAUSED');
      assert.deepEqual(
        pausedStatuses.tasks.map((task) => task.state),
        ['PAUSED', 'PAUSED'],
      );
      assert.equal(callsWhilePaused, 0);
      assert.equal(resumed.state, 'RUNNING');
      assert.equal(resumed.generation, 1);
      assert.ok(callsAfterResume >= 2, `both tasks run again after resume, got ${callsAfterResume} runs`);
      assert.equal(deleted.state, 'DELETED');
      assert.deepEqual(await scheduler.list(), []);
      assert.equal(calls.length, callsAtDelete);
      assert.deepEqual(await connectorItems(client, tableName, 'orders'), []);
    } finally {
      await scheduler.close();
      stores.close();
    }
  });

  it('when a config is invalid, it is FAILED in DynamoDB with every invalid key and no schedule is made', async () => {
    // Prepare
    const { stores, scheduler, reconciler } = await setUp(() => undefined);
    try {
      await stores.configs.create('broken', { 'connector.class': SOURCE_CLASS, 'tasks.max': '0' });
      // Act
      await reconciler.reconcile('broken');
      // Assess
      const status = (await stores.statuses.get('broken')).connector;
      assert.equal(status?.state, 'FAILED');
      assert.match(status?.trace ?? '', /^tasks\.max: /m);
      assert.match(status?.trace ?? '', /^source\.name: /m);
      assert.deepEqual(await scheduler.list(), []);
    } finally {
      await scheduler.close();
      stores.close();
    }
  });
});
