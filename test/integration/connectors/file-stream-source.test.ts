import assert from 'node:assert/strict';
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '../../support/stack.ts';
import { createConnector, createTopic, openHarness, readTopic, remainingFor, runId } from '../runtime/source/harness.ts';

describe('FileStreamSource on the source runner, against the broker and DynamoDB Local', () => {
  let harness: Awaited<ReturnType<typeof openHarness>>;
  let dir: string;

  before(async () => {
    harness = await openHarness();
    dir = await mkdtemp(join(tmpdir(), 'copycat-file-source-'));
  });
  after(() => harness.close());

  const config = (file: string, topic: string) => ({
    'connector.class': 'FileStreamSource',
    file,
    topic,
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'copycat.source.idle.ms': '1500',
  });

  it('when a file is read and then appended to, it produces one string record per line and resumes at the stored position', async () => {
    // Prepare
    const name = uniqueName('file');
    const topic = uniqueName('lines');
    const file = join(dir, `${name}.txt`);
    await writeFile(file, 'a\nb\r\nc\rd');
    await createTopic(topic);
    const generation = await createConnector(harness.stores, name, config(file, topic));
    const runner = harness.runner();
    // Act
    const first = await runner.run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(60_000) });
    const offsetAfterFirst = await harness.stores.offsets.list(name);
    await appendFile(file, '\nmore\n');
    const second = await runner.run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(60_000) });
    // Assess
    assert.equal(first.outcome, 'completed');
    assert.equal(first.stopReason, 'idle');
    assert.equal(second.outcome, 'completed');
    assert.deepEqual(offsetAfterFirst, [{ partition: { filename: file }, offset: { position: 7 } }]);
    assert.deepEqual(await harness.stores.offsets.list(name), [{ partition: { filename: file }, offset: { position: 14 } }]);
    const messages = await readTopic(topic);
    assert.deepEqual(
      messages.map((m) => [m.key, m.value?.toString('utf8')]),
      [
        [null, 'a'],
        [null, 'b'],
        [null, 'c'],
        [null, 'd'],
        [null, 'more'],
      ],
    );
    const status = await harness.stores.statuses.get(name);
    assert.equal(status.tasks[0]?.state, 'RUNNING');
  });

  it('when the value converter is JsonConverter with schemas, each line is a string payload with its schema', async () => {
    // Prepare
    const name = uniqueName('file-json');
    const topic = uniqueName('json-lines');
    const file = join(dir, `${name}.txt`);
    await writeFile(file, 'héllo "x"\n');
    await createTopic(topic);
    const generation = await createConnector(harness.stores, name, {
      ...config(file, topic),
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    });
    // Act
    const result = await harness
      .runner()
      .run({ connector: name, task: 0, generation, runId: runId(), remainingTimeMs: remainingFor(60_000) });
    // Assess
    assert.equal(result.outcome, 'completed');
    const [message] = await readTopic(topic);
    assert.equal(message?.value?.toString('utf8'), '{"schema":{"type":"string","optional":false},"payload":"héllo \\"x\\""}');
    assert.equal(message?.key, null);
    // Kafka's quirk, kept: the position counts UTF-16 chars (10), not bytes (11).
    assert.deepEqual(await harness.stores.offsets.list(name), [{ partition: { filename: file }, offset: { position: 10 } }]);
  });
});
