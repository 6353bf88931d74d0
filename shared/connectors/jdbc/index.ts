// Confluent's JDBC source and sink connectors for PostgreSQL and MySQL/MariaDB.
import type { PluginDescriptor } from '../../plugins/plugin.ts';
import type { SinkPluginDescriptor } from '../../runtime/sink/sink-plugin.ts';
import type { SourcePluginDescriptor } from '../../runtime/source/source-plugin.ts';
import { JDBC_SINK_CONNECTOR, JdbcSinkConnector } from './sink/jdbc-sink-connector.ts';
import { JdbcSinkTask } from './sink/jdbc-sink-task.ts';
import { JDBC_SOURCE_CONNECTOR, JdbcSourceConnector } from './source/jdbc-source-connector.ts';
import { JdbcSourceTask } from './source/jdbc-source-task.ts';

export { type ConnectionOptions, parseJdbcUrl, sanitizeUrl } from './dialect/connection-url.ts';
export { JDBC_SINK_CONNECTOR, JDBC_SINK_TASK, JdbcSinkConnector } from './sink/jdbc-sink-connector.ts';
export { JdbcSinkTask } from './sink/jdbc-sink-task.ts';
export { EXACTLY_ONCE, OFFSETS_TABLE } from './sink/sink-config.ts';
export { JDBC_SOURCE_CONNECTOR, JDBC_SOURCE_TASK, JdbcSourceConnector } from './source/jdbc-source-connector.ts';
export { JdbcSourceTask } from './source/jdbc-source-task.ts';

const sourcePlugin: SourcePluginDescriptor = {
  kind: 'source',
  className: JDBC_SOURCE_CONNECTOR,
  create: () => new JdbcSourceConnector(),
  createTask: () => new JdbcSourceTask(),
};

/** The JDBC connectors, by Confluent's class names (and the simple names as aliases). */
const sinkPlugin: SinkPluginDescriptor = {
  kind: 'sink',
  className: JDBC_SINK_CONNECTOR,
  create: () => new JdbcSinkConnector(),
  createTask: () => new JdbcSinkTask(),
};

export const jdbcPlugins: PluginDescriptor[] = [sourcePlugin, sinkPlugin];
