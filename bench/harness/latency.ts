// Scenario 4: end-to-end latency, a line appended to the source file → its line in the sink file,
// with a file source and a file sink running together in one worker, at a steady rate.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileSink, fileSource, latencyLine, latencySeq } from './connectors.ts';
import { type RunContext, runDir, sidesOf, withWorker } from './context.ts';
import { LineTail, percentile, type Summary, sleep, summarize } from './measure.ts';
import type { Side, WorkerProcess } from './workers.ts';

const TICK_MS = 5;
/** How long the worker may take to carry the first line through before the run fails. */
const WARM_UP_LIMIT_MS = 180_000;
/** How long after the last append the tail keeps waiting for lines still on their way. */
const DRAIN_MS = 60_000;

export interface LatencyRun {
  readonly rep: number;
  /** Lines appended while measuring (after the warm-up). */
  readonly measured: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Measured lines that never reached the sink file. */
  readonly lost: number;
  /** Measured lines that reached it more than once. */
  readonly duplicated: number;
  /** Lines appended before the first one showed in the sink file (not measured). */
  readonly warmUpLines: number;
  /** The rate the writer achieved, lines/s. */
  readonly appendRate: number;
  /** The worst latency of the lines appended in each second of the measurement, ms: shows when the slow lines came. */
  readonly maxMsPerSecond: readonly number[];
  readonly peakRssBytes: number | undefined;
}

export interface LatencySideFigures {
  readonly runs: readonly LatencyRun[];
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
  readonly maxMs: Summary;
  readonly peakRssMiB: Summary;
}

export interface LatencyResult {
  readonly id: '4';
  readonly title: string;
  readonly rate: number;
  readonly seconds: number;
  readonly connectors: readonly Readonly<Record<string, string>>[];
  readonly copycat: LatencySideFigures;
  readonly kafkaConnect: LatencySideFigures;
}

export async function latencyScenario(ctx: RunContext, title: string): Promise<LatencyResult> {
  const { reps, latencyRate, latencySeconds } = ctx.settings;
  const runs: Record<Side, LatencyRun[]> = { copycat: [], kafkaConnect: [] };
  let connectors: Record<string, string>[] = [];
  for (let rep = 1; rep <= reps; rep++)
    for (const side of sidesOf(rep)) {
      const label = `s4-${side}-${rep}`;
      const dir = runDir(ctx, label);
      mkdirSync(dir, { recursive: true });
      const topic = `bench-${ctx.stamp}-${label}`;
      await ctx.topics.create(topic);
      const input = join(dir, 'source.txt');
      const output = join(dir, 'sink.txt');
      closeSync(openSync(input, 'w'));
      const specs = [fileSource(`bench-${label}-source`, input, topic, 'string'), fileSink(`bench-${label}-sink`, output, topic, 'string')];
      connectors = specs.map((spec) => ({ ...spec.config }));
      const run = await withWorker(ctx, side, dir, specs, (worker) =>
        appendAndTail(worker, input, output, latencyRate, latencySeconds, `scenario 4 ${side} #${rep}`),
      );
      runs[side].push({ rep, ...run });
      ctx.log(
        `scenario 4 ${side} #${rep}: p50 ${run.p50Ms.toFixed(0)} ms, p99 ${run.p99Ms.toFixed(0)} ms, max ${run.maxMs.toFixed(0)} ms` +
          ` over ${run.measured} lines (${run.appendRate.toFixed(0)}/s), lost ${run.lost}, duplicated ${run.duplicated}`,
      );
    }
  const side = (values: LatencyRun[]): LatencySideFigures => ({
    runs: values,
    p50Ms: summarize(values.map((run) => run.p50Ms)),
    p99Ms: summarize(values.map((run) => run.p99Ms)),
    maxMs: summarize(values.map((run) => run.maxMs)),
    peakRssMiB: summarize(values.map((run) => (run.peakRssBytes ?? Number.NaN) / 2 ** 20)),
  });
  return {
    id: '4',
    title,
    rate: latencyRate,
    seconds: latencySeconds,
    connectors,
    copycat: side(runs.copycat),
    kafkaConnect: side(runs.kafkaConnect),
  };
}

/**
 * Appends lines at `rate` per second, each carrying its sequence number and the time it was
 * written, while tailing the sink file. Lines written before the first one arrives are the
 * warm-up (the worker starting); the next `seconds` of lines are measured.
 */
async function appendAndTail(
  worker: WorkerProcess,
  input: string,
  output: string,
  rate: number,
  seconds: number,
  what: string,
): Promise<Omit<LatencyRun, 'rep' | 'peakRssBytes'>> {
  const appendedAt: number[] = [];
  const seenAt = new Map<number, number>();
  let duplicated = 0;
  const tail = new LineTail(output);
  const fd = openSync(input, 'a');
  const started = performance.now();
  let measureFrom: number | undefined;
  let measureStart = 0;
  let measureEnd: number | undefined;
  let deadline = started + WARM_UP_LIMIT_MS;
  // The first measured line not seen yet: once it reaches measureEnd, every measured line arrived.
  let cursor = 0;
  try {
    for (;;) {
      const now = performance.now();
      if (measureEnd === undefined) {
        // Append every line due by now: the rate holds even when a tick comes late.
        const since = measureFrom === undefined ? now - started : now - measureStart;
        const due = Math.floor((since * rate) / 1000) + (measureFrom ?? 0);
        if (due > appendedAt.length) {
          const lines: string[] = [];
          for (let seq = appendedAt.length; seq < due; seq++) lines.push(latencyLine(seq));
          writeSync(fd, `${lines.join('\n')}\n`);
          const written = performance.now();
          for (let i = 0; i < lines.length; i++) appendedAt.push(written);
        }
      }
      const seen = performance.now();
      for (const line of tail.poll()) {
        const seq = latencySeq(line);
        if (seq === undefined) continue;
        if (seenAt.has(seq)) duplicated++;
        else seenAt.set(seq, seen);
      }
      if (measureFrom === undefined && seenAt.size > 0) {
        measureFrom = appendedAt.length;
        measureStart = performance.now();
        deadline = Number.POSITIVE_INFINITY;
      }
      if (measureFrom !== undefined && measureEnd === undefined && performance.now() - measureStart >= seconds * 1000) {
        measureEnd = appendedAt.length;
        deadline = performance.now() + DRAIN_MS;
      }
      if (measureFrom !== undefined) {
        cursor = Math.max(cursor, measureFrom);
        while (seenAt.has(cursor)) cursor++;
      }
      if (measureEnd !== undefined && cursor >= measureEnd) break;
      const exited = worker.exited();
      if (exited !== undefined) throw new Error(`${what}: the ${worker.side} worker ${exited} (log in ${worker.dir})`);
      if (performance.now() > deadline) {
        if (measureEnd === undefined)
          throw new Error(`${what}: no line reached the sink file within ${WARM_UP_LIMIT_MS / 1000} s (log in ${worker.dir})`);
        break;
      }
      await sleep(TICK_MS);
    }
  } finally {
    closeSync(fd);
  }
  const from = measureFrom ?? 0;
  const to = measureEnd ?? from;
  const latencies: number[] = [];
  const maxMsPerSecond: number[] = [];
  const firstAppend = appendedAt[from] ?? 0;
  for (let seq = from; seq < to; seq++) {
    const seen = seenAt.get(seq);
    if (seen === undefined) continue;
    const latency = seen - (appendedAt[seq] as number);
    latencies.push(latency);
    const second = Math.floor(((appendedAt[seq] as number) - firstAppend) / 1000);
    maxMsPerSecond[second] = Math.round(Math.max(maxMsPerSecond[second] ?? 0, latency));
  }
  const appendSeconds = ((appendedAt[to - 1] ?? 0) - (appendedAt[from] ?? 0)) / 1000;
  return {
    measured: to - from,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.length === 0 ? Number.NaN : latencies.reduce((max, latency) => Math.max(max, latency)),
    lost: to - from - latencies.length,
    duplicated,
    warmUpLines: from,
    appendRate: appendSeconds > 0 ? (to - from - 1) / appendSeconds : 0,
    maxMsPerSecond: Array.from(maxMsPerSecond, (ms) => ms ?? 0),
  };
}
