// Scenarios 1–3: records/s of the file source into a topic and of the file sink out of it, each side
// timed from process spawn until the topic holds every line (source) or the file has every line (sink).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Encoding, fileSink, fileSource } from './connectors.ts';
import { type RunContext, type RunFigures, runDir, sidesOf, timeUntil, withWorker } from './context.ts';
import { fingerprint, LineCounter, type Summary, summarize } from './measure.ts';
import type { Side } from './workers.ts';

/** The outcome of a correctness check; a failed one fails the benchmark. */
export interface Check {
  readonly ok: boolean;
  readonly detail: string;
}

export interface SideFigures {
  readonly runs: readonly RunFigures[];
  readonly recordsPerSecond: Summary;
  /** Records/s from the first record on: the same runs without process and connector start. */
  readonly afterStartRecordsPerSecond: Summary;
  /** Per-run peak RSS; the scenario's figure is the max. */
  readonly peakRssMiB: Summary;
}

export interface ThroughputResult {
  readonly id: '1' | '2' | '3a' | '3b';
  readonly title: string;
  readonly direction: 'source' | 'sink';
  readonly encoding: Encoding;
  readonly records: number;
  /** The connector config both sides ran (file and topic names vary per run). */
  readonly connector: Readonly<Record<string, string>>;
  readonly copycat: SideFigures;
  readonly kafkaConnect: SideFigures;
  /** Copycat's median records/s over Kafka Connect's. */
  readonly ratio: number;
  readonly check: Check;
}

type Runs = Record<Side, RunFigures[]>;

/** File source → topic. Answers the figures and one of the topics it filled, for the sink scenario. */
export async function sourceScenario(
  ctx: RunContext,
  id: '1' | '3a',
  title: string,
  encoding: Encoding,
  input: string,
): Promise<{ result: ThroughputResult; topic: string }> {
  const { lines, reps } = ctx.settings;
  const runs: Runs = { copycat: [], kafkaConnect: [] };
  const written: { side: Side; rep: number; topic: string }[] = [];
  let connector: Record<string, string> = {};
  for (let rep = 1; rep <= reps; rep++)
    for (const side of sidesOf(rep)) {
      const label = `s${id}-${side}-${rep}`;
      const topic = `bench-${ctx.stamp}-${label}`;
      await ctx.topics.create(topic);
      const spec = fileSource(`bench-${label}`, input, topic, encoding);
      connector = { ...spec.config };
      const timed = await withWorker(ctx, side, runDir(ctx, label), [spec], (worker, start) =>
        timeUntil(ctx, worker, start, `scenario ${id} ${side} #${rep}`, lines, () => ctx.topics.endOffset(topic)),
      );
      const end = await ctx.topics.endOffset(topic);
      if (end !== lines) throw new Error(`scenario ${id}: ${side} #${rep} wrote ${end} records into ${topic}, expected ${lines}`);
      runs[side].push({ rep, ...timed });
      written.push({ side, rep, topic });
      ctx.log(`scenario ${id} ${side} #${rep}: ${timed.seconds.toFixed(2)} s, ${Math.round(lines / timed.seconds)} records/s`);
    }
  const check = await sameRecords(ctx, written, lines);
  const kept = written[0]?.topic ?? '';
  return { result: result(id, title, 'source', encoding, lines, connector, runs, check), topic: kept };
}

/** Topic → file sink, every run from the same topic. */
export async function sinkScenario(
  ctx: RunContext,
  id: '2' | '3b',
  title: string,
  encoding: Encoding,
  topic: string,
  expected?: { sha256: string; detail: string },
): Promise<ThroughputResult> {
  const { lines, reps } = ctx.settings;
  const runs: Runs = { copycat: [], kafkaConnect: [] };
  const outputs: { side: Side; rep: number; print: ReturnType<typeof fingerprint> }[] = [];
  let connector: Record<string, string> = {};
  for (let rep = 1; rep <= reps; rep++)
    for (const side of sidesOf(rep)) {
      const label = `s${id}-${side}-${rep}`;
      const dir = runDir(ctx, label);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'sink.txt');
      const spec = fileSink(`bench-${label}`, file, topic, encoding);
      connector = { ...spec.config };
      const counter = new LineCounter(file);
      const timed = await withWorker(ctx, side, dir, [spec], (worker, start) =>
        timeUntil(ctx, worker, start, `scenario ${id} ${side} #${rep}`, lines, () => counter.poll()),
      );
      const print = fingerprint(file);
      rmSync(file, { force: true });
      if (print.lines !== lines) throw new Error(`scenario ${id}: ${side} #${rep} wrote ${print.lines} lines, expected ${lines}`);
      runs[side].push({ rep, ...timed });
      outputs.push({ side, rep, print });
      ctx.log(`scenario ${id} ${side} #${rep}: ${timed.seconds.toFixed(2)} s, ${Math.round(lines / timed.seconds)} records/s`);
    }
  return result(id, title, 'sink', encoding, lines, connector, runs, sameFiles(outputs, expected));
}

function result(
  id: ThroughputResult['id'],
  title: string,
  direction: ThroughputResult['direction'],
  encoding: Encoding,
  records: number,
  connector: Record<string, string>,
  runs: Runs,
  check: Check,
): ThroughputResult {
  const side = (values: RunFigures[]): SideFigures => ({
    runs: values,
    recordsPerSecond: summarize(values.map((run) => records / run.seconds)),
    afterStartRecordsPerSecond: summarize(values.map((run) => records / (run.seconds - (run.firstRecordSeconds ?? 0)))),
    peakRssMiB: summarize(values.map((run) => (run.peakRssBytes ?? Number.NaN) / 2 ** 20)),
  });
  const copycat = side(runs.copycat);
  const kafkaConnect = side(runs.kafkaConnect);
  return {
    id,
    title,
    direction,
    encoding,
    records,
    connector,
    copycat,
    kafkaConnect,
    ratio: copycat.recordsPerSecond.median / kafkaConnect.recordsPerSecond.median,
    check,
  };
}

/** Every source run's topic holds the same first and last record (key and value bytes) as the first run's. */
async function sameRecords(ctx: RunContext, written: readonly { side: Side; rep: number; topic: string }[], lines: number): Promise<Check> {
  const offsets = lines > 1 ? [0, lines - 1] : [0];
  const seen = await Promise.all(written.map(async (run) => ({ ...run, records: await ctx.topics.recordsAt(run.topic, offsets) })));
  const [reference, ...others] = seen;
  if (reference === undefined) return { ok: false, detail: 'no runs' };
  const differing = others.filter((run) => JSON.stringify(run.records) !== JSON.stringify(reference.records));
  const value = Buffer.from(reference.records[0]?.value ?? '', 'hex').toString('utf8');
  if (differing.length > 0)
    return {
      ok: false,
      detail: `records 0 and ${lines - 1} differ from ${reference.side} #${reference.rep}'s in ${differing.map((run) => `${run.side} #${run.rep}`).join(', ')}; first value there: ${value}`,
    };
  return {
    ok: true,
    detail: `records 0 and ${lines - 1} (key and value bytes) equal in all ${seen.length} runs; record 0's value: ${value}`,
  };
}

/** Every sink run wrote the same file (same SHA-256, first and last line), and the expected one when known. */
function sameFiles(
  outputs: readonly { side: Side; rep: number; print: ReturnType<typeof fingerprint> }[],
  expected?: { sha256: string; detail: string },
): Check {
  const [reference] = outputs;
  if (reference === undefined) return { ok: false, detail: 'no runs' };
  const differing = outputs.filter((run) => run.print.sha256 !== reference.print.sha256);
  const sides = new Set(outputs.map((run) => run.side));
  if (differing.length > 0)
    return {
      ok: false,
      detail: `sink files differ: ${outputs.map((run) => `${run.side} #${run.rep} ${run.print.sha256.slice(0, 12)} first "${run.print.firstLine.slice(0, 80)}" last "${run.print.lastLine.slice(0, 80)}"`).join('; ')}`,
    };
  if (expected !== undefined && reference.print.sha256 !== expected.sha256)
    return { ok: false, detail: `every sink file is ${reference.print.sha256.slice(0, 12)}…, not ${expected.detail}` };
  return {
    ok: true,
    detail: `all ${outputs.length} sink files (${[...sides].join(', ')}) identical (SHA-256 ${reference.print.sha256.slice(0, 16)}…${expected === undefined ? '' : `, ${expected.detail}`}); first line: ${reference.print.firstLine}; last line: ${reference.print.lastLine}`,
  };
}
