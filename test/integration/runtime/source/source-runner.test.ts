import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceMap } from '../../../../shared/api/record/source-record.ts';
import type { LeaseStore, LeaseToken, OffsetEntry, OffsetStore, Stores } from '../../../../shared/stores/index.ts';
import { StoreUnavailableError } from '../../../../shared/stores/index.ts';
import { uniqueName } from '../../../support/stack.ts';
import { createConnector, createTopic, openHarness, readTopic, registryWith, remainingFor, runId } from './harness.ts';
import { numberedConfig, numberedSourcePlugin } from './numbered-source.ts';

interface CommitSeen {
  readonly owner: string;
  readonly startedAt: number;
  readonly n: number;
  readonly ok: boolean;
}

/** Watches the real offset store's commits (the DynamoDB conditions decide; this only records what happened). */
function watchedOffsets(offsets: OffsetStore, seen: CommitSeen[]): OffsetStore {
  return {
    get: (connector, partitions) => offsets.get(connector, partitions),
    list: (connector) => offsets.list(connector),
    alter: (connector, entries) => offsets.alter(connector, entries),
    reset: (connector) => offsets.reset(connector),
    commit: async (connector: string, entries: readonly OffsetEntry[], lease: LeaseToken) => {
      const startedAt = Date.now();
      const n = Number((entries.at(-1)?.offset as SourceMap | null)?.n ?? -1);
      try {
        await offsets.commit(connector, entries, lease);
        seen.push({ owner: lease.owner, startedAt, n, ok: true });
      } catch (error) {
        seen.push({ owner: lease.owner, startedAt, n, ok: false });
        throw error;
      }
    },
  };
}

/** A lease store whose renewals never get through (a partitioned zombie). */
function unrenewableLeases(leases: LeaseStore): LeaseStore {
  return {
    acquire: (connector, task, request) => leases.acquire(connector, task, request),
    renew: async () => {
      throw new StoreUnavailableError('renewals are cut off in this test');
    },
    release: (token) => leases.release(token),
    get: (connector, task) => leases.get(connector, task),
  };
}

async function committedN(stores: Stores, connector: string): Promise<number | undefined> {
  const [stored] = await stores.offsets.list(connector);
  return stored === undefined ? undefined : Number(stored.offset.n);
}

describe('the source runner, against the broker and DynamoDB Local', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;
  const registry = registryWith(numberedSourcePlugin);

  before(async () => {
    harness = await openHarness();
  });
  after(() => harness.close());

  it('when a second run of a task starts while the first holds the lease, it does nothing and the holder commits', async () => {
    // Prepare
    const name = uniqueName('fence');
    const topic = uniqueName('fence');
    await createTopic(topic);
    const generation = await createConnector(
      harness.stores,
      name,
      numberedConfig(topic, { count: '100000', 'per.poll': '5', 'delay.ms': '20', 'offset.flush.interval.ms': '200' }),
    );
    const seen: CommitSeen[] = [];
    const stores = { ...harness.stores, offsets: watchedOffsets(harness.stores.offsets, seen) };
    const holder = new AbortController();
    const first = harness.runner({ registry, stores }).run({ connector: name, task: 0, generation, runId: 'run-a', signal: holder.signal });
    while ((await harness.stores.leases.get(name, 0))?.owner !== 'run-a') await sleep(20);
    await sleep(500);
    // Act
    const second = await harness
      .runner({ registry, stores })
      .run({ connector: name, task: 0, generation, runId: 'run-b', remainingTimeMs: remainingFor(20_000) });
    holder.abort();
    const firstResult = await first;
    // Assess
    assert.equal(second.outcome, 'lease-held');
    assert.equal(firstResult.outcome, 'completed');
    assert.ok(seen.length > 0 && seen.every((commit) => commit.owner === 'run-a' && commit.ok));
    assert.equal(await committedN(harness.stores, name), seen.at(-1)?.n);
  });

  it('when a run cannot renew its lease and another run takes it over, only the new holder commits and the zombie stops without moving offsets', async () => {
    // Prepare
    const name = uniqueName('zombie');
    const topic = uniqueName('zombie');
    await createTopic(topic);
    const generation = await createConnector(
      harness.stores,
      name,
      numberedConfig(topic, { count: '100000', 'per.poll': '5', 'delay.ms': '20', 'offset.flush.interval.ms': '200' }),
    );
    const seen: CommitSeen[] = [];
    const offsets = watchedOffsets(harness.stores.offsets, seen);
    const zombieStores = { ...harness.stores, offsets, leases: unrenewableLeases(harness.stores.leases) };
    const zombie = harness
      .runner({ registry, stores: zombieStores, leaseTtlMs: 1200 })
      .run({ connector: name, task: 0, generation, runId: 'zombie', signal: AbortSignal.timeout(15_000) });
    while ((await harness.stores.leases.get(name, 0))?.owner !== 'zombie') await sleep(20);
    // Act: the successor keeps trying until the zombie's lease has expired, then runs.
    let acquiredAt = 0;
    const successorLeases: LeaseStore = {
      ...harness.stores.leases,
      acquire: async (connector, task, request) => {
        const token = await harness.stores.leases.acquire(connector, task, request);
        acquiredAt = Date.now();
        return token;
      },
      renew: (token, ttl) => harness.stores.leases.renew(token, ttl),
      release: (token) => harness.stores.leases.release(token),
      get: (connector, task) => harness.stores.leases.get(connector, task),
    };
    let successor: Awaited<ReturnType<ReturnType<typeof harness.runner>['run']>>;
    for (;;) {
      successor = await harness
        .runner({ registry, stores: { ...harness.stores, offsets, leases: successorLeases } })
        .run({ connector: name, task: 0, generation, runId: 'successor', remainingTimeMs: remainingFor(12_500) });
      if (successor.outcome !== 'lease-held') break;
      await sleep(100);
    }
    const zombieResult = await zombie;
    // Assess
    assert.equal(zombieResult.outcome, 'lease-lost');
    assert.equal(successor.outcome, 'completed');
    // A commit the store accepted was checked before the successor's lease was written, so it began before that.
    const zombieAfterTakeover = seen.filter((commit) => commit.owner === 'zombie' && commit.ok && commit.startedAt >= acquiredAt);
    assert.deepEqual(zombieAfterTakeover, [], 'the zombie committed after the successor took the lease');
    assert.ok(
      seen.some((commit) => commit.owner === 'zombie' && !commit.ok),
      'the zombie tried to commit and was refused',
    );
    const lastSuccessful = seen.filter((commit) => commit.ok).at(-1);
    assert.equal(lastSuccessful?.owner, 'successor');
    assert.equal(await committedN(harness.stores, name), lastSuccessful?.n);
  });

  it('when the task generation changes while a run polls, the run stops at its next commit without moving offsets', async () => {
    // Prepare
    const name = uniqueName('generation');
    const topic = uniqueName('generation');
    await createTopic(topic);
    const config = numberedConfig(topic, { count: '100000', 'per.poll': '5', 'delay.ms': '20', 'offset.flush.interval.ms': '300' });
    const generation = await createConnector(harness.stores, name, config);
    const seen: CommitSeen[] = [];
    const stores = { ...harness.stores, offsets: watchedOffsets(harness.stores.offsets, seen) };
    const run = harness
      .runner({ registry, stores })
      .run({ connector: name, task: 0, generation, runId: runId(), signal: AbortSignal.timeout(15_000) });
    await sleep(1000);
    // Act
    await harness.stores.configs.putTasks(name, [{ ...config, 'per.poll': '6' }], generation);
    const changedAt = Date.now();
    const result = await run;
    const stoppedAt = Date.now();
    // Assess
    assert.equal(result.outcome, 'superseded');
    assert.ok(stoppedAt - changedAt < 2000, `stopped ${stoppedAt - changedAt} ms after the change`);
    assert.deepEqual(
      seen.filter((commit) => commit.startedAt > changedAt),
      [],
      'no commit after the generation changed',
    );
    assert.equal(await committedN(harness.stores, name), seen.at(-1)?.n);
    const leases = await harness.stores.leases.get(name, 0);
    assert.equal(leases, undefined, 'the lease was released');
  });

  it('when the invoked generation is older than the stored one, it refuses to run and leaves offsets and status alone', async () => {
    // Prepare
    const name = uniqueName('stale');
    const topic = uniqueName('stale');
    const config = numberedConfig(topic, { count: '10' });
    const generation = await createConnector(harness.stores, name, config);
    await harness.stores.configs.putTasks(name, [{ ...config, count: '11' }], generation);
    // Act
    const result = await harness
      .runner({ registry })
      .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(20_000) });
    // Assess
    assert.equal(result.outcome, 'stale-generation');
    assert.deepEqual(await harness.stores.offsets.list(name), []);
    assert.deepEqual((await harness.stores.statuses.get(name)).tasks, []);
    assert.equal(await harness.stores.leases.get(name, 0), undefined);
  });

  it('when a record cannot be converted and errors.tolerance is none, the task is FAILED with the trace and only earlier records are committed', async () => {
    // Prepare
    const name = uniqueName('convert-fail');
    const topic = uniqueName('convert-fail');
    await createTopic(topic);
    // IntegerConverter cannot write the string keys: every record fails at KEY_CONVERTER.
    const generation = await createConnector(
      harness.stores,
      name,
      numberedConfig(topic, {
        count: '20',
        'key.converter': 'org.apache.kafka.connect.converters.IntegerConverter',
        'connection.password': 'hunter2-secret',
      }),
    );
    // Act
    const result = await harness
      .runner({ registry })
      .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(20_000) });
    // Assess
    assert.equal(result.outcome, 'failed');
    const [status] = (await harness.stores.statuses.get(name)).tasks;
    assert.equal(status?.state, 'FAILED');
    assert.match(status?.trace ?? '', /Tolerance exceeded in error handler/);
    assert.match(status?.trace ?? '', /KEY_CONVERTER/);
    assert.doesNotMatch(status?.trace ?? '', /hunter2-secret/);
    assert.deepEqual(await harness.stores.offsets.list(name), []);
    // A FAILED task stays failed until it is restarted (a new generation).
    const again = await harness
      .runner({ registry })
      .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(20_000) });
    assert.equal(again.outcome, 'already-failed');
  });

  it('when errors.tolerance is all, failing records are skipped, their offsets still advance, and the others are sent', async () => {
    // Prepare
    const name = uniqueName('tolerate');
    const topic = uniqueName('tolerate');
    await createTopic(topic);
    const generation = await createConnector(
      harness.stores,
      name,
      numberedConfig(topic, {
        count: '200',
        'per.poll': '50',
        'errors.tolerance': 'all',
        'copycat.source.idle.ms': '500',
        transforms: 'onlyOdd',
        'transforms.onlyOdd.type': 'org.apache.kafka.connect.transforms.Cast$Value',
        'transforms.onlyOdd.spec': 'int8',
      }),
    );
    // Act: casting the string values to int8 fails from "128" on.
    const result = await harness
      .runner({ registry })
      .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(20_000) });
    // Assess
    assert.equal(result.outcome, 'completed');
    assert.equal(result.polled, 200);
    assert.equal(result.skipped, 73);
    assert.equal(await committedN(harness.stores, name), 200);
    const messages = await readTopic(topic);
    assert.deepEqual(
      messages.map((m) => m.value?.toString('utf8')),
      Array.from({ length: 127 }, (_, i) => String(i + 1)),
    );
  });
});
