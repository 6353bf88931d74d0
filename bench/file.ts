// `npm run bench:file`: scenarios 1 and 2 of `npm run bench` (file source → topic, topic → file sink,
// against Kafka Connect standalone) and the in-process ESM figure, 200,000 lines by default, into
// bench/results/file.json and file.md. Everything else is bench/run.ts; the BENCH_* variables apply.
import { join } from 'node:path';
import { benchSettings } from './harness/settings.ts';
import { runBench } from './run.ts';

const settings = benchSettings(process.env, {
  lines: 200_000,
  scenarios: ['1', '2', 'esm'],
  runLambdaAndCost: false,
  resultsJson: join(import.meta.dirname, 'results', 'file.json'),
  resultsMarkdown: join(import.meta.dirname, 'results', 'file.md'),
});
process.exitCode = await runBench(settings);
