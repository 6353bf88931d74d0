import { EnvironmentError } from '../../errors.ts';
import { probeKafka } from '../../kafka/client.ts';
import { probeDynamoDb } from '../../stores/dynamodb/client.ts';
import { dynamoDbLocal, dynamoDbPort } from './dynamodb-local.ts';
import { type JavaServiceSpec, startService, stopService } from './java-service.ts';
import { kafkaBroker, kafkaPort } from './kafka-broker.ts';
import { isPortOpen } from './port.ts';

/** Where the local stack's services are, from the environment or the defaults we start. */
export interface StackAddresses {
  readonly kafkaBrokers: readonly string[];
  readonly dynamoDbEndpoint: string;
  readonly postgresUrl: string;
  readonly mariadbUrl: string;
}

export interface ServiceReport {
  readonly name: string;
  readonly title: string;
  readonly address: string;
  /** started / reused: ours; external: given by the environment; machine: used as it is. */
  readonly outcome: 'started' | 'reused' | 'external' | 'machine';
  readonly note?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function stackAddresses(env: Env = process.env): StackAddresses {
  return {
    kafkaBrokers: parseBrokers(env.KAFKA_BROKERS) ?? [`127.0.0.1:${kafkaPort}`],
    dynamoDbEndpoint: parseEndpoint(env.DYNAMODB_ENDPOINT) ?? `http://127.0.0.1:${dynamoDbPort}`,
    postgresUrl: env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    mariadbUrl: env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test',
  };
}

/**
 * Brings the stack up: starts (or reuses) the broker and DynamoDB Local unless the environment
 * points at others, and waits until each answers real requests. PostgreSQL and MariaDB run on
 * the machine already; they are only checked.
 */
export async function stackUp(env: Env = process.env): Promise<ServiceReport[]> {
  const addresses = stackAddresses(env);
  const [kafka, dynamo] = await Promise.all([
    bringUp(kafkaBroker, env.KAFKA_BROKERS, addresses.kafkaBrokers.join(','), () => probeKafka(addresses.kafkaBrokers)),
    bringUp(dynamoDbLocal, env.DYNAMODB_ENDPOINT, addresses.dynamoDbEndpoint, () => probeDynamoDb(addresses.dynamoDbEndpoint)),
  ]);
  return [
    kafka,
    dynamo,
    await machineService('postgres', 'PostgreSQL', addresses.postgresUrl),
    await machineService('mariadb', 'MariaDB', addresses.mariadbUrl),
  ];
}

/** Stops what the stack started (or only the named services); returns the titles of those it stopped. */
export async function stackDown(only?: readonly string[]): Promise<string[]> {
  const stopped: string[] = [];
  for (const spec of [kafkaBroker, dynamoDbLocal].filter((s) => only === undefined || only.includes(s.name))) {
    if (await stopService(spec.name)) stopped.push(spec.title);
  }
  return stopped;
}

async function bringUp(
  spec: JavaServiceSpec,
  external: string | undefined,
  address: string,
  probe: () => Promise<void>,
): Promise<ServiceReport> {
  if (external === undefined) return { name: spec.name, title: spec.title, address, outcome: await startService(spec) };
  const variable = spec.overrideVariable;
  try {
    await withTimeout(probe(), 15_000);
  } catch (cause) {
    throw new EnvironmentError(
      `${spec.title} at ${address} (from ${variable}) does not answer: ${(cause as Error).message}. Fix ${variable} or unset it to let Copycat start its own.`,
      {
        cause,
      },
    );
  }
  return { name: spec.name, title: spec.title, address, outcome: 'external' };
}

async function machineService(name: string, title: string, url: string): Promise<ServiceReport> {
  const { hostname, port } = new URL(url);
  const reachable = await isPortOpen(Number(port), hostname);
  return { name, title, address: url, outcome: 'machine', note: reachable ? undefined : 'not reachable: the tests that need it will fail' };
}

function parseBrokers(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const brokers = value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const bad = brokers.find((broker) => !/^[^:\s]+:\d+$/.test(broker));
  if (brokers.length === 0 || bad !== undefined) {
    throw new EnvironmentError(`KAFKA_BROKERS="${value}" is not a comma-separated list of host:port (e.g. 127.0.0.1:9092).`);
  }
  return brokers;
}

function parseEndpoint(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new EnvironmentError(`DYNAMODB_ENDPOINT="${value}" is not an http(s) URL (e.g. http://127.0.0.1:8000).`);
  }
  return value;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
