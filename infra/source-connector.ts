import { Construct } from 'constructs';
import { type ConnectorProps, connectorConfig, type SourceConnectorKeys } from './connector-config.ts';
import { ConnectorConfigItem } from './connector-config-item.ts';
import type { CopycatPlatform } from './copycat-platform.ts';

/** Props of {@link SourceConnector}: Kafka Connect's source connector keys, each named after its key. */
export interface SourceConnectorProps extends ConnectorProps, SourceConnectorKeys {
  /** The platform whose state table holds the connector (it may be in another stack of the app). */
  readonly platform: Pick<CopycatPlatform, 'table' | 'configStream'>;
}

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
export class SourceConnector extends Construct {
  /** The connector name. */
  readonly connectorName: string;
  /** The config as written (`name` included). */
  readonly config: Readonly<Record<string, string>>;
  readonly configItem: ConnectorConfigItem;

  constructor(scope: Construct, id: string, props: SourceConnectorProps) {
    super(scope, id);
    this.connectorName = props.name;
    this.config = connectorConfig(this, 'source', props);
    this.configItem = new ConnectorConfigItem(this, 'Config', {
      table: props.platform.table,
      name: props.name,
      config: this.config,
      ...(props.targetState === undefined ? {} : { targetState: props.targetState }),
      after: props.platform.configStream,
    });
  }
}
