import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stack, uniqueName } from '../../../support/stack.ts';
import { createConnector, createTopic, openHarness, readTopic } from './harness.ts';
import { numberedConfig } from './numbered-source.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const COUNT = 6000;
const KILLS = 20;

/** Starts the child; `resumes` receives the committed offset each of its runs resumed after. */
function startChild(env: Record<string, string>, resumes: number[]): ChildProcess {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('resumed after ')) resumes.push(Number(line.slice('resumed after '.length)));
  });
  return child;
}

describe('the source runner under a crash loop, against the broker and DynamoDB Local', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;

  before(async () => {
    harness = await openHarness();
  });
  after(() => harness.close());

  // Twenty process starts and kills: minutes on a loaded machine, so its own time limit.
  it(
    'when the runner process is killed at random points 20 times and restarted, every record arrives in order and only uncommitted records repeat',
    { timeout: 420_000 },
    async () => {
      // Prepare
      const name = uniqueName('crash');
      const topic = uniqueName('crash');
      await createTopic(topic, 3);
      const generation = await createConnector(
        harness.stores,
        name,
        numberedConfig(topic, {
          count: String(COUNT),
          'per.poll': '10',
          'delay.ms': '10',
          'offset.flush.interval.ms': '100',
          announce: 'true',
        }),
      );
      const env = {
        TABLE_NAME: harness.tableName,
        CONNECTOR: name,
        GENERATION: String(generation),
        COUNT: String(COUNT),
        KAFKA_BROKERS: stack.kafkaBrokers.join(','),
        DYNAMODB_ENDPOINT: stack.dynamoDbEndpoint,
      };
      const committedAtKill: number[] = [];
      const resumedAfter: number[][] = [];
      const committed = async () => Number((await harness.stores.offsets.list(name))[0]?.offset.n ?? 0);
      // Act
      for (let kill = 0; kill < KILLS; kill++) {
        const resumes: number[] = [];
        resumedAfter.push(resumes);
        const child = startChild(env, resumes);
        const exited = once(child, 'exit');
        // Killed at a random point of its run: from just after start to a few commit intervals in.
        const started = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
        const delay = Math.floor(Math.random() * 700);
        const running = started.then(() => new Promise<false>((resolve) => setTimeout(() => resolve(false), delay)));
        const finished = await Promise.race([exited.then(() => true), running]);
        assert.equal(finished, false, `the source was exhausted after only ${kill} kills; raise COUNT`);
        child.kill('SIGKILL');
        await exited;
        committedAtKill.push(await committed());
      }
      const lastResumes: number[] = [];
      resumedAfter.push(lastResumes);
      const last = startChild(env, lastResumes);
      const [code] = await once(last, 'exit');
      // Assess
      assert.equal(code, 0);
      assert.equal(await committed(), COUNT);
      assert.ok(committedAtKill.at(-1) ?? 0 < COUNT, 'the last restart had work left');
      assert.ok(
        committedAtKill.every((n, i) => i === 0 || n >= (committedAtKill[i - 1] as number)),
        `committed offsets went back: ${committedAtKill}`,
      );
      const messages = await readTopic(topic, 60_000);
      const values = messages.map((m) => Number(m.value?.toString('utf8')));
      assert.deepEqual(
        [...new Set(values)].sort((a, b) => a - b),
        Array.from({ length: COUNT }, (_, i) => i + 1),
        'every record is in the topic',
      );
      // Each restarted process resumed right after the offset committed when its predecessor was killed.
      for (const [kill, committedThen] of committedAtKill.entries())
        assert.equal(
          resumedAfter[kill + 1]?.[0],
          committedThen,
          `process ${kill + 2} resumed after ${resumedAfter[kill + 1]?.[0]}, not ${committedThen}`,
        );
      // Within each partition (one key class of n % 3 each), records come in runs of consecutive members of the class; a run
      // may only restart (a replay) at the first record after the offset some run resumed from: only uncommitted records repeat.
      const restartPoints = new Set([0, ...resumedAfter.flat()]);
      for (const partition of new Set(messages.map((m) => m.partition))) {
        const ns = messages.filter((m) => m.partition === partition).map((m) => Number(m.value?.toString('utf8')));
        for (let i = 1; i < ns.length; i++) {
          const [previous, current] = [ns[i - 1] as number, ns[i] as number];
          if (current === previous + 3) continue;
          assert.ok(current <= previous, `partition ${partition}: ${current} follows ${previous}, a gap or reordering`);
          assert.ok(
            [...restartPoints].some((c) => c < current && current <= c + 3),
            `partition ${partition}: a replay starts at ${current}, which is not right after a committed offset (${[...restartPoints]})`,
          );
        }
      }
      const duplicates = values.length - COUNT;
      console.log(
        `crash loop: ${KILLS} kills, ${values.length} records for ${COUNT}, ${duplicates} replayed; committed at kills ${committedAtKill}`,
      );
    },
  );
});
