import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetriableException } from '../../../../shared/api/errors.ts';
import {
  backoffDelay,
  executeWithTolerance,
  skipped,
  ToleranceExceededError,
  toleranceSettings,
} from '../../../../shared/runtime/source/retry-with-tolerance.ts';
import { StageError } from '../../../../shared/runtime/stage.ts';

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe('retries and tolerance of record failures', () => {
  it("when errors.* are unset, it uses Kafka Connect's defaults: no retries, no tolerance", () => {
    assert.deepEqual(toleranceSettings({}), { retryTimeoutMs: 0, retryDelayMaxMs: 60_000, toleratesAll: false });
  });

  it('when a retriable failure keeps happening, it backs off 300 ms doubling until errors.retry.timeout, then fails the task', async () => {
    // Prepare
    const time = fakeTime();
    let attempts = 0;
    const operation = () => {
      attempts++;
      throw new StageError('VALUE_CONVERTER', 'X', new RetriableException('schema registry down'));
    };
    // Act
    const failure = await executeWithTolerance(
      operation,
      { retryTimeoutMs: 2000, retryDelayMaxMs: 60_000, toleratesAll: false },
      {
        ...time,
        onTolerated: () => assert.fail('not tolerated'),
      },
    ).catch((error: unknown) => error);
    // Assess
    assert.ok(failure instanceof ToleranceExceededError);
    // The third delay (1200 ms) is cut to what is left before the deadline.
    assert.deepEqual(time.sleeps, [300, 600, 1100]);
    assert.equal(attempts, 4);
  });

  it('when a retriable failure passes on a retry, the result is returned', async () => {
    const time = fakeTime();
    let attempts = 0;
    const result = await executeWithTolerance(
      () => {
        if (++attempts < 3) throw new RetriableException('busy');
        return 'ok';
      },
      { retryTimeoutMs: -1, retryDelayMaxMs: 400, toleratesAll: false },
      { ...time, onTolerated: () => undefined },
    );
    assert.equal(result, 'ok');
    assert.equal(time.sleeps[0], 300);
    assert.ok((time.sleeps[1] as number) < 400, 'past the cap a random delay below it');
  });

  it('when errors.tolerance is all, a non-retriable failure is skipped at once and reported', async () => {
    const time = fakeTime();
    const tolerated: unknown[] = [];
    const result = await executeWithTolerance(
      () => {
        throw new StageError('TRANSFORMATION', 'Cast', new Error('bad'));
      },
      { retryTimeoutMs: 10_000, retryDelayMaxMs: 60_000, toleratesAll: true },
      { ...time, onTolerated: (error) => tolerated.push(error) },
    );
    assert.equal(result, skipped);
    assert.equal(tolerated.length, 1);
    assert.deepEqual(time.sleeps, []);
  });

  it('when the delay would pass the deadline or the cap, it is cut', () => {
    assert.equal(backoffDelay(1, 100, 60_000), 100);
    assert.equal(backoffDelay(4, 10_000, 60_000), 2400);
    assert.equal(
      backoffDelay(10, 1_000_000, 5000, () => 0.5),
      2500,
    );
  });
});
