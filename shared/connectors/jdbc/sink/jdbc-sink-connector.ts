import type { ConfigDef } from '../../../api/config/index.ts';
import type { ConnectorProps, SinkConnector } from '../../../api/connector/connector.ts';
import { configAtStart } from '../config-at-start.ts';
import { addProblem, validateUrl } from '../connection-config.ts';
import { JDBC_CONNECTOR_VERSION } from '../version.ts';
import { SINK_CONFIG_DEF, SinkConfig, sinkCrossKeyProblems } from './sink-config.ts';

export const JDBC_SINK_CONNECTOR = 'io.confluent.connect.jdbc.JdbcSinkConnector';
export const JDBC_SINK_TASK = 'io.confluent.connect.jdbc.sink.JdbcSinkTask';

/** Confluent's `JdbcSinkConnector` for PostgreSQL and MySQL/MariaDB: every task gets the connector's config. */
export class JdbcSinkConnector implements SinkConnector {
  readonly type = 'sink' as const;
  #props: ConnectorProps = {};

  version(): string {
    return JDBC_CONNECTOR_VERSION;
  }

  start(props: ConnectorProps): void {
    configAtStart('JdbcSinkConnector', () => new SinkConfig(props), sinkCrossKeyProblems);
    this.#props = { ...props };
  }

  taskClass(): string {
    return JDBC_SINK_TASK;
  }

  taskConfigs(maxTasks: number): ConnectorProps[] {
    return Array.from({ length: Math.max(1, maxTasks) }, () => ({ ...this.#props }));
  }

  stop(): void {}

  config(): ConfigDef {
    return SINK_CONFIG_DEF;
  }

  validate(props: ConnectorProps): Readonly<Record<string, readonly string[]>> {
    const problems: Record<string, string[]> = {};
    validateUrl(props['connection.url'], problems);
    let config: SinkConfig;
    try {
      config = new SinkConfig(props);
    } catch {
      return problems; // the per-key answer already says what is wrong
    }
    for (const [key, messages] of Object.entries(sinkCrossKeyProblems(config))) addProblem(problems, key, ...messages);
    return problems;
  }
}
