import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { EnvironmentError } from '../../errors.ts';
import { isPortOpen } from './port.ts';
import { stackDataDir, stackPom } from './stack-paths.ts';

const run = promisify(execFile);

/** A JVM service of the local stack, resolved by Maven and run as a detached process. */
export interface JavaServiceSpec {
  /** Short name: its folder under `.stack/` and the marker on its command line. */
  readonly name: string;
  /** The Maven profile in `stack/pom.xml` that lists its jars. */
  readonly profile: string;
  /** The environment variable that points Copycat at an instance it does not run. */
  readonly overrideVariable: string;
  /** What people call it in messages. */
  readonly title: string;
  readonly mainClass: string;
  /** Every TCP port the service listens on; the first is the one clients use. */
  readonly ports: readonly number[];
  readonly jvmOptions: (ctx: ServiceContext) => string[];
  readonly args: (ctx: ServiceContext) => string[];
  /** One-time preparation of the data folder (e.g. formatting Kafka's log dir). */
  readonly prepare?: (ctx: ServiceContext) => Promise<void>;
  /** Resolves once the service answers real requests; rejects while it does not yet. */
  readonly probe: () => Promise<void>;
  readonly startTimeoutMs: number;
}

export interface ServiceContext {
  readonly dataDir: string;
  readonly classpath: string;
  readonly java: string;
}

export type ServiceOutcome = 'started' | 'reused';

// Every process we start carries this marker, so "is that ours?" survives a lost pid file.
const marker = (name: string) => `-Dcopycat.stack=${name}`;

export async function startService(spec: JavaServiceSpec): Promise<ServiceOutcome> {
  const dir = `${stackDataDir}/${spec.name}`;
  const running = await findOurProcess(spec.name);
  if (running !== undefined) {
    await waitUntilReady(spec, running, dir);
    return 'reused';
  }
  for (const port of spec.ports) {
    if (await isPortOpen(port)) {
      throw new EnvironmentError(
        `Port ${port} (${spec.title}) is held by a process Copycat did not start. ` +
          `Stop that process, or point Copycat at it with ${spec.overrideVariable}.`,
      );
    }
  }
  const java = await requireJava();
  const classpath = await resolveClasspath(spec.profile);
  mkdirSync(`${dir}/data`, { recursive: true });
  const ctx: ServiceContext = { dataDir: `${dir}/data`, classpath, java };
  await spec.prepare?.(ctx);

  const log = openSync(`${dir}/service.log`, 'w');
  const child = spawn(java, [marker(spec.name), ...spec.jvmOptions(ctx), '-cp', classpath, spec.mainClass, ...spec.args(ctx)], {
    detached: true,
    stdio: ['ignore', log, log],
    cwd: dir,
  });
  if (child.pid === undefined) throw new EnvironmentError(`Could not start ${spec.title} with ${java}.`);
  child.unref();
  writeFileSync(`${dir}/pid`, String(child.pid));
  await waitUntilReady(spec, child.pid, dir);
  return 'started';
}

/** Stops the service if we run it. Returns whether there was one to stop. */
export async function stopService(name: string): Promise<boolean> {
  const pid = await findOurProcess(name);
  rmSync(`${stackDataDir}/${name}/pid`, { force: true });
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

async function waitUntilReady(spec: JavaServiceSpec, pid: number, dir: string): Promise<void> {
  const deadline = Date.now() + spec.startTimeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new EnvironmentError(`${spec.title} exited while starting. Last lines of ${dir}/service.log:\n${tail(dir)}`);
    }
    try {
      await spec.probe();
      return;
    } catch (error) {
      lastError = error;
      await sleep(300);
    }
  }
  process.kill(pid, 'SIGKILL');
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new EnvironmentError(
    `${spec.title} did not answer within ${spec.startTimeoutMs / 1000} s (last probe: ${reason}); it was stopped. ` +
      `Last lines of ${dir}/service.log:\n${tail(dir)}`,
  );
}

async function findOurProcess(name: string): Promise<number | undefined> {
  const pidFile = `${stackDataDir}/${name}/pid`;
  const fromFile = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
  if (Number.isInteger(fromFile) && (await commandLineOf(fromFile))?.includes(marker(name))) return fromFile;
  // The pid file may be gone (a wiped checkout) while the process lives on: look for the marker.
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']).catch(() => ({ stdout: '' }));
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match?.[2]?.includes(`${marker(name)} `)) return Number(match[1]);
  }
  return undefined;
}

async function commandLineOf(pid: number): Promise<string | undefined> {
  try {
    const { stdout } = await run('ps', ['-o', 'args=', '-p', String(pid)]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function requireJava(): Promise<string> {
  const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
  let version: string;
  try {
    const { stderr, stdout } = await run(java, ['-version']);
    version = `${stderr}${stdout}`;
  } catch (cause) {
    throw new EnvironmentError(
      `Java was not found (${java}). The local stack runs Kafka and DynamoDB Local on Java 17 or newer: install a JDK (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME.`,
      { cause },
    );
  }
  const major = Number(/version "(\d+)/.exec(version)?.[1] ?? 0);
  if (major < 17) {
    throw new EnvironmentError(`Java ${major || '(unknown version)'} found at ${java}; the local stack needs Java 17 or newer.`);
  }
  return java;
}

/**
 * The jars come from Maven Central through Maven into ~/.m2; we keep only the resulting
 * classpath, keyed by the pom's content so a version bump resolves again.
 */
async function resolveClasspath(profile: string): Promise<string> {
  const pomHash = createHash('sha256').update(readFileSync(stackPom)).digest('hex').slice(0, 16);
  const cached = `${stackDataDir}/${profile}/classpath-${pomHash}.txt`;
  if (existsSync(cached)) return readFileSync(cached, 'utf8').trim();
  mkdirSync(`${stackDataDir}/${profile}`, { recursive: true });
  try {
    await run('mvn', ['-q', '-B', '-f', stackPom, '-P', profile, 'dependency:build-classpath', `-Dmdep.outputFile=${cached}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new EnvironmentError(
        'Maven (mvn) was not found on PATH. The local stack resolves Kafka and DynamoDB Local from Maven Central with it: install Maven (e.g. apt-get install maven).',
        { cause: error },
      );
    }
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    throw new EnvironmentError(
      `Maven could not resolve the ${profile} jars from ${stackPom}:\n${output.trim().split('\n').slice(-15).join('\n')}`,
      {
        cause: error,
      },
    );
  }
  return readFileSync(cached, 'utf8').trim();
}

function tail(dir: string, lines = 25): string {
  const file = `${dir}/service.log`;
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
