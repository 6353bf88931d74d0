// The `copycat` CLI as a process, against the REST API over HTTP (memory stores behind it: the CLI
// is what is under test here; the API on DynamoDB is tested in test/integration/control).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Herder } from '../../../shared/control/herder.ts';
import { type RestServer, startRestServer } from '../../../shared/control/local/http-server.ts';
import { createRestRouter } from '../../../shared/control/rest/router.ts';
import { createMemoryStores } from '../../../shared/stores/memory/stores.ts';
import { fakeReconciler, registry, SOURCE_CLASS } from '../../unit/control/rest/fixtures.ts';

const bin = new URL('../../../bin/copycat.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'copycat-cli-'));
let server: RestServer;

function copycat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args, '--url', server.url], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  const stores = createMemoryStores();
  const reconciler = fakeReconciler(stores);
  server = await startRestServer({ router: createRestRouter(new Herder({ ...stores, registry, ...reconciler })), port: 0 });
});
after(() => server.close());

describe('the copycat connectors, offsets and plugins commands', () => {
  it('when a connector is created from a Kafka Connect JSON file, list and status show it RUNNING', async () => {
    const file = join(dir, 'lines.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'lines', config: { 'connector.class': SOURCE_CLASS, file: '/tmp/in.txt', 'tasks.max': '2' } }),
    );
    assert.match((await copycat('connectors', 'create', file)).stdout, /Created lines \(source\)/);
    const list = await copycat('connectors', 'list');
    assert.match(list.stdout, /^NAME\s+TYPE\s+STATE\s+TASKS/m);
    assert.match(list.stdout, /^lines\s+source\s+RUNNING\s+2\/2 running/m);
    const status = JSON.parse((await copycat('connectors', 'status', 'lines', '--json')).stdout) as { connector: { state: string } };
    assert.equal(status.connector.state, 'RUNNING');
  });

  it('when a connector is paused and stopped, offsets can then be altered and read back', async () => {
    assert.equal((await copycat('connectors', 'pause', 'lines')).code, 0);
    assert.match((await copycat('connectors', 'status', 'lines')).stdout, /PAUSED/);
    const offsets = join(dir, 'offsets.json');
    writeFileSync(offsets, JSON.stringify({ offsets: [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 42 } }] }));
    const refused = await copycat('offsets', 'alter', 'lines', offsets);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /STOPPED/);
    assert.equal((await copycat('connectors', 'stop', 'lines')).code, 0);
    assert.equal((await copycat('offsets', 'alter', 'lines', offsets)).code, 0);
    assert.match((await copycat('offsets', 'get', 'lines')).stdout, /\{"filename":"\/tmp\/in.txt"\}\s+\{"position":42\}/);
    assert.equal((await copycat('offsets', 'reset', 'lines')).code, 0);
  });

  it('when a config is validated, an invalid one lists its problems and exits 1', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', config: { 'connector.class': SOURCE_CLASS, 'tasks.max': '0' } }));
    const result = await copycat('plugins', 'validate', file);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /tasks\.max\s+Invalid value 0 for configuration tasks\.max: Value must be at least 1/);
    assert.match(result.stdout, /file\s+Missing required configuration "file"/);
    assert.match((await copycat('plugins', 'list')).stdout, new RegExp(SOURCE_CLASS.replaceAll('.', '\\.')));
  });

  it('when a connector is unknown or the API unreachable, it says so and exits 1', async () => {
    const unknown = await copycat('connectors', 'get', 'nope');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /404: Connector nope not found/);
    const unreachable = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [bin, 'connectors', 'list', '--url', 'http://127.0.0.1:1'], (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /Cannot reach http:\/\/127\.0\.0\.1:1/);
  });

  it('when a connector is deleted, it is gone', async () => {
    assert.equal((await copycat('connectors', 'delete', 'lines')).code, 0);
    assert.doesNotMatch((await copycat('connectors', 'list')).stdout, /lines/);
  });
});
