import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../../../bin/copycat.mjs', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the copycat command', () => {
  it('when asked for its version, it prints the package version', async () => {
    const { stdout } = await run(process.execPath, [bin, '--version']);
    assert.equal(stdout.trim(), version);
  });

  it('when asked for help, it prints the usage and exits 0', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    assert.match(stdout, /^Usage: copycat <command> \[options\]$/m);
  });

  it('when given an unknown command, it says so and exits 2', async () => {
    await assert.rejects(run(process.execPath, [bin, 'frobnicate']), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /unknown command "frobnicate"/);
      return true;
    });
  });
});
