// Apache Kafka Connect 4.3.1 from the Maven Central jars (bench/kafka-connect/pom.xml) and the JDK it runs on.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './settings.ts';

export const KAFKA_CONNECT_VERSION = '4.3.1';

/**
 * The JVM options `bin/connect-standalone.sh` starts Kafka Connect with when nothing overrides
 * them (KAFKA_HEAP_OPTS from connect-standalone.sh, KAFKA_JVM_PERFORMANCE_OPTS from
 * kafka-run-class.sh): the defaults a user of the distribution gets.
 */
export const KAFKA_CONNECT_JVM_OPTIONS: readonly string[] = [
  '-Xms256M',
  '-Xmx2G',
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-Djava.awt.headless=true',
];

export interface KafkaConnectJava {
  readonly command: string;
  readonly version: string;
  readonly jvmOptions: readonly string[];
  readonly classpath: string;
}

let resolved: KafkaConnectJava | undefined;

/**
 * The `java` that plays Kafka Connect (BENCH_JAVA_HOME, else the newest JDK 17+ under
 * /usr/lib/jvm, else JAVA_HOME or `java` on PATH) and the classpath Maven resolves for the pom.
 */
export function kafkaConnectJava(): KafkaConnectJava {
  if (resolved !== undefined) return resolved;
  const home = process.env.BENCH_JAVA_HOME ?? newestJdk() ?? process.env.JAVA_HOME;
  const command = home === undefined ? 'java' : join(home, 'bin', 'java');
  const probe = spawnSync(command, ['-version'], { encoding: 'utf8' });
  if (probe.error !== undefined)
    throw new Error(`Java was not found (${command}): Kafka Connect needs Java 17 or newer. Set BENCH_JAVA_HOME.`);
  const version = probe.stderr.split('\n')[0]?.trim() ?? 'unknown';
  resolved = { command, version, jvmOptions: KAFKA_CONNECT_JVM_OPTIONS, classpath: classpath() };
  return resolved;
}

/** `mvn dependency:build-classpath` over bench/kafka-connect/pom.xml, cached until the pom changes. */
function classpath(): string {
  const cached = join(benchDir, 'work', 'kafka-connect.classpath');
  const pom = join(benchDir, 'kafka-connect', 'pom.xml');
  if (!existsSync(cached) || statSync(cached).mtimeMs < statSync(pom).mtimeMs) {
    mkdirSync(join(benchDir, 'work'), { recursive: true });
    console.error(`resolving Kafka Connect ${KAFKA_CONNECT_VERSION} with Maven …`);
    execFileSync('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cached}`], { stdio: 'inherit' });
  }
  return readFileSync(cached, 'utf8').trim();
}

function newestJdk(): string | undefined {
  const root = '/usr/lib/jvm';
  if (!existsSync(root)) return undefined;
  let best: { major: number; home: string } | undefined;
  for (const entry of readdirSync(root)) {
    const release = join(root, entry, 'release');
    if (!existsSync(release) || !existsSync(join(root, entry, 'bin', 'java'))) continue;
    const major = Number(/JAVA_VERSION="(\d+)/.exec(readFileSync(release, 'utf8'))?.[1] ?? 0);
    if (major >= 17 && (best === undefined || major > best.major)) best = { major, home: join(root, entry) };
  }
  return best?.home;
}
