import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Reconciler } from '../../../shared/control/reconciler/index.ts';
import { ConnectorNotFoundError, createMemoryStores, type Stores } from '../../../shared/stores/index.ts';
import { RecordingMappings, RecordingScheduler, SINK_CLASS, SOURCE_CLASS, testRegistry } from '../../support/reconciler/fixtures.ts';

const source = (extra: Record<string, string> = {}) => ({
  'connector.class': SOURCE_CLASS,
  'tasks.max': '2',
  'source.name': 'orders',
  ...extra,
});

describe('the reconciler', () => {
  let stores: Stores;
  let scheduler: RecordingScheduler;
  let mappings: RecordingMappings;
  let clusterTopics: string[];
  let reconciler: Reconciler;

  beforeEach(() => {
    stores = createMemoryStores();
    scheduler = new RecordingScheduler();
    mappings = new RecordingMappings();
    clusterTopics = [];
    reconciler = new Reconciler({
      configs: stores.configs,
      statuses: stores.statuses,
      scheduler,
      mappings,
      registry: testRegistry(),
      topicsMatching: async (pattern) => clusterTopics.filter((topic) => pattern.test(topic)),
      workerId: 'reconciler-test',
    });
  });

  const mutatingCalls = () => [...scheduler.calls, ...mappings.calls];

  describe('with a source connector', () => {
    it('when a connector is created, it writes its tasks at generation 1, one enabled schedule per task, and RUNNING statuses', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      const tasks = await stores.configs.getTasks('orders');
      assert.equal(tasks?.generation, 1);
      assert.deepEqual(tasks?.tasks, [
        { 'source.name': 'orders', 'task.partitions': '0,2', 'task.class': 'test.copycat.PartitionedSourceTask' },
        { 'source.name': 'orders', 'task.partitions': '1,3', 'task.class': 'test.copycat.PartitionedSourceTask' },
      ]);
      assert.deepEqual(await scheduler.list('orders'), [
        { connector: 'orders', task: 0, generation: 1, enabled: true, intervalMinutes: 1 },
        { connector: 'orders', task: 1, generation: 1, enabled: true, intervalMinutes: 1 },
      ]);
      const statuses = await stores.statuses.get('orders');
      assert.equal(statuses.connector?.state, 'RUNNING');
      assert.equal(statuses.connector?.workerId, 'reconciler-test');
      assert.deepEqual(
        statuses.tasks.map(({ id, state, generation }) => ({ id, state, generation })),
        [
          { id: 0, state: 'RUNNING', generation: 1 },
          { id: 1, state: 'RUNNING', generation: 1 },
        ],
      );
      assert.equal(outcome.state, 'RUNNING');
      assert.equal(outcome.tasks, 2);
      assert.deepEqual(mappings.calls, []);
    });

    it('when it runs a second time on an unchanged config, it changes nothing: no port call, same generation, same statuses', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      const callsBefore = mutatingCalls().length;
      const statusesBefore = await stores.statuses.get('orders');
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.deepEqual(outcome.changes, []);
      assert.equal(mutatingCalls().length, callsBefore);
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 1);
      assert.deepEqual(await stores.statuses.get('orders'), statusesBefore);
    });

    it('when tasks.max shrinks, it writes a new generation, moves the kept schedules to it and removes the extra one', async () => {
      // Prepare
      await stores.configs.create('orders', source({ 'tasks.max': '3' }));
      await reconciler.reconcile('orders');
      const record = await stores.configs.get('orders');
      await stores.configs.update('orders', source({ 'tasks.max': '2' }), record?.version ?? 0);
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.equal(outcome.generation, 2);
      assert.equal((await stores.configs.getTasks('orders'))?.tasks.length, 2);
      assert.deepEqual(
        (await scheduler.list('orders')).map(({ task, generation }) => ({ task, generation })),
        [
          { task: 0, generation: 2 },
          { task: 1, generation: 2 },
        ],
      );
      assert.ok(scheduler.calls.includes('remove orders/2'));
      assert.deepEqual(
        (await stores.statuses.get('orders')).tasks.map(({ id, generation }) => ({ id, generation })),
        [
          { id: 0, generation: 2 },
          { id: 1, generation: 2 },
        ],
      );
    });

    it('when it is paused, its schedules stay but are disabled and the statuses are PAUSED; resumed, they are enabled again', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      await stores.configs.setTargetState('orders', 'PAUSED');
      // Act
      const paused = await reconciler.reconcile('orders');
      const schedulesWhilePaused = await scheduler.list('orders');
      const statusesWhilePaused = await stores.statuses.get('orders');
      await stores.configs.setTargetState('orders', 'STARTED');
      const resumed = await reconciler.reconcile('orders');
      // Assess
      assert.equal(paused.state, 'PAUSED');
      assert.deepEqual(
        schedulesWhilePaused.map(({ task, enabled, generation }) => ({ task, enabled, generation })),
        [
          { task: 0, enabled: false, generation: 1 },
          { task: 1, enabled: false, generation: 1 },
        ],
      );
      assert.equal(statusesWhilePaused.connector?.state, 'PAUSED');
      assert.deepEqual(
        statusesWhilePaused.tasks.map((task) => task.state),
        ['PAUSED', 'PAUSED'],
      );
      assert.equal(resumed.state, 'RUNNING');
      assert.deepEqual(
        (await scheduler.list('orders')).map((schedule) => schedule.enabled),
        [true, true],
      );
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 1);
    });

    it('when it is stopped, its task configs are emptied, its schedules removed and it is STOPPED without task statuses', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      await stores.configs.setTargetState('orders', 'STOPPED');
      // Act
      const outcome = await reconciler.reconcile('orders');
      const again = await reconciler.reconcile('orders');
      // Assess
      assert.equal(outcome.state, 'STOPPED');
      assert.deepEqual(await stores.configs.getTasks('orders'), { generation: 2, tasks: [] });
      assert.deepEqual(await scheduler.list('orders'), []);
      const statuses = await stores.statuses.get('orders');
      assert.equal(statuses.connector?.state, 'STOPPED');
      assert.deepEqual(statuses.tasks, []);
      assert.deepEqual(again.changes, []);
    });

    it('when it is deleted, its schedules are removed and nothing of it is left', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      await stores.configs.delete('orders');
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.equal(outcome.state, 'DELETED');
      assert.deepEqual(await scheduler.list(), []);
      assert.deepEqual(await mappings.list(), []);
      assert.equal(await stores.configs.getTasks('orders'), undefined);
      assert.deepEqual(await stores.statuses.get('orders'), { connector: undefined, tasks: [] });
    });

    it('when the connector returns more task configs than tasks.max, it is FAILED and nothing is scheduled', async () => {
      // Prepare
      await stores.configs.create('orders', source({ overshoot: 'true' }));
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.equal(outcome.state, 'FAILED');
      assert.match((await stores.statuses.get('orders')).connector?.trace ?? '', /generated 3 tasks, which is greater than 2/);
      assert.equal(await stores.configs.getTasks('orders'), undefined);
      assert.deepEqual(mutatingCalls(), []);
    });

    it('when the connector fails to start, it is FAILED with the error and its running tasks are left alone', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      const callsBefore = mutatingCalls().length;
      const record = await stores.configs.get('orders');
      await stores.configs.update('orders', source({ 'fail.on.start': 'true' }), record?.version ?? 0);
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.equal(outcome.state, 'FAILED');
      assert.match((await stores.statuses.get('orders')).connector?.trace ?? '', /the source system refused the connection/);
      assert.equal(mutatingCalls().length, callsBefore);
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 1);
    });
  });

  describe('with an invalid config', () => {
    it('when connector.class is unknown and tasks.max is 0, it is FAILED naming both keys, listing the plugins, and touches nothing else', async () => {
      // Prepare
      await stores.configs.create('broken', { 'connector.class': 'com.example.Missing', 'tasks.max': '0' });
      // Act
      const outcome = await reconciler.reconcile('broken');
      // Assess
      const status = (await stores.statuses.get('broken')).connector;
      assert.equal(status?.state, 'FAILED');
      assert.match(
        status?.trace ?? '',
        /^connector\.class: .*com\.example\.Missing.*available connectors are: .*PartitionedSourceConnector/m,
      );
      assert.match(status?.trace ?? '', /^tasks\.max: Invalid value 0 for configuration tasks\.max: Value must be at least 1$/m);
      assert.deepEqual([...(outcome.errors?.keys() ?? [])].sort(), ['connector.class', 'tasks.max']);
      assert.equal(await stores.configs.getTasks('broken'), undefined);
      assert.deepEqual(mutatingCalls(), []);
    });

    it('when a key the connector requires is missing and another has a wrong type, it is FAILED naming every key and why', async () => {
      // Prepare
      await stores.configs.create('orders', { 'connector.class': SOURCE_CLASS, 'source.partitions': 'many', 'errors.tolerance': 'some' });
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      const trace = (await stores.statuses.get('orders')).connector?.trace ?? '';
      assert.equal(outcome.state, 'FAILED');
      assert.match(trace, /^source\.name: Missing required configuration "source\.name" which has no default value\.$/m);
      assert.match(trace, /^source\.partitions: .*many/m);
      assert.match(trace, /^errors\.tolerance: .*some/m);
      assert.match(trace, /contains the following 4 error\(s\)/);
      assert.deepEqual(mutatingCalls(), []);
    });

    it('when the invalid config is reconciled again, it does not rewrite the FAILED status', async () => {
      // Prepare
      await stores.configs.create('broken', { 'connector.class': SOURCE_CLASS });
      await reconciler.reconcile('broken');
      const before = await stores.statuses.get('broken');
      // Act
      const outcome = await reconciler.reconcile('broken');
      // Assess
      assert.deepEqual(outcome.changes, []);
      assert.deepEqual(await stores.statuses.get('broken'), before);
    });

    it('when a running connector gets an invalid config, it is FAILED and its tasks and schedules stay as they were', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      const callsBefore = mutatingCalls().length;
      const record = await stores.configs.get('orders');
      await stores.configs.update('orders', source({ 'tasks.max': '-1' }), record?.version ?? 0);
      // Act
      await reconciler.reconcile('orders');
      // Assess
      assert.equal((await stores.statuses.get('orders')).connector?.state, 'FAILED');
      assert.equal(mutatingCalls().length, callsBefore);
      assert.equal((await scheduler.list('orders')).length, 2);
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 1);
    });
  });

  describe('with a sink connector', () => {
    it('when it lists one topic, it gets one enabled mapping with the group id connect-<name>', async () => {
      // Prepare
      await stores.configs.create('audit', { 'connector.class': SINK_CLASS, topics: 'events' });
      // Act
      await reconciler.reconcile('audit');
      // Assess
      assert.deepEqual(await mappings.list('audit'), [
        {
          connector: 'audit',
          topic: 'events',
          groupId: 'connect-audit',
          enabled: true,
          batchSize: 500,
          batchingWindowSeconds: 1,
          startingPosition: 'TRIM_HORIZON',
          reportBatchItemFailures: false,
        },
      ]);
      assert.deepEqual(scheduler.calls, []);
      assert.equal((await stores.statuses.get('audit')).connector?.state, 'RUNNING');
    });

    it('when it lists two topics, it gets one mapping per topic with distinct group ids connect-<name>-<topic>', async () => {
      // Prepare
      await stores.configs.create('audit', {
        'connector.class': SINK_CLASS,
        topics: 'orders, payments',
        'consumer.override.max.poll.records': '50',
        'consumer.override.auto.offset.reset': 'latest',
      });
      // Act
      await reconciler.reconcile('audit');
      const again = await reconciler.reconcile('audit');
      // Assess
      assert.deepEqual(
        (await mappings.list('audit')).map(({ topic, groupId, batchSize, startingPosition }) => ({
          topic,
          groupId,
          batchSize,
          startingPosition,
        })),
        [
          { topic: 'orders', groupId: 'connect-audit-orders', batchSize: 50, startingPosition: 'LATEST' },
          { topic: 'payments', groupId: 'connect-audit-payments', batchSize: 50, startingPosition: 'LATEST' },
        ],
      );
      assert.deepEqual(again.changes, []);
      assert.equal(mappings.calls.length, 2);
    });

    it('when it uses topics.regex, the topics come from topicsMatching, and a new matching topic gets a mapping on the next run', async () => {
      // Prepare
      clusterTopics = ['orders.eu', 'orders.us', 'payments', 'orders.eu.dlq'];
      await stores.configs.create('audit', {
        'connector.class': SINK_CLASS,
        'topics.regex': 'orders\\..*',
        'errors.deadletterqueue.topic.name': 'dead-letters',
      });
      // Act
      await reconciler.reconcile('audit');
      const first = (await mappings.list('audit')).map(({ topic, groupId }) => ({ topic, groupId }));
      clusterTopics.push('orders.asia');
      await reconciler.reconcile('audit');
      // Assess
      assert.deepEqual(first, [
        { topic: 'orders.eu', groupId: 'connect-audit-orders.eu' },
        { topic: 'orders.eu.dlq', groupId: 'connect-audit-orders.eu.dlq' },
        { topic: 'orders.us', groupId: 'connect-audit-orders.us' },
      ]);
      assert.ok((await mappings.list('audit')).some((mapping) => mapping.topic === 'orders.asia'));
      assert.deepEqual((await stores.configs.getTasks('audit'))?.tasks[0]?.['topics.regex'], 'orders\\..*');
    });

    it('when a topic is dropped from topics, its mapping is removed; when paused, the rest are disabled', async () => {
      // Prepare
      await stores.configs.create('audit', { 'connector.class': SINK_CLASS, topics: 'orders,payments' });
      await reconciler.reconcile('audit');
      const record = await stores.configs.get('audit');
      await stores.configs.update('audit', { 'connector.class': SINK_CLASS, topics: 'orders,refunds' }, record?.version ?? 0);
      await stores.configs.setTargetState('audit', 'PAUSED');
      // Act
      await reconciler.reconcile('audit');
      // Assess
      assert.deepEqual(
        (await mappings.list('audit')).map(({ topic, enabled }) => ({ topic, enabled })),
        [
          { topic: 'orders', enabled: false },
          { topic: 'refunds', enabled: false },
        ],
      );
      assert.ok(mappings.calls.includes('remove audit/payments'));
      assert.equal((await stores.statuses.get('audit')).connector?.state, 'PAUSED');
    });

    it('when both topics and topics.regex are set, it is FAILED naming both keys', async () => {
      // Prepare
      await stores.configs.create('audit', { 'connector.class': SINK_CLASS, topics: 'a', 'topics.regex': 'b.*' });
      // Act
      const outcome = await reconciler.reconcile('audit');
      // Assess
      assert.equal(outcome.state, 'FAILED');
      assert.deepEqual([...(outcome.errors?.keys() ?? [])], ['topics', 'topics.regex']);
      assert.deepEqual(mutatingCalls(), []);
    });

    it('when it is deleted, its mappings are removed', async () => {
      // Prepare
      await stores.configs.create('audit', { 'connector.class': SINK_CLASS, topics: 'orders,payments' });
      await reconciler.reconcile('audit');
      await stores.configs.delete('audit');
      // Act
      await reconciler.reconcile('audit');
      // Assess
      assert.deepEqual(await mappings.list(), []);
    });
  });

  describe('reconcileAll', () => {
    it('when a connector is gone but its schedules and mappings remain, it removes them and reconciles the others', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await scheduler.put({ connector: 'ghost', task: 0, generation: 3, enabled: true });
      await mappings.put({
        connector: 'phantom',
        topic: 't',
        groupId: 'connect-phantom',
        enabled: true,
        batchSize: 1,
        batchingWindowSeconds: 0,
        startingPosition: 'LATEST',
        reportBatchItemFailures: false,
      });
      // Act
      const outcomes = await reconciler.reconcileAll();
      // Assess
      assert.deepEqual(
        outcomes.map(({ connector, state }) => ({ connector, state })).sort((a, b) => a.connector.localeCompare(b.connector)),
        [
          { connector: 'ghost', state: 'DELETED' },
          { connector: 'orders', state: 'RUNNING' },
          { connector: 'phantom', state: 'DELETED' },
        ],
      );
      assert.deepEqual(
        (await scheduler.list()).map((schedule) => schedule.connector),
        ['orders', 'orders'],
      );
      assert.deepEqual(await mappings.list(), []);
    });
  });

  describe('restart', () => {
    it('when onlyFailed with includeTasks, it restarts only the failed task, bumps the generation and runs it again', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      await stores.statuses.putTask('orders', 1, { state: 'FAILED', workerId: 'task-run', trace: 'boom', generation: 1 });
      // Act
      const result = await reconciler.restart('orders', { includeTasks: true, onlyFailed: true });
      // Assess
      assert.equal(result.restartConnector, false);
      assert.deepEqual(result.restartTasks, [1]);
      assert.deepEqual(result.status, {
        connector: 'RUNNING',
        tasks: [
          { id: 0, state: 'RUNNING' },
          { id: 1, state: 'RESTARTING' },
        ],
      });
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 2);
      assert.deepEqual(
        (await scheduler.list('orders')).map((schedule) => schedule.generation),
        [2, 2],
      );
      assert.deepEqual(
        (await stores.statuses.get('orders')).tasks.map(({ state, generation }) => ({ state, generation })),
        [
          { state: 'RUNNING', generation: 2 },
          { state: 'RUNNING', generation: 2 },
        ],
      );
    });

    it('when a FAILED task is not restarted, reconciling leaves it FAILED', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      await stores.statuses.putTask('orders', 0, { state: 'FAILED', workerId: 'task-run', trace: 'boom', generation: 1 });
      // Act
      const outcome = await reconciler.reconcile('orders');
      // Assess
      assert.deepEqual(outcome.changes, []);
      assert.equal((await stores.statuses.get('orders')).tasks[0]?.state, 'FAILED');
    });

    it('when only the connector is restarted, the generation stays and the connector is RUNNING again', async () => {
      // Prepare
      await stores.configs.create('orders', source());
      await reconciler.reconcile('orders');
      // Act
      const result = await reconciler.restart('orders');
      // Assess
      assert.equal(result.restartConnector, true);
      assert.deepEqual(result.restartTasks, []);
      assert.equal(result.status.connector, 'RESTARTING');
      assert.equal((await stores.configs.getTasks('orders'))?.generation, 1);
      assert.equal((await stores.statuses.get('orders')).connector?.state, 'RUNNING');
    });

    it('when the connector does not exist, it throws ConnectorNotFoundError', async () => {
      // Act
      const error = await reconciler.restart('nobody').catch((caught: unknown) => caught);
      // Assess
      assert.ok(error instanceof ConnectorNotFoundError);
    });
  });
});
