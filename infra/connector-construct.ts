import { Construct } from 'constructs';
import { type ConnectorProps, connectorConfig, type SinkConnectorKeys, type SourceConnectorKeys } from './connector-config.ts';
import { ConnectorConfigItem } from './connector-config-item.ts';
import type { CopycatPlatform } from './copycat-platform.ts';

/** What every connector construct takes besides its Kafka Connect keys. */
export interface ConnectorConstructProps extends ConnectorProps {
  /** The platform whose state table holds the connector (it may be in another stack of the app). */
  readonly platform: Pick<CopycatPlatform, 'table' | 'configStream'>;
}

/**
 * What SourceConnector and SinkConnector share: the Kafka Connect config built from the props,
 * written to the platform's state table at deploy time and deleted with the construct.
 */
export abstract class ConnectorConstruct extends Construct {
  /** The connector name. */
  readonly connectorName: string;
  /** The config as written (`name` included). */
  readonly config: Readonly<Record<string, string>>;
  readonly configItem: ConnectorConfigItem;

  protected constructor(
    scope: Construct,
    id: string,
    kind: 'source' | 'sink',
    props: ConnectorConstructProps & SinkConnectorKeys & SourceConnectorKeys,
  ) {
    super(scope, id);
    this.connectorName = props.name;
    this.config = connectorConfig(this, kind, props);
    this.configItem = new ConnectorConfigItem(this, 'Config', {
      table: props.platform.table,
      name: props.name,
      config: this.config,
      ...(props.targetState === undefined ? {} : { targetState: props.targetState }),
      after: props.platform.configStream,
    });
  }
}
