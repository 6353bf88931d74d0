import { Construct } from 'constructs';
import { type ConnectorProps, connectorConfig, type SinkConnectorKeys } from './connector-config.ts';
import { ConnectorConfigItem } from './connector-config-item.ts';
import type { CopycatPlatform } from './copycat-platform.ts';

/** Props of {@link SinkConnector}: Kafka Connect's sink connector keys, each named after its key. */
export interface SinkConnectorProps extends ConnectorProps, SinkConnectorKeys {
  /** The platform whose state table holds the connector (it may be in another stack of the app). */
  readonly platform: Pick<CopycatPlatform, 'table' | 'configStream'>;
}

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
export class SinkConnector extends Construct {
  /** The connector name. */
  readonly connectorName: string;
  /** The config as written (`name` included). */
  readonly config: Readonly<Record<string, string>>;
  readonly configItem: ConnectorConfigItem;

  constructor(scope: Construct, id: string, props: SinkConnectorProps) {
    super(scope, id);
    this.connectorName = props.name;
    this.config = connectorConfig(this, 'sink', props);
    this.configItem = new ConnectorConfigItem(this, 'Config', {
      table: props.platform.table,
      name: props.name,
      config: this.config,
      ...(props.targetState === undefined ? {} : { targetState: props.targetState }),
      after: props.platform.configStream,
    });
  }
}
