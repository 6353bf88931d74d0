// Step 1 of bench/lambda.ts: the platform synthesized with real bundling (infra/bundle-sizes.ts),
// which also gives each function's memory, timeout and architecture from the template.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSizes, synthesizeBundles } from '../../infra/bundle-sizes.ts';

/** The four functions, by the construct id the platform gives them. */
export const FUNCTIONS = [
  { key: 'source-task', construct: 'SourceTask' },
  { key: 'sink-task', construct: 'SinkTask' },
  { key: 'reconciler', construct: 'Reconciler' },
  { key: 'rest-api', construct: 'RestApiHandler' },
] as const;
export type FunctionKey = (typeof FUNCTIONS)[number]['key'];

/** One function's bundle and the settings the stack deploys it with. */
export interface BundledFunction {
  readonly key: FunctionKey;
  readonly module: string;
  readonly moduleBytes: number;
  readonly gzippedBytes: number;
  readonly sourceMapBytes: number;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly architecture: string;
}

/** Synthesizes the platform into `dir` and returns each function's bundle and settings from the template. */
export async function bundledFunctions(dir: string): Promise<Map<FunctionKey, BundledFunction>> {
  const stackId = await synthesizeBundles(dir);
  const template = JSON.parse(readFileSync(join(dir, `${stackId}.template.json`), 'utf8')) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties?: Record<string, unknown> }>;
  };
  const settings = new Map<string, { memoryMb: number; timeoutSeconds: number; architecture: string }>();
  for (const resource of Object.values(template.Resources)) {
    const path = resource.Metadata?.['aws:cdk:path'];
    if (resource.Type !== 'AWS::Lambda::Function' || typeof path !== 'string') continue;
    const properties = resource.Properties ?? {};
    settings.set(path.replace(/\/Resource$/, ''), {
      memoryMb: Number(properties.MemorySize),
      timeoutSeconds: Number(properties.Timeout),
      architecture: String((properties.Architectures as string[] | undefined)?.[0] ?? 'x86_64'),
    });
  }
  const found = new Map<FunctionKey, BundledFunction>();
  for (const size of bundleSizes(dir, stackId)) {
    const fn = FUNCTIONS.find(({ construct }) => size.function.endsWith(`/${construct}/Function`));
    const configured = settings.get(size.function);
    if (fn === undefined || configured === undefined) continue;
    found.set(fn.key, {
      key: fn.key,
      module: join(size.directory, 'index.mjs'),
      moduleBytes: size.moduleBytes,
      gzippedBytes: size.gzippedBytes,
      sourceMapBytes: size.sourceMapBytes,
      ...configured,
    });
  }
  const missing = FUNCTIONS.filter(({ key }) => !found.has(key)).map(({ key }) => key);
  if (missing.length > 0) throw new Error(`no bundle found for ${missing.join(', ')}`);
  return found;
}
