// The pinned CDK CLI synthesizes the example app offline (no account, no credentials, no Docker),
// reads the cloud assembly this aws-cdk-lib writes, and the bundles it produced start on Node 24.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bundleSizes, formatBytes } from '../../infra/bundle-sizes.ts';
import { PROJECT_ROOT } from '../../infra/copycat-function.ts';
import { fakeEnvironment, resourceOf } from './support.ts';

const outdir = mkdtempSync(join(tmpdir(), 'copycat-cdk-synth-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** An environment with no AWS credentials or account, and this Node first on PATH (cdk.json runs `node infra/app.ts`). */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(AWS_|CDK_DEFAULT_)/.test(name)) env[name] = value;
  return {
    ...env,
    PATH: `${dirname(process.execPath)}:${env.PATH ?? ''}`,
    AWS_EC2_METADATA_DISABLED: 'true',
    CDK_DISABLE_VERSION_CHECK: 'true',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
  };
}

describe('cdk synth with the pinned CLI', () => {
  let synth: Run | undefined;

  it('when `cdk synth` runs on the example app with a bootstrap servers context, it succeeds offline and writes the assembly', async (t) => {
    // Act
    synth = await run(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules/aws-cdk/bin/cdk'),
        'synth',
        '--no-notices',
        '--quiet',
        '-c',
        'bootstrapServers=broker-1:9092,broker-2:9092',
        '-o',
        outdir,
      ],
      { cwd: PROJECT_ROOT, env: offlineEnv(), timeoutMs: 170_000 },
    );
    t.diagnostic(`cdk synth took ${(synth.ms / 1000).toFixed(1)} s (bundling four functions with the local esbuild)`);
    // Assess
    assert.equal(synth.code, 0, `cdk synth failed:\n${synth.stderr}`);
    assert.doesNotMatch(synth.stderr, /docker/i);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    assert.equal(manifest.artifacts.Copycat?.type, 'aws:cloudformation:stack');
    assert.ok(existsSync(join(outdir, 'Copycat.template.json')));
  });

  it('when the assembly is written, aws-cdk-lib’s CloudFormation validation report has no violation', () => {
    assert.ok(synth, 'needs the synth above');
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    for (const plugin of report.pluginReports) assert.deepEqual(plugin.violations, [], plugin.pluginName);
  });

  it('when the functions are bundled, each bundle is an ES module with its source map that starts on Node 24 with the environment the template gives it', async (t) => {
    // Prepare
    assert.ok(synth, 'needs the synth above');
    const json = JSON.parse(readFileSync(join(outdir, 'Copycat.template.json'), 'utf8')) as Record<string, unknown>;
    const sizes = bundleSizes(outdir, 'Copycat');
    assert.equal(sizes.length, 4, JSON.stringify(sizes));
    for (const size of sizes) {
      t.diagnostic(
        `${size.function}: ${formatBytes(size.moduleBytes)} (gzipped ${formatBytes(size.gzippedBytes)}), source map ${formatBytes(size.sourceMapBytes)}`,
      );
      assert.ok(size.sourceMapBytes > 0, `${size.function} has a source map`);
    }
    for (const prefix of [
      'CopycatSourceTaskFunction',
      'CopycatSinkTaskFunction',
      'CopycatReconcilerFunction',
      'CopycatRestApiHandlerFunction',
    ]) {
      const fn = resourceOf(json, 'AWS::Lambda::Function', prefix) as { id: string; Properties: Record<string, unknown> };
      const resources = json.Resources as Record<string, { Metadata?: Record<string, string> }>;
      const assetPath = resources[fn.id]?.Metadata?.['aws:asset:path'];
      assert.ok(assetPath, `${prefix} has an asset`);
      // Act: load the module as Lambda would (its top level runs the cold start: environment parsing, clients)
      const loaded = await run(
        process.execPath,
        ['--enable-source-maps', '--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
        { cwd: join(outdir, assetPath), env: { PATH: process.env.PATH, ...fakeEnvironment(json, prefix) }, timeoutMs: 30_000 },
      );
      // Assess
      assert.equal(loaded.code, 0, `${prefix}:\n${loaded.stderr}`);
      assert.equal(loaded.stdout.trim(), 'function', prefix);
    }
  });
});
