import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const bin = new URL('../../../bin/copycat.mjs', import.meta.url).pathname;

/** Runs `copycat transform` with a config and input lines; resolves with its exit code and output. */
function transform(config: unknown, lines: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'copycat-transform-'));
  const configFile = join(dir, 'connector.json');
  writeFileSync(configFile, typeof config === 'string' ? config : JSON.stringify(config));
  const input = join(dir, 'records.jsonl');
  writeFileSync(input, `${lines.join('\n')}\n`);
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'transform', '--config', configFile, '--input', input], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const chain = (tolerance: string) => ({
  name: 'try-it',
  config: {
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
    'key.converter': 'StringConverter',
    transforms: 'insert,cast',
    'transforms.insert.type': 'InsertField$Value',
    'transforms.insert.static.field': 'source',
    'transforms.insert.static.value': 'cli',
    'transforms.cast.type': 'org.apache.kafka.connect.transforms.Cast$Value',
    'transforms.cast.spec': 'qty:int32',
    'errors.tolerance': tolerance,
  },
});

const record = (offset: number, value: string) =>
  JSON.stringify({
    topic: 'orders',
    partition: 0,
    offset,
    timestamp: 1700000000000,
    key: `k${offset}`,
    value,
    headers: [{ key: 'h', value: 'x' }],
  });

describe('copycat transform', () => {
  it('when records go through a converter and SMT chain, it prints what Kafka Connect would produce', async () => {
    const { code, stdout } = await transform(chain('none'), [record(0, '{"qty":"7","id":1}')]);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      topic: 'orders',
      partition: 0,
      offset: 0,
      timestamp: 1700000000000,
      key: 'k0',
      value: '{"qty":7,"id":1,"source":"cli"}',
      headers: [{ key: 'h', value: 'x' }],
    });
  });

  it('when a record fails with errors.tolerance=none, it names the offset, stage and cause and exits 1', async () => {
    const { code, stdout, stderr } = await transform(chain('none'), [record(0, '{"qty":"x"}'), record(1, '{"qty":"2"}')]);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /offset 0: stage TRANSFORMATION \(org\.apache\.kafka\.connect\.transforms\.Cast\$Value\) failed: .*/);
  });

  it('when a record fails with errors.tolerance=all, it reports it and goes on with the next', async () => {
    const { code, stdout, stderr } = await transform(chain('all'), [record(0, 'not json'), record(1, '{"qty":"2"}')]);
    assert.equal(code, 0);
    assert.match(stderr, /offset 0: stage VALUE_CONVERTER/);
    assert.equal(JSON.parse(stdout).offset, 1);
  });

  it('when the config is invalid, it prints every invalid key with its reason and exits 2', async () => {
    const { code, stderr } = await transform(
      {
        config: {
          'errors.tolerance': 'some',
          transforms: 'x',
          'transforms.x.type': 'NoSuchTransform',
          'value.converter.schemas.enable': 'maybe',
          'value.converter': 'JsonConverter',
        },
      },
      [],
    );
    assert.equal(code, 2);
    assert.match(stderr, /errors\.tolerance: Invalid value some/);
    assert.match(stderr, /transforms\.x\.type: .*NoSuchTransform could not be found/);
    assert.match(stderr, /value\.converter\.schemas\.enable: Invalid value maybe/);
  });

  it('when the config file is not JSON, it names the file and exits 2', async () => {
    const { code, stderr } = await transform('{nope', []);
    assert.equal(code, 2);
    assert.match(stderr, /connector\.json: is not valid JSON/);
  });

  it('when an input line is not a record, it names the line', async () => {
    const { code, stderr } = await transform(chain('none'), ['{"topic": 5}']);
    assert.equal(code, 1);
    assert.match(stderr, /records\.jsonl:1: "topic" must be a non-empty string/);
  });
});
