import assert from 'node:assert/strict';
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { OffsetStorageReader } from '../../../../shared/api/connector/source-task.ts';
import { ConnectException } from '../../../../shared/api/errors.ts';
import type { SourceMap } from '../../../../shared/api/record/source-record.ts';
import { FileStreamSourceConnector, fileStreamSourcePlugin } from '../../../../shared/connectors/file/file-stream-source-connector.ts';
import { FileStreamSourceTask } from '../../../../shared/connectors/file/file-stream-source-task.ts';

function readerOf(offset: SourceMap | null): OffsetStorageReader {
  return {
    offset: async () => offset,
    offsets: async (partitions) => new Map(partitions.map((partition) => [partition, offset])),
  };
}

async function startTask(file: string, options: { offset?: SourceMap | null; batchSize?: number } = {}): Promise<FileStreamSourceTask> {
  const task = new FileStreamSourceTask();
  const props = { file, topic: 'lines', ...(options.batchSize === undefined ? {} : { 'batch.size': String(options.batchSize) }) };
  task.initialize({ configs: props, offsetStorageReader: readerOf(options.offset ?? null) });
  task.start(props);
  return task;
}

const lines = (records: Awaited<ReturnType<FileStreamSourceTask['poll']>>) =>
  (records ?? []).map((record) => [record.value, record.sourceOffset?.position]);

describe("Kafka's FileStreamSourceTask, in Copycat", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'copycat-file-task-'));
  });

  it('when lines end in \\n, \\r\\n or a lone \\r, each is one record whose offset is the position after its terminator', async () => {
    // Prepare
    const file = join(dir, 'endings.txt');
    await writeFile(file, 'one\ntwo\r\nthree\rfour\r');
    const task = await startTask(file);
    // Act
    const records = await task.poll();
    task.stop();
    // Assess: the trailing \r waits, as Kafka's does, to see whether \n follows.
    assert.deepEqual(lines(records), [
      ['one', 4],
      ['two', 9],
      ['three', 15],
    ]);
    const [first] = records ?? [];
    assert.deepEqual(first?.sourcePartition, { filename: file });
    assert.equal(first?.key, null);
    assert.equal(first?.keySchema, null);
    assert.equal(first?.valueSchema?.type, 'STRING');
    assert.equal(first?.valueSchema?.optional, false);
    assert.equal(first?.topic, 'lines');
    assert.equal(first?.kafkaPartition, null);
  });

  it('when the last line has no terminator yet, it is held back until the line is completed', async () => {
    // Prepare
    const file = join(dir, 'partial.txt');
    await writeFile(file, 'done\npart');
    const task = await startTask(file);
    // Act
    const before = await task.poll();
    await appendFile(file, 'ial\n');
    const after = await task.poll();
    task.stop();
    // Assess
    assert.deepEqual(lines(before), [['done', 5]]);
    assert.deepEqual(lines(after), [['partial', 13]]);
  });

  it('when there are more lines than batch.size, each poll returns at most batch.size of them in order', async () => {
    // Prepare
    const file = join(dir, 'batches.txt');
    await writeFile(file, Array.from({ length: 7 }, (_, i) => `${i}\n`).join(''));
    const task = await startTask(file, { batchSize: 3 });
    // Act
    const polls = [await task.poll(), await task.poll(), await task.poll()];
    task.stop();
    // Assess
    assert.deepEqual(
      polls.map((records) => (records ?? []).map((record) => record.value)),
      [['0', '1', '2'], ['3', '4', '5'], ['6']],
    );
  });

  it('when an offset is stored, reading resumes at that byte position and positions continue from it', async () => {
    // Prepare
    const file = join(dir, 'resume.txt');
    await writeFile(file, 'a\nbb\nccc\n');
    const task = await startTask(file, { offset: { position: 2 } });
    // Act
    const records = await task.poll();
    task.stop();
    // Assess
    assert.deepEqual(lines(records), [
      ['bb', 5],
      ['ccc', 9],
    ]);
  });

  it('when the stored position is not a whole number, it fails as Kafka does', async () => {
    const file = join(dir, 'bad-offset.txt');
    await writeFile(file, 'x\n');
    const task = await startTask(file, { offset: { position: 'ten' } });
    await assert.rejects(
      task.poll(),
      (error: unknown) => error instanceof ConnectException && error.message === 'Offset position is the incorrect type',
    );
  });

  it('when the file does not exist yet, poll waits about a second and returns nothing; stop() cuts the wait short', async () => {
    // Prepare
    const task = await startTask(join(dir, 'missing.txt'));
    // Act
    const started = Date.now();
    setTimeout(() => task.stop(), 100);
    const records = await task.poll();
    // Assess
    assert.equal(records, null);
    assert.ok(Date.now() - started < 900);
  });

  it("when registered, it answers to Kafka's class name and the FileStreamSource alias, with one task per connector", () => {
    const connector = new FileStreamSourceConnector();
    connector.start({ file: '/tmp/x', topic: 't' });
    assert.equal(fileStreamSourcePlugin.className, 'org.apache.kafka.connect.file.FileStreamSourceConnector');
    assert.deepEqual(fileStreamSourcePlugin.aliases, ['FileStreamSource']);
    assert.deepEqual(connector.taskConfigs(4), [{ file: '/tmp/x', topic: 't' }]);
    assert.equal(connector.exactlyOnceSupport({ topic: 't' }), 'UNSUPPORTED');
    assert.throws(
      () => connector.alterOffsets({ file: '/tmp/x', topic: 't' }, new Map([['{"filename":"/tmp/x"}', { position: -1 }]])),
      /non-negative/,
    );
  });
});
