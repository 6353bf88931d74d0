// One process of the in-process ESM figure: two 10,000-record event source mapping events (1 KB JSON,
// the records of bench/transforms.ts) through JsonConverter → 3 SMTs → FileStreamSink in the sink
// worker on memory stores, as a Lambda runs them; prints one JSON line of figures.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { SinkWorker } from '../../shared/runtime/sink/sink-worker.ts';
import { createMemoryStores } from '../../shared/stores/memory/stores.ts';
import { benchConfig, benchEvent } from '../transforms.ts';
import { FILE_SINK } from './connectors.ts';
import { ESM_RECORDS, type EsmFigures } from './esm.ts';
import { fingerprint, peakRssBytes } from './measure.ts';
import { workDir } from './settings.ts';

async function main(): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `esm-${randomUUID()}.txt`);
  const event = (base: number) => benchEvent(base, ESM_RECORDS, '127.0.0.1:9092');
  const first = event(0);
  const second = event(ESM_RECORDS);
  const recordBytes = Buffer.from(first.records['orders-0']?.[0]?.value ?? '', 'base64').length;
  const stores = createMemoryStores();
  const name = 'esm-bench';
  const props = { name, 'connector.class': FILE_SINK, 'tasks.max': '1', topics: 'orders', file, ...benchConfig };
  await stores.configs.create(name, props);
  await stores.configs.putTasks(name, [{ ...props, 'task.class': 'FileStreamSinkTask' }], 0);
  const worker = new SinkWorker({ configs: stores.configs, statuses: stores.statuses, registry: builtInPlugins, workerId: 'bench' });
  const timed = async (payload: unknown) => {
    const start = performance.now();
    const answer = await worker.handle({ connector: name, event: payload, reportBatchItemFailures: false });
    if (answer !== undefined && answer.batchItemFailures.length > 0) throw new Error(`batch failed: ${JSON.stringify(answer)}`);
    return (performance.now() - start) / 1000;
  };
  // The first event also starts the task (a Lambda's first invocation); the second runs warm.
  const coldSeconds = await timed(first);
  const warmSeconds = await timed(second);
  await worker.close();
  const written = fingerprint(file).lines;
  rmSync(file, { force: true });
  if (written !== 2 * ESM_RECORDS) throw new Error(`the sink file has ${written} lines, expected ${2 * ESM_RECORDS}`);
  const figures: EsmFigures = { coldSeconds, warmSeconds, recordBytes, peakRssBytes: peakRssBytes(process.pid) ?? 0 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
