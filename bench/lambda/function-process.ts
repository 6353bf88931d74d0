// Runs a bundled function in a fresh process (child.mjs) with the environment Lambda and the stack
// would give it, and reads back what the process measured (protocol.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundledFunction } from './bundles.ts';
import type { DynamoDbRecorder } from './dynamodb-recorder.ts';
import type { ChildFigures, ChildPlan, PlannedInvocation } from './protocol.ts';

export const ACCOUNT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

const childScript = join(import.meta.dirname, 'child.mjs');

/** Where the function processes run and what they reach. */
export interface FunctionProcessContext {
  /** Plans, results, logs and events go here; the processes run in it. */
  readonly workDir: string;
  readonly brokers: readonly string[];
  /** A process still running after this long is killed. */
  readonly childTimeoutMs: number;
  readonly tableName: string;
  /** The functions reach DynamoDB Local through it. */
  readonly recorder: DynamoDbRecorder;
}

/** One invocation of `fn` with the event in `eventFile`, as Lambda would make it through `invokedFunctionArn`. */
export function plannedInvocation(fn: BundledFunction, label: string, eventFile: string, invokedFunctionArn: string): PlannedInvocation {
  return { label, eventFile, invokedFunctionArn, timeoutMs: fn.timeoutSeconds * 1000, memoryMb: fn.memoryMb };
}

/**
 * Runs `fn` in a child named `name` that loads the module and makes `invocations` (none: the cold
 * start alone); its output goes to `<name>.log` in the work directory. `whileRunning` watches the child.
 */
export function runFunction(
  context: FunctionProcessContext,
  name: string,
  fn: BundledFunction,
  invocations: readonly PlannedInvocation[],
  options: { sourceMaps: boolean },
  whileRunning?: (child: ChildProcess) => Promise<void>,
): Promise<ChildFigures> {
  const env = functionEnvironment(context, fn, { sourceMaps: options.sourceMaps, invokes: invocations.length > 0 });
  return runChild(context, name, { module: fn.module, invocations }, env, whileRunning);
}

/**
 * The environment Lambda and the stack would give the function (fake ARNs: nothing calls AWS here).
 * Connector secrets are sealed with a KMS key when deployed; a process that only loads the module
 * gets a key ARN as deployed (the KMS client is made, never called), one that invokes the handler
 * a local key file (the bench connectors have no secrets, so nothing is sealed either way).
 */
function functionEnvironment(
  context: FunctionProcessContext,
  fn: BundledFunction,
  options: { sourceMaps: boolean; invokes: boolean },
): NodeJS.ProcessEnv {
  const controlPlane = {
    COPYCAT_SCHEDULE_GROUP: 'copycat-bench',
    COPYCAT_SOURCE_FUNCTION_ARN: `${ACCOUNT_ARN}:copycat-source-task`,
    COPYCAT_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/copycat-scheduler',
    COPYCAT_SINK_FUNCTION_ARN: `${ACCOUNT_ARN}:copycat-sink-task`,
  };
  return {
    PATH: process.env.PATH,
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: `copycat-${fn.key}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    ...(options.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
    COPYCAT_TABLE_NAME: context.tableName,
    ...(options.invokes
      ? { COPYCAT_SECRETS_KEY_FILE: join(context.workDir, 'secrets.key') }
      : { COPYCAT_SECRETS_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000' }),
    COPYCAT_DYNAMODB_ENDPOINT: context.recorder.endpoint,
    KAFKA_BOOTSTRAP_SERVERS: context.brokers.join(','),
    ...(fn.key === 'reconciler' || fn.key === 'rest-api' ? controlPlane : {}),
  };
}

/** Runs one child with `plan`; its output goes to `<name>.log` in the work directory. */
async function runChild(
  context: FunctionProcessContext,
  name: string,
  plan: Omit<ChildPlan, 'result'>,
  env: NodeJS.ProcessEnv,
  whileRunning?: (child: ChildProcess) => Promise<void>,
): Promise<ChildFigures> {
  const { workDir } = context;
  const planFile = join(workDir, `${name}.plan.json`);
  const result = join(workDir, `${name}.result.json`);
  writeFileSync(planFile, JSON.stringify({ ...plan, result } satisfies ChildPlan));
  const log = createWriteStream(join(workDir, `${name}.log`));
  const child = spawn(process.execPath, [childScript, planFile], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const timer = setTimeout(() => child.kill('SIGKILL'), context.childTimeoutMs);
  try {
    await Promise.all([exited, whileRunning?.(child)]);
  } finally {
    clearTimeout(timer);
  }
  const [code, signal] = await exited;
  if (code !== 0) throw new Error(`${name}: the child exited with ${code ?? signal} (see ${join(workDir, `${name}.log`)})`);
  return JSON.parse(readFileSync(result, 'utf8')) as ChildFigures;
}
