// What every scenario runs with, and the run loop they share: alternate the sides, time each run from spawn.
import { join } from 'node:path';
import { sleep } from './measure.ts';
import { type BenchSettings, workDir } from './settings.ts';
import type { BenchTopics } from './topics.ts';
import { type ConnectorSpec, SIDES, type Side, startWorker, type WorkerContext, type WorkerProcess } from './workers.ts';

export interface RunContext {
  readonly settings: BenchSettings;
  readonly workers: WorkerContext;
  readonly topics: BenchTopics;
  /** Names this benchmark's topics, connectors, tables and folders apart from earlier ones. */
  readonly stamp: string;
  readonly log: (line: string) => void;
}

/** What one run of one side measured. */
export interface RunFigures {
  readonly rep: number;
  readonly seconds: number;
  /** Seconds from spawn until the first record (source) or line (sink) showed: mostly process and connector start. */
  readonly firstRecordSeconds: number | undefined;
  readonly peakRssBytes: number | undefined;
}

/** A folder of its own under bench/work/run for one run. */
export function runDir(ctx: RunContext, label: string): string {
  return join(workDir, `${ctx.stamp}-${label}`);
}

/** The sides in the order of repetition `rep` (1-based): Copycat first in odd repetitions, Kafka Connect first in even ones. */
export function sidesOf(rep: number): readonly Side[] {
  return rep % 2 === 1 ? SIDES : [...SIDES].reverse();
}

const POLL_MS = 50;

/**
 * Polls `progress` until it reaches `target`; seconds from `start` (a `performance.now()`),
 * and when progress was first above 0. Fails when the worker exits or the run times out.
 */
export async function timeUntil(
  ctx: RunContext,
  worker: WorkerProcess,
  start: number,
  what: string,
  target: number,
  progress: () => Promise<number> | number,
): Promise<{ seconds: number; firstRecordSeconds: number | undefined }> {
  let first: number | undefined;
  for (;;) {
    const done = await progress();
    const now = performance.now();
    if (done > 0 && first === undefined) first = (now - start) / 1000;
    if (done >= target) return { seconds: (now - start) / 1000, firstRecordSeconds: first };
    const exited = worker.exited();
    if (exited !== undefined)
      throw new Error(`${what}: the ${worker.side} worker ${exited} after ${done} of ${target} (log in ${worker.dir})`);
    if (now - start > ctx.settings.timeoutMs)
      throw new Error(`${what}: ${done} of ${target} after ${ctx.settings.timeoutMs} ms (log in ${worker.dir})`);
    await sleep(POLL_MS);
  }
}

/**
 * Starts `side`'s worker with `connectors` in `dir`, measures it with `measure` (given the worker
 * and the `performance.now()` just before the spawn), stops it and adds its peak RSS.
 */
export async function withWorker<T>(
  ctx: RunContext,
  side: Side,
  dir: string,
  connectors: readonly ConnectorSpec[],
  measure: (worker: WorkerProcess, start: number) => Promise<T>,
): Promise<T & { peakRssBytes: number | undefined }> {
  const start = performance.now();
  const worker = await startWorker(side, ctx.workers, dir, connectors);
  let figures: T;
  try {
    figures = await measure(worker, start);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  const { peakRssBytes } = await worker.stop();
  return { ...figures, peakRssBytes };
}
