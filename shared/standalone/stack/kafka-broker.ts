import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { probeKafka } from '../../kafka/client.ts';
import type { JavaServiceSpec, ServiceContext } from './java-service.ts';
import { projectRoot } from './stack-paths.ts';

const run = promisify(execFile);

export const kafkaPort = 9092;
const controllerPort = 9093;

/** A single-node KRaft broker from the Apache Kafka jars, sized for tests on a small machine. */
export const kafkaBroker: JavaServiceSpec = {
  name: 'kafka',
  profile: 'kafka',
  overrideVariable: 'KAFKA_BROKERS',
  title: 'Apache Kafka broker',
  mainClass: 'kafka.Kafka',
  ports: [kafkaPort, controllerPort],
  jvmOptions: () => ['-Xms256m', '-Xmx1g', `-Dlog4j2.configurationFile=${projectRoot}stack/log4j2.properties`],
  args: (ctx) => [propertiesFile(ctx)],
  prepare: async (ctx) => {
    writeFileSync(propertiesFile(ctx), serverProperties(ctx.dataDir));
    if (existsSync(`${ctx.dataDir}/meta.properties`)) return;
    await run(ctx.java, [
      '-cp',
      ctx.classpath,
      'kafka.tools.StorageTool',
      'format',
      '--standalone',
      '-t',
      clusterId(),
      '-c',
      propertiesFile(ctx),
    ]);
  },
  probe: () => probeKafka([`127.0.0.1:${kafkaPort}`]),
  startTimeoutMs: 90_000,
};

const propertiesFile = (ctx: ServiceContext) => `${ctx.dataDir}/../server.properties`;

function serverProperties(dataDir: string): string {
  return `${[
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${kafkaPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    // One node: every internal topic has one replica, and fewer partitions start faster.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=5',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
  ].join('\n')}\n`;
}

// Kafka's Uuid: 16 random bytes in URL-safe base64; one starting with "-" would read as a flag.
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
