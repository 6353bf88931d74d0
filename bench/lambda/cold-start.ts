// Step 2 of bench/lambda.ts: a fresh process imports each bundled `index.mjs`, with and without
// NODE_OPTIONS=--enable-source-maps (the stack sets it), and notes how long it took and how much memory.
import type { BundledFunction, FunctionKey } from './bundles.ts';
import { type FunctionProcessContext, runFunction } from './function-process.ts';
import { MiB, summarize } from './summary.ts';

/** One function's cold starts, a value per repetition. */
export interface ColdStart {
  readyMs: number[];
  importMs: number[];
  bootMs: number[];
  maxRssBytes: number[];
}

export type ColdStarts = Record<FunctionKey, { withSourceMaps: ColdStart; withoutSourceMaps: ColdStart }>;

/** Starts every function `reps` times with source maps and `reps` times without. */
export async function coldStarts(
  functions: Map<FunctionKey, BundledFunction>,
  reps: number,
  context: FunctionProcessContext,
): Promise<ColdStarts> {
  const empty = (): ColdStart => ({ readyMs: [], importMs: [], bootMs: [], maxRssBytes: [] });
  const figures = Object.fromEntries(
    [...functions.keys()].map((key) => [key, { withSourceMaps: empty(), withoutSourceMaps: empty() }]),
  ) as ColdStarts;
  // Interleaved, so that noise from other work on the machine spreads over every function alike.
  for (let rep = 1; rep <= reps; rep++)
    for (const fn of functions.values())
      for (const sourceMaps of [true, false]) {
        const child = await runFunction(context, `cold-${fn.key}-${sourceMaps ? 'maps' : 'nomaps'}-${rep}`, fn, [], { sourceMaps });
        const into = figures[fn.key][sourceMaps ? 'withSourceMaps' : 'withoutSourceMaps'];
        into.readyMs.push(child.readyMs);
        into.importMs.push(child.importMs);
        into.bootMs.push(child.bootMs);
        into.maxRssBytes.push(child.maxRssBytes);
      }
  return figures;
}

/** The `functions` entry of bench/results/lambda.json for one function: its settings, bundle and cold starts. */
export function functionResult(fn: BundledFunction, figures: ColdStarts[FunctionKey]) {
  const coldFigures = (values: ColdStart) => ({
    processStartToReadyMs: summarize(values.readyMs),
    moduleLoadMs: summarize(values.importMs),
    nodeBootMs: summarize(values.bootMs),
    peakRssMiB: summarize(values.maxRssBytes.map((bytes) => bytes / MiB)),
  });
  return {
    memoryMb: fn.memoryMb,
    timeoutSeconds: fn.timeoutSeconds,
    architecture: fn.architecture,
    bundle: { moduleBytes: fn.moduleBytes, gzippedBytes: fn.gzippedBytes, sourceMapBytes: fn.sourceMapBytes },
    coldStart: { withSourceMaps: coldFigures(figures.withSourceMaps), withoutSourceMaps: coldFigures(figures.withoutSourceMaps) },
  };
}
