// The Kafka Connect side of the differential test: runs cases through Apache Kafka's own converters
// and SMTs (the Java harness in ./java, compiled once against the jars test/differential/pom.xml
// resolves) in a single JVM, and hands back what Kafka produced for every record.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { JsonlRecord } from '../../shared/cli/jsonl-records.ts';
import { CopycatError, EnvironmentError } from '../../shared/errors.ts';

/** One connector config and the records to push through it. */
export interface DifferentialCase {
  name: string;
  /** A flat Kafka Connect connector config: converters, transforms, predicates. */
  config: Record<string, string>;
  records: JsonlRecord[];
  note?: string;
}

/** Kafka Connect's names for the places a record can fail in (`__connect.errors.stage`). */
export type FailureStage = 'KEY_CONVERTER' | 'VALUE_CONVERTER' | 'HEADER_CONVERTER' | 'TRANSFORMATION';

/**
 * What became of one input record, in input order; `offset` is the input record's. For an error,
 * `message` is Java's getMessage(): null when the exception has none (Kafka then omits the
 * `__connect.errors.exception.message` DLQ header).
 */
export type RecordOutcome =
  | { offset: number; outcome: 'record'; record: JsonlRecord }
  | { offset: number; outcome: 'filtered' }
  | { offset: number; outcome: 'error'; stage: FailureStage; exceptionClass: string; message: string | null };

export interface CaseResult {
  name: string;
  /** `<exception class>: <message>` when Kafka rejects the config; then `results` is empty. */
  configError?: string;
  results: RecordOutcome[];
}

export interface BenchResult {
  recordsPerSecond: number;
  records: number;
  seconds: number;
}

/** A corpus case and the corpus file it came from. */
export interface CorpusCase extends DifferentialCase {
  file: string;
}

const harnessDir = import.meta.dirname;
const corpusDir = join(harnessDir, 'corpus');
const pom = join(harnessDir, 'pom.xml');
const sourceRoot = join(harnessDir, 'java');
const targetDir = join(harnessDir, 'target');
const mainClass = 'dev.copycat.differential.Main';
// The same locale and zone for every run: TimestampConverter and TimestampRouter format dates with
// the JVM's defaults where the config does not say otherwise.
const jvmOptions = ['-Duser.timezone=UTC', '-Duser.language=en', '-Duser.country=US'];

/** Every case of every corpus file (test/differential/corpus/*.json), files in name order. */
export function loadCorpus(directory: string = corpusDir): CorpusCase[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const cases = JSON.parse(readFileSync(join(directory, file), 'utf8')) as DifferentialCase[];
      return cases.map((testCase) => ({ ...testCase, file }));
    });
}

/** Runs every case through Kafka Connect's classes in one JVM and returns one result per case, in order. */
export async function runKafkaConnect(cases: DifferentialCase[]): Promise<CaseResult[]> {
  const results = (await runHarness('run', cases, 10 * 60_000)) as CaseResult[];
  if (!Array.isArray(results) || results.length !== cases.length) {
    throw new CopycatError(
      `The Kafka Connect harness answered ${Array.isArray(results) ? results.length : 'no'} results for ${cases.length} cases.`,
    );
  }
  results.forEach((result, index) => {
    if (result.name !== cases[index]?.name) {
      throw new CopycatError(`The Kafka Connect harness answered case "${result.name}" where "${cases[index]?.name}" was expected.`);
    }
  });
  return results;
}

/**
 * Pushes `records` through Kafka Connect's pipeline for `config` again and again on one thread,
 * after a warm-up (2 s by default) for the JIT, and reports the rate over `seconds`.
 */
export async function benchKafkaConnect(
  config: Record<string, string>,
  records: JsonlRecord[],
  seconds: number,
  options: { warmupSeconds?: number } = {},
): Promise<BenchResult> {
  const warmupSeconds = options.warmupSeconds ?? 2;
  const input = { config, records, seconds, warmupSeconds };
  const result = (await runHarness('bench', input, (seconds + warmupSeconds) * 1000 + 120_000)) as BenchResult;
  return { recordsPerSecond: result.recordsPerSecond, records: result.records, seconds: result.seconds };
}

async function runHarness(command: 'run' | 'bench', input: unknown, timeoutMs: number): Promise<unknown> {
  const classpath = await harnessClasspath();
  const work = await mkdtemp(join(tmpdir(), 'copycat-differential-'));
  try {
    const inputFile = join(work, 'input.json');
    const outputFile = join(work, 'output.json');
    await writeFile(inputFile, JSON.stringify(input));
    try {
      await run(javaTool('java'), [...jvmOptions, '-cp', classpath, mainClass, command, inputFile, outputFile], { timeout: timeoutMs });
    } catch (error) {
      if (error instanceof EnvironmentError) throw error;
      throw new CopycatError(`The Kafka Connect harness failed (${command}):\n${processOutput(error)}`, { cause: error });
    }
    return JSON.parse(await readFile(outputFile, 'utf8'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

let compiled: Promise<string> | undefined;

/** The harness's classes plus Kafka's jars, built at most once per process and cached on disk. */
function harnessClasspath(): Promise<string> {
  compiled ??= compileHarness().catch((error: unknown) => {
    compiled = undefined;
    throw error;
  });
  return compiled;
}

/**
 * Compiles the harness unless a build for exactly this pom and these sources exists. The cache key
 * is a hash of both, so editing either rebuilds and a stale build can never be picked up.
 */
async function compileHarness(): Promise<string> {
  const sources = javaSources(sourceRoot);
  const hash = createHash('sha256').update(readFileSync(pom));
  for (const source of sources) hash.update(relative(sourceRoot, source)).update('\0').update(readFileSync(source));
  const buildDir = join(targetDir, hash.digest('hex').slice(0, 16));
  const classes = join(buildDir, 'classes');
  const dependencies = await resolveDependencies(buildDir);
  if (!existsSync(classes)) {
    // Compile beside the final place and rename, so a concurrent run never sees half a build.
    const staging = `${classes}.${process.pid}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      await run(javaTool('javac'), ['--release', '17', '-encoding', 'UTF-8', '-Xlint:all', '-d', staging, '-cp', dependencies, ...sources]);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EnvironmentError(
          'javac was not found. The differential test compiles its Kafka Connect harness with a JDK 17 or newer: install one (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME.',
          { cause: error },
        );
      }
      throw new CopycatError(`javac could not compile the Kafka Connect harness in ${sourceRoot}:\n${processOutput(error)}`, {
        cause: error,
      });
    }
    try {
      renameSync(staging, classes);
    } catch (error) {
      // Another process finished the same build first; its classes are identical.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(classes)) throw error;
    }
    // Builds of earlier sources are dead weight once a new one exists.
    for (const old of readdirSync(targetDir)) {
      if (join(targetDir, old) !== buildDir && /^[0-9a-f]{16}$/.test(old)) rmSync(join(targetDir, old), { recursive: true, force: true });
    }
  }
  return `${classes}:${dependencies}`;
}

/** Maven resolves Kafka's jars into ~/.m2 and writes the classpath; only that file is kept. */
async function resolveDependencies(buildDir: string): Promise<string> {
  const file = join(buildDir, 'classpath.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(buildDir, { recursive: true });
  const staging = `${file}.${process.pid}.tmp`;
  try {
    await run('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${staging}`]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new EnvironmentError(
        'Maven (mvn) was not found on PATH. The differential test resolves Apache Kafka Connect from Maven Central with it: install Maven (e.g. apt-get install maven).',
        { cause: error },
      );
    }
    throw new CopycatError(`Maven could not resolve the Kafka Connect jars from ${pom}:\n${processOutput(error)}`, { cause: error });
  }
  renameSync(staging, file);
  return readFileSync(file, 'utf8').trim();
}

function javaSources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return javaSources(path);
      return name.endsWith('.java') ? [path] : [];
    });
}

/**
 * The JDK that plays Kafka Connect: COPYCAT_REFERENCE_JAVA_HOME, else the newest JDK 19+ installed
 * under /usr/lib/jvm, else JAVA_HOME or the `java` on PATH. Since JDK 19, Double.toString and
 * Float.toString print the shortest text that reads back as the same number (JDK-4511638); JDK 17
 * sometimes adds digits (1.70000004E12 for 1.7E12). Copycat prints the shortest form, as Kafka
 * Connect does on the JDKs it is deployed on today (21, 25), so that is the reference.
 */
function javaTool(name: 'java' | 'javac'): string {
  const home = process.env.COPYCAT_REFERENCE_JAVA_HOME ?? newestModernJdk() ?? process.env.JAVA_HOME;
  return home ? join(home, 'bin', name) : name;
}

let modernJdk: string | null | undefined;

function newestModernJdk(): string | undefined {
  if (modernJdk === undefined) {
    modernJdk = null;
    const root = '/usr/lib/jvm';
    const candidates = existsSync(root) ? readdirSync(root) : [];
    let best = 18;
    for (const entry of candidates) {
      const release = join(root, entry, 'release');
      if (!existsSync(release) || !existsSync(join(root, entry, 'bin', 'javac'))) continue;
      const major = Number(/JAVA_VERSION="(\d+)/.exec(readFileSync(release, 'utf8'))?.[1] ?? 0);
      if (major > best) {
        best = major;
        modernJdk = join(root, entry);
      }
    }
  }
  return modernJdk ?? undefined;
}

function run(command: string, args: string[], options: { timeout?: number } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: options.timeout ?? 0 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && command.endsWith('java')) {
        reject(
          new EnvironmentError(
            `Java was not found (${command}). The differential test runs Apache Kafka Connect on Java 17 or newer: install a JDK or set JAVA_HOME.`,
            { cause: error },
          ),
        );
        return;
      }
      reject(Object.assign(error, { stdout, stderr }));
    });
  });
}

function processOutput(error: unknown): string {
  const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message?: string };
  const output = `${stdout}${stderr}`.trim();
  return output.length > 0 ? output.split('\n').slice(-60).join('\n') : String(message);
}
