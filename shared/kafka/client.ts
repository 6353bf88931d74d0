import { Kafka, logLevel } from 'kafkajs';

/** How to reach a Kafka cluster. Security settings (TLS, SASL, MSK IAM) arrive with the source runtime. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  readonly clientId?: string;
}

/** The one factory of kafkajs clients in Copycat. */
export function createKafka(connection: KafkaConnection): Kafka {
  return new Kafka({
    brokers: [...connection.brokers],
    clientId: connection.clientId ?? 'copycat',
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}

/** Resolves once the cluster answers a metadata request; rejects with the client's error otherwise. */
export async function probeKafka(brokers: readonly string[]): Promise<void> {
  const admin = createKafka({ brokers, clientId: 'copycat-probe' }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
