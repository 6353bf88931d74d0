// What one benchmark run does, from the environment (BENCH_*), with the defaults.
import { join } from 'node:path';

/** The scenarios by id: 1–4 as the issue numbers them (5, peak memory, is measured in every run), plus the in-process ESM figure. */
export type ScenarioId = '1' | '2' | '3' | '4' | 'esm';
export const SCENARIO_IDS: readonly ScenarioId[] = ['1', '2', '3', '4', 'esm'];

export interface BenchSettings {
  /** Lines of the input file of scenarios 1–3 (BENCH_LINES). */
  readonly lines: number;
  /** Runs per side and scenario, alternating Copycat / Kafka Connect (BENCH_REPS). */
  readonly reps: number;
  /** How long scenario 4's writer appends (BENCH_LATENCY_SECONDS). */
  readonly latencySeconds: number;
  /** Scenario 4's steady append rate, lines/s (BENCH_LATENCY_RATE). */
  readonly latencyRate: number;
  /** The scenarios to run, in this order (BENCH_SCENARIOS, e.g. "1,2,3,4"). */
  readonly scenarios: readonly ScenarioId[];
  /** Longest one run may take before the benchmark fails (BENCH_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /**
   * Copycat's standalone `sourceRunMs` (BENCH_COPYCAT_SOURCE_RUN_MS); undefined keeps the
   * worker's default, the one `copycat standalone` and `npm start` use.
   */
  readonly copycatSourceRunMs: number | undefined;
  /** Whether `bench/lambda.ts` and `bench/cost.ts` run after the scenarios (BENCH_SKIP_LAMBDA=1 skips them). */
  readonly runLambdaAndCost: boolean;
  /** Where results.json and results.md go. */
  readonly resultsJson: string;
  readonly resultsMarkdown: string;
}

export const benchDir = join(import.meta.dirname, '..');
export const projectRoot = join(benchDir, '..');
/** Scratch space: input and sink files, worker configs and logs (git-ignored). */
export const workDir = join(benchDir, 'work', 'run');

type Env = Readonly<Record<string, string | undefined>>;

export function benchSettings(env: Env = process.env, defaults: Partial<BenchSettings> = {}): BenchSettings {
  const number = (name: string, fallback: number, min: number): number => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text.replaceAll('_', ''));
    if (!Number.isFinite(value) || value < min) throw new Error(`${name}=${text} is not a number ≥ ${min}.`);
    return value;
  };
  const scenarios = parseScenarios(env.BENCH_SCENARIOS) ?? defaults.scenarios ?? SCENARIO_IDS;
  const sourceRunMs = env.BENCH_COPYCAT_SOURCE_RUN_MS;
  return {
    lines: Math.floor(number('BENCH_LINES', defaults.lines ?? 1_000_000, 1)),
    reps: Math.floor(number('BENCH_REPS', defaults.reps ?? 3, 1)),
    latencySeconds: number('BENCH_LATENCY_SECONDS', defaults.latencySeconds ?? 30, 1),
    latencyRate: number('BENCH_LATENCY_RATE', defaults.latencyRate ?? 1000, 1),
    scenarios,
    timeoutMs: number('BENCH_TIMEOUT_MS', defaults.timeoutMs ?? 900_000, 1000),
    copycatSourceRunMs:
      sourceRunMs === undefined || sourceRunMs === '' ? defaults.copycatSourceRunMs : number('BENCH_COPYCAT_SOURCE_RUN_MS', 0, 100),
    runLambdaAndCost: env.BENCH_SKIP_LAMBDA !== '1' && (defaults.runLambdaAndCost ?? true),
    resultsJson: defaults.resultsJson ?? join(benchDir, 'results.json'),
    resultsMarkdown: defaults.resultsMarkdown ?? join(benchDir, 'results.md'),
  };
}

function parseScenarios(text: string | undefined): ScenarioId[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '' && id !== '5');
  const unknown = ids.filter((id) => !(SCENARIO_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS: unknown scenario ${unknown.join(', ')} (known: 1,2,3,4,5,esm).`);
  return SCENARIO_IDS.filter((id) => ids.includes(id));
}
