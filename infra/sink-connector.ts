import type { Construct } from 'constructs';
import type { SinkConnectorKeys } from './connector-config.ts';
import { ConnectorConstruct, type ConnectorConstructProps } from './connector-construct.ts';

/** Props of {@link SinkConnector}: Kafka Connect's sink connector keys, each named after its key. */
export interface SinkConnectorProps extends ConnectorConstructProps, SinkConnectorKeys {}

/**
 * A sink connector declared in code ("connectors as code"): its config is written to the
 * platform's state table at deploy time and deleted when the construct is removed, and the
 * reconciler gives it an alias `sink-<name>` and one Kafka event source mapping per topic
 * (consumer group `connect-<name>`), like any connector made through the REST API.
 *
 * @example
 * new SinkConnector(this, 'OrdersToPostgres', {
 *   platform,
 *   name: 'orders-to-postgres',
 *   connectorClass: 'io.confluent.connect.jdbc.JdbcSinkConnector',
 *   topics: ['orders'],
 *   errorsTolerance: 'all',
 *   errorsDeadletterqueueTopicName: 'orders-dlq',
 *   config: { 'connection.url': 'jdbc:postgresql://db:5432/shop', 'insert.mode': 'upsert', 'pk.mode': 'record_key' },
 * });
 */
export class SinkConnector extends ConnectorConstruct {
  constructor(scope: Construct, id: string, props: SinkConnectorProps) {
    super(scope, id, 'sink', props);
  }
}
