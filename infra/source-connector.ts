import type { Construct } from 'constructs';
import type { SourceConnectorKeys } from './connector-config.ts';
import { ConnectorConstruct, type ConnectorConstructProps } from './connector-construct.ts';

/** Props of {@link SourceConnector}: Kafka Connect's source connector keys, each named after its key. */
export interface SourceConnectorProps extends ConnectorConstructProps, SourceConnectorKeys {}

/**
 * A source connector declared in code ("connectors as code"): its config is written to the
 * platform's state table at deploy time and deleted when the construct is removed, and the
 * reconciler schedules its tasks like those of any connector made through the REST API.
 *
 * @example
 * new SourceConnector(this, 'Orders', {
 *   platform,
 *   name: 'orders-source',
 *   connectorClass: 'io.confluent.connect.jdbc.JdbcSourceConnector',
 *   tasksMax: 2,
 *   config: { 'connection.url': 'jdbc:postgresql://db:5432/shop', mode: 'incrementing', 'incrementing.column.name': 'id', 'topic.prefix': 'shop-' },
 * });
 */
export class SourceConnector extends ConnectorConstruct {
  constructor(scope: Construct, id: string, props: SourceConnectorProps) {
    super(scope, id, 'source', props);
  }
}
