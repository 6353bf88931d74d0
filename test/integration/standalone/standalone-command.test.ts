// `copycat standalone` as a process, the way `npm start` runs it: bad connector files are reported
// while the good ones start, and SIGINT stops it cleanly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { uniqueName } from '../../support/stack.ts';

const bin = new URL('../../../bin/copycat.mjs', import.meta.url).pathname;

function startStandalone(args: string[]): {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', bin, 'standalone', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

async function until(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the copycat standalone command', () => {
  it('when one connector file is invalid, it names the file and the key, starts the others, and SIGINT stops it within seconds', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'copycat-standalone-'));
    const input = join(dir, 'input.txt');
    writeFileSync(input, 'one\ntwo\n');
    const worker = join(dir, 'worker.json');
    writeFileSync(worker, JSON.stringify({ 'rest.port': 0, 'table.name': uniqueName('standalone-cli') }));
    const good = join(dir, 'lines.json');
    writeFileSync(
      good,
      JSON.stringify({
        name: uniqueName('lines'),
        config: { 'connector.class': 'FileStreamSource', file: input, topic: uniqueName('lines') },
      }),
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: uniqueName('bad'), config: { 'connector.class': 'FileStreamSink', topics: 'x', 'tasks.max': '0' } }),
    );
    // Act
    const run = startStandalone(['--worker', worker, good, bad]);
    await until('the worker to run', () => run.output().stdout.includes('Copycat standalone is running'));
    const stoppedAt = Date.now();
    run.child.kill('SIGINT');
    const code = await run.exited;
    // Assess
    const { stdout, stderr } = run.output();
    assert.match(stdout, /Created connector lines-\w+ from .*lines\.json/);
    assert.match(stderr, /bad\.json: .*tasks\.max.*at least 1/s);
    assert.match(stdout, /Stopped\./);
    assert.equal(code, 1, 'a connector file failed, so the exit code says so');
    assert.ok(Date.now() - stoppedAt < 15_000, 'stopped within seconds');
  });

  it('when every connector file is valid, SIGINT exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copycat-standalone-'));
    const worker = join(dir, 'worker.json');
    writeFileSync(worker, JSON.stringify({ 'rest.port': 0, 'table.name': uniqueName('standalone-cli') }));
    const run = startStandalone(['--worker', worker]);
    await until('the worker to run', () => run.output().stdout.includes('Copycat standalone is running'));
    run.child.kill('SIGINT');
    assert.equal(await run.exited, 0);
  });
});
