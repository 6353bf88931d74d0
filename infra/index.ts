// Copycat's CDK constructs, for apps that deploy the platform or declare connectors as code.
export { APP_CONTEXT_KEYS, addCopycatStack, platformPropsFromContext } from './app-context.ts';
export type { ConnectorPluginConfig, ConnectorProps, SinkConnectorKeys, SourceConnectorKeys } from './connector-config.ts';
export { ConnectorConfigItem, type ConnectorConfigItemProps, connectorConfigWrite } from './connector-config-item.ts';
export { ConnectorConstruct, type ConnectorConstructProps } from './connector-construct.ts';
export { COPYCAT_RUNTIME, CopycatFunction, type CopycatFunctionOptions, type CopycatFunctionProps } from './copycat-function.ts';
export { CopycatPlatform, type CopycatPlatformProps } from './copycat-platform.ts';
export { CopycatCustomResourceSupport } from './custom-resource-support.ts';
export { InfraValidationError } from './errors.ts';
export type { CopycatKafkaProps, KafkaConnectionPlan } from './kafka-connection.ts';
export {
  allConnectorsQuery,
  CONNECTOR_DIMENSION,
  COPYCAT_NAMESPACE,
  type CopycatMetricDefinition,
  copycatMetrics,
  LAMBDA_NAMESPACE,
  lambdaDimensions,
  lambdaMetricNames,
} from './metrics.ts';
export { CopycatMonitoring, type CopycatMonitoringProps } from './monitoring.ts';
export { CopycatRestApi, type CopycatRestApiProps } from './rest-api.ts';
export { SinkConnector, type SinkConnectorProps } from './sink-connector.ts';
export { SourceConnector, type SourceConnectorProps } from './source-connector.ts';
export { CopycatStateTable, type CopycatStateTableProps } from './state-table.ts';
