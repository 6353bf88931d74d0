// The size of each function's bundle, as deployed: `node infra/bundle-sizes.ts` synthesizes the
// platform with real bundling (the local esbuild) into a temporary directory and prints one line
// per function. `bundleSizes` reads them from any cloud assembly (the CLI synth test uses it);
// `synthesizeBundles` is the synth alone (the Lambda benchmark, bench/lambda.ts, runs the bundles).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One function's bundle: the module, its source map, and the module gzipped (about what the zip upload weighs). */
export interface BundleSize {
  /** The function's construct path, e.g. `Copycat/Copycat/SinkTask/Function`. */
  readonly function: string;
  /** The asset directory holding the module (`index.mjs`) and its source map. */
  readonly directory: string;
  readonly moduleBytes: number;
  readonly sourceMapBytes: number;
  readonly gzippedBytes: number;
}

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: Record<string, unknown>;
}

/** The bundles of the stack's Node.js functions in a synthesized cloud assembly. */
export function bundleSizes(assemblyDir: string, stackArtifactId: string): BundleSize[] {
  const template = JSON.parse(readFileSync(join(assemblyDir, `${stackArtifactId}.template.json`), 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  const sizes: BundleSize[] = [];
  for (const resource of Object.values(template.Resources)) {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const constructPath = resource.Metadata?.['aws:cdk:path'];
    if (resource.Type !== 'AWS::Lambda::Function' || typeof assetPath !== 'string' || typeof constructPath !== 'string') continue;
    const dir = join(assemblyDir, assetPath);
    const module = readdirSync(dir).find((file) => file === 'index.mjs' || file === 'index.js');
    if (module === undefined) continue; // not a bundled function (e.g. a custom resource provider's code)
    const code = readFileSync(join(dir, module));
    const map = join(dir, `${module}.map`);
    sizes.push({
      function: constructPath.replace(/\/Resource$/, ''),
      directory: dir,
      moduleBytes: code.length,
      sourceMapBytes: readdirSync(dir).includes(`${module}.map`) ? statSync(map).size : 0,
      gzippedBytes: gzipSync(code).length,
    });
  }
  return sizes.sort((a, b) => a.function.localeCompare(b.function));
}

/** `2.1 MB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`;
}

/**
 * Synthesizes the platform (stack `CopycatBundles`) into `outdir` with real bundling, as `cdk synth`
 * would, and returns the stack artifact id for {@link bundleSizes}.
 */
export async function synthesizeBundles(outdir: string): Promise<string> {
  const [{ App, Stack }, { CopycatPlatform }] = await Promise.all([import('aws-cdk-lib'), import('./copycat-platform.ts')]);
  const { PROJECT_ROOT } = await import('./copycat-function.ts');
  const context = (JSON.parse(readFileSync(`${PROJECT_ROOT}cdk.json`, 'utf8')) as { context: Record<string, unknown> }).context;
  const app = new App({ outdir, context: { ...context, 'aws:cdk:enable-asset-metadata': true, 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'CopycatBundles');
  new CopycatPlatform(stack, 'Copycat', { kafka: { bootstrapServers: ['broker:9092'] } });
  app.synth();
  return stack.artifactId;
}

if (import.meta.main) {
  const outdir = mkdtempSync(join(tmpdir(), 'copycat-bundles-'));
  try {
    const stackArtifactId = await synthesizeBundles(outdir);
    console.log('function bundle (index.mjs)            module     gzipped   source map');
    for (const size of bundleSizes(outdir, stackArtifactId))
      console.log(
        `${size.function.replace(/^CopycatBundles\/Copycat\//, '').padEnd(38)} ${formatBytes(size.moduleBytes).padStart(8)} ${formatBytes(size.gzippedBytes).padStart(10)} ${formatBytes(size.sourceMapBytes).padStart(12)}`,
      );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
