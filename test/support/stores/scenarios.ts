// The behaviour every implementation of the store ports must have. One suite, run against DynamoDB
// Local (test/integration/stores) and against the memory stores (test/unit/stores), so the two
// cannot drift apart.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  ConnectorExistsError,
  ConnectorNotFoundError,
  LeaseHeldError,
  LeaseLostError,
  type LeaseToken,
  partitionKey,
  StaleVersionError,
  type Stores,
} from '../../../shared/stores/index.ts';

/** Opens fresh, empty stores reading time from `clock`. */
export type OpenStores = (clock: () => number) => Promise<Stores>;

const start = Date.parse('2030-01-01T00:00:00.000Z');
const fileConfig = { 'connector.class': 'FileStreamSource', 'tasks.max': '1', file: '/tmp/in.txt', topic: 'lines' };
const lease = { owner: 'run-a', ttlMs: 60_000, generation: 1 };

/** The error `work` failed with; fails the test if it succeeded. Awaiting at once keeps rejections handled. */
async function failureOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  return assert.fail('the call succeeded, but it should have failed');
}

/** Asserts the error's class and the given fields. */
function assertError<E extends Error>(
  error: unknown,
  type: new (...args: never[]) => E,
  fields: Partial<Record<keyof E, unknown>> = {},
): void {
  assert.ok(error instanceof type, `expected a ${type.name}, got ${String(error)}`);
  const picked = Object.fromEntries(Object.keys(fields).map((key) => [key, (error as unknown as Record<string, unknown>)[key]]));
  assert.deepEqual(picked, fields);
}

export function storeScenarios(title: string, open: OpenStores): void {
  describe(title, () => {
    let now = start;
    let stores: Stores;
    const advance = (ms: number) => {
      now += ms;
    };

    beforeEach(async () => {
      now = start;
      stores = await open(() => now);
    });
    afterEach(() => stores.close());

    describe('configs', () => {
      it('when a connector is created, it reads back at version 1 with its target state and is listed', async () => {
        // Prepare
        await stores.configs.create('b-orders', fileConfig);
        // Act
        await stores.configs.create('a-users', { ...fileConfig, topic: 'users' }, 'PAUSED');
        // Assess
        const created = await stores.configs.get('a-users');
        assert.deepEqual(created, {
          name: 'a-users',
          config: { ...fileConfig, topic: 'users' },
          targetState: 'PAUSED',
          version: 1,
          createdAt: '2030-01-01T00:00:00.000Z',
          updatedAt: '2030-01-01T00:00:00.000Z',
        });
        assert.equal((await stores.configs.get('b-orders'))?.targetState, 'STARTED');
        assert.deepEqual(await stores.configs.list(), ['a-users', 'b-orders']);
        assert.equal(await stores.configs.get('missing'), undefined);
      });

      it('when a connector is updated at its current version, it holds the new config at the next version', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        advance(1_000);
        // Act
        const updated = await stores.configs.update('orders', { ...fileConfig, 'tasks.max': '3' }, 1);
        // Assess
        assert.equal(updated.version, 2);
        assert.equal(updated.updatedAt, '2030-01-01T00:00:01.000Z');
        const stored = await stores.configs.get('orders');
        assert.deepEqual(stored?.config, { ...fileConfig, 'tasks.max': '3' });
        assert.equal(stored?.version, 2);
        assert.equal(stored?.createdAt, '2030-01-01T00:00:00.000Z');
        assert.equal(stored?.targetState, 'STARTED');
      });

      it('when two updates race from the same version, it lets exactly one win and rejects the other as stale', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        // Act
        const results = await Promise.allSettled([
          stores.configs.update('orders', { ...fileConfig, topic: 'first' }, 1),
          stores.configs.update('orders', { ...fileConfig, topic: 'second' }, 1),
        ]);
        // Assess
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        const error = lost[0]?.reason as StaleVersionError;
        assert.ok(error instanceof StaleVersionError);
        assert.deepEqual([error.connector, error.subject, error.expected, error.actual], ['orders', 'config', 1, 2]);
        assert.match(error.message, /orders.*version 1.*has 2/);
        const stored = await stores.configs.get('orders');
        assert.equal(stored?.version, 2);
        assert.equal(stored?.config.topic, won[0]?.value.config.topic);
      });

      it('when a connector that exists is created again, it fails with ConnectorExistsError and keeps the first config', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        // Act
        const again = await failureOf(stores.configs.create('orders', { ...fileConfig, topic: 'other' }));
        // Assess
        assertError(again, ConnectorExistsError, { connector: 'orders' });
        assert.equal((await stores.configs.get('orders'))?.config.topic, 'lines');
      });

      it('when an unknown connector is written to, it fails with ConnectorNotFoundError and creates nothing', async () => {
        // Act
        const failures = [
          await failureOf(stores.configs.update('ghost', fileConfig, 1)),
          await failureOf(stores.configs.setTargetState('ghost', 'PAUSED')),
          await failureOf(stores.configs.setTargetState('ghost', 'PAUSED', 1)),
          await failureOf(stores.configs.delete('ghost')),
          await failureOf(stores.configs.putTasks('ghost', [fileConfig], 0)),
        ];
        // Assess
        for (const failure of failures) assertError(failure, ConnectorNotFoundError, { connector: 'ghost' });
        assert.deepEqual(await stores.configs.list(), []);
        assert.equal(await stores.configs.getTasks('ghost'), undefined);
      });

      it('when the target state is set, it bumps the version, and with a stale expected version it fails', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        // Act
        const paused = await stores.configs.setTargetState('orders', 'PAUSED');
        const stopped = await stores.configs.setTargetState('orders', 'STOPPED', 2);
        const stale = await failureOf(stores.configs.setTargetState('orders', 'STARTED', 2));
        // Assess
        assert.deepEqual([paused, stopped], [2, 3]);
        assertError(stale, StaleVersionError, { connector: 'orders', subject: 'config', expected: 2, actual: 3 });
        const stored = await stores.configs.get('orders');
        assert.deepEqual([stored?.targetState, stored?.version, stored?.config], ['STOPPED', 3, fileConfig]);
      });

      it('when task configs are put, it increments the generation, and a put from a stale generation fails', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        const first = await stores.configs.putTasks('orders', [{ file: 'a' }, { file: 'b' }], 0);
        // Act
        const second = await stores.configs.putTasks('orders', [{ file: 'c' }], first);
        const stale = await failureOf(stores.configs.putTasks('orders', [{ file: 'd' }], first));
        const fresh = await failureOf(stores.configs.putTasks('orders', [{ file: 'd' }], 0));
        // Assess
        assert.deepEqual([first, second], [1, 2]);
        assertError(stale, StaleVersionError, { connector: 'orders', subject: 'tasks', expected: 1, actual: 2 });
        assertError(fresh, StaleVersionError, { subject: 'tasks', expected: 0, actual: 2 });
        assert.deepEqual(await stores.configs.getTasks('orders'), { generation: 2, tasks: [{ file: 'c' }] });
      });

      it('when a connector is deleted, it removes its config, tasks, statuses, offsets and leases', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        await stores.configs.create('users', fileConfig);
        await stores.configs.putTasks('orders', [{ file: 'a' }], 0);
        await stores.statuses.putConnector('orders', { state: 'RUNNING', workerId: 'w', generation: 1 });
        await stores.statuses.putTask('orders', 0, { state: 'RUNNING', workerId: 'w', generation: 1 });
        const token = await stores.leases.acquire('orders', 0, lease);
        await stores.offsets.commit('orders', [{ partition: { filename: 'a' }, offset: { position: 1 } }], token);
        await stores.offsets.alter('users', [{ partition: { filename: 'a' }, offset: { position: 7 } }]);
        // Act
        await stores.configs.delete('orders', 1);
        // Assess
        assert.equal(await stores.configs.get('orders'), undefined);
        assert.equal(await stores.configs.getTasks('orders'), undefined);
        assert.deepEqual(await stores.statuses.get('orders'), { connector: undefined, tasks: [] });
        assert.deepEqual(await stores.offsets.list('orders'), []);
        assert.equal(await stores.leases.get('orders', 0), undefined);
        assert.deepEqual(await stores.configs.list(), ['users']);
        assert.equal((await stores.offsets.list('users')).length, 1);
      });

      it('when a delete expects a stale version, it fails and removes nothing', async () => {
        // Prepare
        await stores.configs.create('orders', fileConfig);
        await stores.configs.setTargetState('orders', 'STOPPED');
        await stores.offsets.alter('orders', [{ partition: { filename: 'a' }, offset: { position: 1 } }]);
        // Act
        const stale = await failureOf(stores.configs.delete('orders', 1));
        // Assess
        assertError(stale, StaleVersionError, { expected: 1, actual: 2 });
        assert.equal((await stores.configs.get('orders'))?.version, 2);
        assert.equal((await stores.offsets.list('orders')).length, 1);
      });
    });

    describe('offsets', () => {
      it('when a task commits offsets while it holds its lease, it reads them back by partition whatever the key order', async () => {
        // Prepare
        const token = await stores.leases.acquire('orders', 0, lease);
        // Act
        await stores.offsets.commit(
          'orders',
          [
            { partition: { table: 'a', schema: 'public' }, offset: { incrementing: 1, timestamp: null } },
            { partition: { schema: 'public', table: 'b' }, offset: { incrementing: 5 } },
            { partition: { table: 'a', schema: 'public' }, offset: { incrementing: 2, timestamp: null } },
          ],
          token,
        );
        // Assess
        const found = await stores.offsets.get('orders', [
          { schema: 'public', table: 'a' },
          { table: 'b', schema: 'public' },
          { table: 'never', schema: 'public' },
        ]);
        assert.deepEqual(
          found,
          new Map([
            [partitionKey({ schema: 'public', table: 'a' }), { incrementing: 2, timestamp: null }],
            [partitionKey({ schema: 'public', table: 'b' }), { incrementing: 5 }],
          ]),
        );
        assert.equal(partitionKey({ table: 'a', schema: 'public' }), '{"schema":"public","table":"a"}');
        assert.deepEqual(await stores.offsets.list('orders'), [
          { partition: { schema: 'public', table: 'a' }, offset: { incrementing: 2, timestamp: null } },
          { partition: { schema: 'public', table: 'b' }, offset: { incrementing: 5 } },
        ]);
      });

      it('when the lease expired and another owner took it, it refuses the old holder’s commit with LeaseLostError', async () => {
        // Prepare
        const old = await stores.leases.acquire('orders', 0, { ...lease, ttlMs: 1_000 });
        await stores.offsets.commit('orders', [{ partition: { filename: 'a' }, offset: { position: 10 } }], old);
        advance(1_001);
        const successor = await stores.leases.acquire('orders', 0, { ...lease, owner: 'run-b', generation: 2 });
        // Act
        const zombie = await failureOf(stores.offsets.commit('orders', [{ partition: { filename: 'a' }, offset: { position: 99 } }], old));
        // Assess
        assertError(zombie, LeaseLostError, { connector: 'orders', taskId: 0, owner: 'run-a', holder: 'run-b' });
        await stores.offsets.commit('orders', [{ partition: { filename: 'b' }, offset: { position: 1 } }], successor);
        assert.deepEqual(await stores.offsets.get('orders', [{ filename: 'a' }]), new Map([['{"filename":"a"}', { position: 10 }]]));
      });

      it('when the lease expired and nobody took it, or was never taken, it still refuses the commit', async () => {
        // Prepare
        const token = await stores.leases.acquire('orders', 0, { ...lease, ttlMs: 1_000 });
        const forged: LeaseToken = { ...token, taskId: 1 };
        advance(1_000);
        // Act
        const expired = await failureOf(
          stores.offsets.commit('orders', [{ partition: { filename: 'a' }, offset: { position: 1 } }], token),
        );
        const neverTaken = await failureOf(
          stores.offsets.commit('orders', [{ partition: { filename: 'a' }, offset: { position: 1 } }], forged),
        );
        // Assess
        assertError(expired, LeaseLostError, { taskId: 0, holder: 'run-a' });
        assertError(neverTaken, LeaseLostError, { taskId: 1, holder: undefined });
        assert.deepEqual(await stores.offsets.list('orders'), []);
      });

      it('when a commit holds more offsets than one transaction, it writes them all', async () => {
        // Prepare
        const token = await stores.leases.acquire('orders', 0, lease);
        const entries = Array.from({ length: 250 }, (_, index) => ({ partition: { file: `f${index}` }, offset: { position: index } }));
        // Act
        await stores.offsets.commit('orders', entries, token);
        // Assess
        const listed = await stores.offsets.list('orders');
        assert.equal(listed.length, 250);
        const found = await stores.offsets.get(
          'orders',
          entries.map((entry) => entry.partition),
        );
        assert.equal(found.size, 250);
        assert.deepEqual(found.get('{"file":"f249"}'), { position: 249 });
      });

      it('when offsets are altered, it writes the new ones and removes those set to null; reset removes the rest', async () => {
        // Prepare
        await stores.offsets.alter('orders', [
          { partition: { filename: 'a' }, offset: { position: 1 } },
          { partition: { filename: 'b' }, offset: { position: 2 } },
        ]);
        // Act
        await stores.offsets.alter('orders', [
          { partition: { filename: 'a' }, offset: null },
          { partition: { filename: 'b' }, offset: { position: 20 } },
          { partition: { filename: 'c' }, offset: { position: 3 } },
        ]);
        const altered = await stores.offsets.list('orders');
        await stores.offsets.reset('orders');
        // Assess
        assert.deepEqual(altered, [
          { partition: { filename: 'b' }, offset: { position: 20 } },
          { partition: { filename: 'c' }, offset: { position: 3 } },
        ]);
        assert.deepEqual(await stores.offsets.list('orders'), []);
      });

      it('when a partition is too long for a readable key, it still stores and finds its offset', async () => {
        // Prepare
        const partition = { query: `SELECT * FROM orders WHERE note = '${'x'.repeat(2_000)}'`, kind: 'query' };
        // Act
        await stores.offsets.alter('orders', [{ partition, offset: { position: 5 } }]);
        // Assess
        assert.deepEqual(await stores.offsets.get('orders', [partition]), new Map([[partitionKey(partition), { position: 5 }]]));
        assert.deepEqual(await stores.offsets.list('orders'), [
          { partition: { kind: 'query', query: partition.query }, offset: { position: 5 } },
        ]);
        await stores.offsets.alter('orders', [{ partition, offset: null }]);
        assert.deepEqual(await stores.offsets.list('orders'), []);
      });
    });

    describe('leases', () => {
      it('when a lease is held by another owner, it fails with LeaseHeldError naming the holder and expiry', async () => {
        // Prepare
        await stores.leases.acquire('orders', 0, lease);
        // Act
        const taken = await failureOf(stores.leases.acquire('orders', 0, { ...lease, owner: 'run-b' }));
        // Assess
        assertError(taken, LeaseHeldError, { connector: 'orders', taskId: 0, holder: 'run-a', expiresAt: start + 60_000, retriable: true });
        assert.deepEqual(await stores.leases.get('orders', 0), { owner: 'run-a', generation: 1, expiresAt: start + 60_000 });
      });

      it('when a lease is free, its own, or expired, it is acquired', async () => {
        // Act
        const first = await stores.leases.acquire('orders', 0, lease);
        advance(10_000);
        const again = await stores.leases.acquire('orders', 0, lease);
        advance(60_000);
        const takenOver = await stores.leases.acquire('orders', 0, { owner: 'run-b', ttlMs: 5_000, generation: 2 });
        const otherTask = await stores.leases.acquire('orders', 1, lease);
        // Assess
        assert.deepEqual(first, { connector: 'orders', taskId: 0, owner: 'run-a', generation: 1, expiresAt: start + 60_000 });
        assert.equal(again.expiresAt, start + 70_000);
        assert.deepEqual(takenOver, { connector: 'orders', taskId: 0, owner: 'run-b', generation: 2, expiresAt: start + 75_000 });
        assert.equal(otherTask.owner, 'run-a');
        assert.deepEqual(await stores.leases.get('orders', 0), { owner: 'run-b', generation: 2, expiresAt: start + 75_000 });
      });

      it('when a held lease is renewed, it extends the expiry; once expired or taken, renewing fails with LeaseLostError', async () => {
        // Prepare
        const token = await stores.leases.acquire('orders', 0, { ...lease, ttlMs: 1_000 });
        advance(900);
        // Act
        const renewed = await stores.leases.renew(token, 1_000);
        advance(1_000);
        const stored = await stores.leases.get('orders', 0);
        const expired = await failureOf(stores.leases.renew(renewed, 1_000));
        await stores.leases.acquire('orders', 0, { ...lease, owner: 'run-b' });
        const taken = await failureOf(stores.leases.renew(renewed, 1_000));
        // Assess
        assert.equal(renewed.expiresAt, start + 1_900);
        assert.equal(stored?.expiresAt, start + 1_900);
        assertError(expired, LeaseLostError, { owner: 'run-a', holder: 'run-a' });
        assertError(taken, LeaseLostError, { owner: 'run-a', holder: 'run-b' });
        assert.equal((await stores.leases.get('orders', 0))?.owner, 'run-b');
      });

      it('when a lease is released, it frees it only if it is still the caller’s', async () => {
        // Prepare
        const old = await stores.leases.acquire('orders', 0, { ...lease, ttlMs: 1_000 });
        advance(2_000);
        const successor = await stores.leases.acquire('orders', 0, { ...lease, owner: 'run-b' });
        // Act
        const releasedByOld = await stores.leases.release(old);
        const releasedBySuccessor = await stores.leases.release(successor);
        const releasedTwice = await stores.leases.release(successor);
        // Assess
        assert.deepEqual([releasedByOld, releasedBySuccessor, releasedTwice], [false, true, false]);
        assert.equal(await stores.leases.get('orders', 0), undefined);
        await stores.leases.acquire('orders', 0, { ...lease, owner: 'run-c' });
      });
    });

    describe('statuses', () => {
      it('when a status comes from an older generation than the stored one, it is rejected as stale and the newer one stays', async () => {
        // Prepare
        await stores.statuses.putTask('orders', 0, { state: 'RUNNING', workerId: 'new', generation: 2 });
        await stores.statuses.putConnector('orders', { state: 'RUNNING', workerId: 'new', generation: 2 });
        // Act
        const staleTask = await failureOf(
          stores.statuses.putTask('orders', 0, { state: 'FAILED', workerId: 'old', trace: 'boom', generation: 1 }),
        );
        const staleConnector = await failureOf(stores.statuses.putConnector('orders', { state: 'FAILED', workerId: 'old', generation: 1 }));
        // Assess
        assertError(staleTask, StaleVersionError, { connector: 'orders', subject: 'task 0 status', expected: 1, actual: 2 });
        assertError(staleConnector, StaleVersionError, { subject: 'connector status', expected: 1, actual: 2 });
        const statuses = await stores.statuses.get('orders');
        assert.deepEqual(statuses.connector, { state: 'RUNNING', workerId: 'new', generation: 2, updatedAt: '2030-01-01T00:00:00.000Z' });
        assert.deepEqual(statuses.tasks, [
          { id: 0, state: 'RUNNING', workerId: 'new', generation: 2, updatedAt: '2030-01-01T00:00:00.000Z' },
        ]);
      });

      it('when a status comes from the same or a newer generation, it replaces the stored one', async () => {
        // Prepare
        await stores.statuses.putTask('orders', 0, { state: 'RUNNING', workerId: 'w1', generation: 1 });
        advance(5);
        // Act
        await stores.statuses.putTask('orders', 0, { state: 'FAILED', workerId: 'w1', trace: 'Error: boom', generation: 1 });
        await stores.statuses.putTask('orders', 1, { state: 'RUNNING', workerId: 'w2', generation: 3 });
        await stores.statuses.putTask('orders', 1, { state: 'UNASSIGNED', workerId: 'w3', generation: 4 });
        // Assess
        const { tasks } = await stores.statuses.get('orders');
        assert.deepEqual(tasks, [
          { id: 0, state: 'FAILED', workerId: 'w1', trace: 'Error: boom', generation: 1, updatedAt: '2030-01-01T00:00:00.005Z' },
          { id: 1, state: 'UNASSIGNED', workerId: 'w3', generation: 4, updatedAt: '2030-01-01T00:00:00.005Z' },
        ]);
      });

      it('when the task count shrinks, it deletes the statuses of the tasks above it and lists the rest by id', async () => {
        // Prepare
        for (const id of [0, 1, 2, 10, 11]) await stores.statuses.putTask('orders', id, { state: 'RUNNING', workerId: 'w', generation: 1 });
        await stores.statuses.putConnector('orders', { state: 'RUNNING', workerId: 'w', generation: 1 });
        const before = (await stores.statuses.get('orders')).tasks.map((task) => task.id);
        // Act
        await stores.statuses.deleteTasksAbove('orders', 2);
        // Assess
        assert.deepEqual(before, [0, 1, 2, 10, 11]);
        const after = await stores.statuses.get('orders');
        assert.deepEqual(
          after.tasks.map((task) => task.id),
          [0, 1],
        );
        assert.equal(after.connector?.state, 'RUNNING');
      });
    });
  });
}
