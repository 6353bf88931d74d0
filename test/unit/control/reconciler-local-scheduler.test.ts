import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ControlValidationError } from '../../../shared/control/errors.ts';
import { LocalScheduler, type TaskInvocation } from '../../../shared/control/local/local-scheduler.ts';

// One schedule "minute" lasts 20 ms here: real timers, short interval.
const MINUTE_MS = 200;

describe('the local scheduler', () => {
  let calls: TaskInvocation[];
  let scheduler: LocalScheduler;

  beforeEach(() => {
    calls = [];
    scheduler = new LocalScheduler({ invoke: (invocation) => void calls.push(invocation), msPerMinute: MINUTE_MS });
  });
  afterEach(() => scheduler.close());

  it('when an enabled schedule is put, it invokes the task at once and then every interval with its generation', async () => {
    // Act
    await scheduler.put({ connector: 'orders', task: 1, generation: 4, enabled: true });
    await sleep(MINUTE_MS / 4);
    const atOnce = calls.length;
    await sleep(MINUTE_MS * 3 + 10);
    // Assess
    assert.equal(atOnce, 1);
    assert.ok(calls.length >= 3, `expected at least 3 invocations, got ${calls.length}`);
    assert.deepEqual(calls[0], { connector: 'orders', task: 1, generation: 4 });
    assert.deepEqual(await scheduler.list(), [{ connector: 'orders', task: 1, generation: 4, enabled: true, intervalMinutes: 1 }]);
  });

  it('when a schedule is disabled, it invokes nothing; enabled again, it invokes at once', async () => {
    // Prepare
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: false });
    await sleep(MINUTE_MS * 3);
    const whileDisabled = calls.length;
    // Act
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await sleep(MINUTE_MS / 4);
    // Assess
    assert.equal(whileDisabled, 0);
    assert.equal(calls.length, 1);
  });

  it('when the same schedule is put again, it keeps the timer and does not invoke again', async () => {
    // Prepare
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: true, intervalMinutes: 10 });
    await sleep(MINUTE_MS / 4);
    // Act
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: true, intervalMinutes: 10 });
    await sleep(MINUTE_MS / 4);
    // Assess
    assert.equal(calls.length, 1);
  });

  it('when a schedule moves to a new generation, the next invocations carry it', async () => {
    // Prepare
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await sleep(MINUTE_MS / 4);
    // Act
    await scheduler.put({ connector: 'orders', task: 0, generation: 2, enabled: true });
    await sleep(MINUTE_MS / 4);
    // Assess
    assert.deepEqual(
      calls.map((call) => call.generation),
      [1, 2],
    );
  });

  it('when a schedule is removed or the scheduler closed, nothing is invoked any more', async () => {
    // Prepare
    await scheduler.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await scheduler.put({ connector: 'orders', task: 1, generation: 1, enabled: true });
    await sleep(MINUTE_MS / 4);
    // Act
    await scheduler.remove('orders', 0);
    const listed = await scheduler.list('orders');
    await scheduler.close();
    const after = calls.length;
    await sleep(MINUTE_MS * 3);
    // Assess
    assert.deepEqual(
      listed.map((schedule) => schedule.task),
      [1],
    );
    assert.equal(calls.length, after);
  });

  it('when an invocation is still running at the next tick, the tick is skipped', async () => {
    // Prepare
    let running = 0;
    let overlapped = false;
    const slow = new LocalScheduler({
      msPerMinute: 5,
      invoke: async () => {
        running++;
        if (running > 1) overlapped = true;
        await sleep(30);
        running--;
      },
    });
    // Act
    await slow.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await sleep(50);
    await slow.close();
    // Assess
    assert.equal(overlapped, false);
  });

  it('when an invocation answers true (stopped at its budget with more to give), the next one starts at once rather than at the next tick', async () => {
    // Prepare: a minute far longer than the test, so only "at once" can explain a second call.
    let calls = 0;
    const continuous = new LocalScheduler({
      msPerMinute: 60_000,
      invoke: async () => {
        calls++;
        return calls < 3;
      },
    });
    // Act
    await continuous.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await sleep(50);
    await continuous.close();
    // Assess
    assert.equal(calls, 3);
  });

  it('when an invocation throws, onError hears of it and the schedule keeps firing', async () => {
    // Prepare
    const errors: unknown[] = [];
    const failing = new LocalScheduler({
      msPerMinute: MINUTE_MS,
      invoke: () => {
        throw new Error('poll failed');
      },
      onError: (error) => errors.push(error),
    });
    // Act
    await failing.put({ connector: 'orders', task: 0, generation: 1, enabled: true });
    await sleep(MINUTE_MS * 2 + 10);
    await failing.close();
    // Assess
    assert.ok(errors.length >= 2);
    assert.match(String(errors[0]), /poll failed/);
  });

  it('when a schedule breaks the port rules, put refuses it naming the field', async () => {
    // Act
    const error = await scheduler.put({ connector: 'orders', task: -1, generation: 1, enabled: true }).catch((caught: unknown) => caught);
    // Assess
    assert.ok(error instanceof ControlValidationError);
    assert.equal(error.field, 'task');
  });
});
