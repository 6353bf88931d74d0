// bench/results.json (every figure, the setup and the checks) and bench/results.md (the table).
import { writeFileSync } from 'node:fs';
import type { EsmResult } from './esm.ts';
import type { LatencyResult } from './latency.ts';
import type { Summary } from './measure.ts';
import type { Check, ThroughputResult } from './throughput.ts';

/** The latency target of the issue: p99 under 2 s. */
export const LATENCY_P99_TARGET_MS = 2000;

export interface BenchResults {
  readonly benchmark: 'copycat-vs-kafka-connect';
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number; readonly platform: string };
  readonly node: string;
  readonly java: string;
  readonly kafkaConnect: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** How both sides are set up: what is equal, what each side's defaults are. */
  readonly setup: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  readonly throughput: readonly ThroughputResult[];
  readonly latency: LatencyResult | undefined;
  readonly esm: EsmResult | undefined;
  /** Scenario 5: each worker's peak RSS per scenario, MiB, the max over that scenario's runs. */
  readonly peakMemoryMiB: readonly PeakMemory[];
  readonly checks: readonly (Check & { readonly scenario: string })[];
  readonly allChecksPassed: boolean;
}

export interface PeakMemory {
  readonly scenario: string;
  readonly copycat: number;
  readonly kafkaConnect: number;
}

export function peakMemory(throughput: readonly ThroughputResult[], latency: LatencyResult | undefined): PeakMemory[] {
  return [...throughput, ...(latency === undefined ? [] : [latency])].map((scenario) => ({
    scenario: scenario.id,
    copycat: scenario.copycat.peakRssMiB.max,
    kafkaConnect: scenario.kafkaConnect.peakRssMiB.max,
  }));
}

const n = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const cell = (s: Summary) => `${n(s.median)} (${n(s.min)}–${n(s.max)})`;
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');
const met = (ok: boolean) => (ok ? '✅ yes' : '❌ no');

export function markdown(results: BenchResults): string {
  const rows: string[] = [];
  for (const scenario of results.throughput) {
    const target = scenario.check.ok ? met(scenario.ratio >= 1) : '❌ no (outputs differ)';
    rows.push(
      `| ${scenario.id}. ${scenario.title}, records/s | ${cell(scenario.copycat.recordsPerSecond)} | ${cell(scenario.kafkaConnect.recordsPerSecond)} | ${ratio(scenario.ratio)} | ${target} |`,
    );
    const copycat = scenario.copycat.afterStartRecordsPerSecond;
    const kafkaConnect = scenario.kafkaConnect.afterStartRecordsPerSecond;
    rows.push(
      `| ${scenario.id}. the same from the first record on (start-up left out), records/s | ${cell(copycat)} | ${cell(kafkaConnect)} | ${ratio(copycat.median / kafkaConnect.median)} | – |`,
    );
  }
  const latency = results.latency;
  if (latency !== undefined) {
    const row = (label: string, key: 'p50Ms' | 'p99Ms' | 'maxMs', target: string) =>
      rows.push(
        `| 4. ${latency.title}, ${label}, ms | ${cell(latency.copycat[key])} | ${cell(latency.kafkaConnect[key])} | ${ratio(latency.copycat[key].median / latency.kafkaConnect[key].median)} | ${target} |`,
      );
    const lost = latency.copycat.runs.reduce((sum, run) => sum + run.lost, 0);
    row('p50', 'p50Ms', '–');
    row(
      'p99',
      'p99Ms',
      `${met(latency.copycat.p99Ms.max < LATENCY_P99_TARGET_MS && lost === 0)} (< 2 s in every run${lost > 0 ? `; ${lost} lines lost` : ''}; batching window 0.5 s)`,
    );
    row('max', 'maxMs', '–');
  }
  for (const { scenario: id, ...peak } of results.peakMemoryMiB)
    rows.push(
      `| 5. Peak RSS in scenario ${id}, MiB (max over the runs) | ${n(peak.copycat)} | ${n(peak.kafkaConnect)} | ${ratio(peak.copycat / peak.kafkaConnect)} | – |`,
    );
  const esm = results.esm;
  if (esm !== undefined) {
    const what = `${n(esm.records)} × ${esm.recordBytes ?? '?'} B JSON → 3 SMTs → file sink, in-process`;
    rows.push(`| One ESM event, ${what}, first (cold), records/s | ${cell(esm.coldRecordsPerSecond)} | – | – | – |`);
    rows.push(`| The same, second event (warm), records/s | ${cell(esm.warmRecordsPerSecond)} | – | – | – |`);
    rows.push(`| Peak RSS of that process, MiB | ${cell(esm.peakRssMiB)} | – | – | – |`);
  }
  const settings = results.settings;
  const data = [
    results.throughput.length > 0 ? `${n(Number(settings.lines))} lines of ~200 B` : undefined,
    latency === undefined ? undefined : `latency over ${latency.seconds} s at ${n(latency.rate)} lines/s`,
  ].filter((part) => part !== undefined);
  return [
    `Copycat and Apache Kafka Connect ${results.kafkaConnect}, ${results.date.slice(0, 10)}, ${results.machine.cpus} CPUs, ` +
      `Node ${results.node}, ${results.java}; ${[...data, `${settings.reps} runs per side alternating`].join(', ')}; ` +
      'median (min–max). Ratio: Copycat / Kafka Connect (records/s: higher is better for Copycat; ms and MiB: lower is).',
    '',
    '| Scenario | Copycat | Kafka Connect | Ratio | Target met? |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

export function writeResults(json: string, md: string, results: BenchResults): string {
  const table = markdown(results);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, table);
  return table;
}
