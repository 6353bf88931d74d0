// The in-process figure (Copycat only): one event source mapping event through the sink worker, as
// a Lambda invocation runs it, each repetition in a fresh process so that its peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { RunContext } from './context.ts';
import { type Summary, summarize } from './measure.ts';
import { projectRoot } from './settings.ts';

export const ESM_RECORDS = 10_000;

/** What one child process measured. */
export interface EsmFigures {
  readonly coldSeconds: number;
  readonly warmSeconds: number;
  readonly recordBytes: number;
  readonly peakRssBytes: number;
}

export interface EsmResult {
  readonly id: 'esm';
  readonly title: string;
  readonly records: number;
  readonly recordBytes: number | undefined;
  readonly chain: string;
  readonly runs: readonly EsmFigures[];
  readonly coldRecordsPerSecond: Summary;
  readonly warmRecordsPerSecond: Summary;
  readonly peakRssMiB: Summary;
}

export function esmScenario(ctx: RunContext, title: string): EsmResult {
  const runs: EsmFigures[] = [];
  for (let rep = 1; rep <= ctx.settings.reps; rep++) {
    const out = execFileSync(process.execPath, ['--disable-warning=TimeoutNegativeWarning', join(import.meta.dirname, 'esm-child.ts')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    const figures = JSON.parse(out.trim().split('\n').pop() ?? '{}') as EsmFigures;
    runs.push(figures);
    ctx.log(
      `esm #${rep}: cold ${Math.round(ESM_RECORDS / figures.coldSeconds)} records/s, warm ${Math.round(ESM_RECORDS / figures.warmSeconds)} records/s, peak RSS ${(figures.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  return {
    id: 'esm',
    title,
    records: ESM_RECORDS,
    recordBytes: runs[0]?.recordBytes,
    chain: 'JsonConverter(schemas off) → InsertField$Value → ReplaceField$Value → Cast$Value → FileStreamSink',
    runs,
    coldRecordsPerSecond: summarize(runs.map((run) => ESM_RECORDS / run.coldSeconds)),
    warmRecordsPerSecond: summarize(runs.map((run) => ESM_RECORDS / run.warmSeconds)),
    peakRssMiB: summarize(runs.map((run) => run.peakRssBytes / 2 ** 20)),
  };
}
