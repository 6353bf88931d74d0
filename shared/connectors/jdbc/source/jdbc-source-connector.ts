import type { ConfigDef } from '../../../api/config/index.ts';
import type { ConnectorProps, SourceConnector } from '../../../api/connector/connector.ts';
import { configAtStart } from '../config-at-start.ts';
import { addProblem, databaseAccess, validateUrl } from '../connection-config.ts';
import type { TableId } from '../dialect/table-id.ts';
import { JDBC_CONNECTOR_VERSION } from '../version.ts';
import {
  CATALOG_PATTERN,
  INCREMENTING_COLUMN_MAPPING,
  INCREMENTING_COLUMN_NAME,
  MODE,
  QUERY,
  SCHEMA_PATTERN,
  SOURCE_CONFIG_DEF,
  SourceConfig,
  TABLE_BLACKLIST,
  TABLE_EXCLUDE_LIST,
  TABLE_INCLUDE_LIST,
  TABLE_WHITELIST,
  TABLES,
  TABLES_FETCHED,
  TASK_ID,
  TIMESTAMP_COLUMN_NAME,
  TIMESTAMP_COLUMNS_MAPPING,
  usesIncrementing,
  usesTimestamp,
} from './source-config.ts';
import { groupPartitions, selectTables, type TableFilter } from './table-selection.ts';

export const JDBC_SOURCE_CONNECTOR = 'io.confluent.connect.jdbc.JdbcSourceConnector';
export const JDBC_SOURCE_TASK = 'io.confluent.connect.jdbc.source.JdbcSourceTask';

/**
 * Confluent's `JdbcSourceConnector` for PostgreSQL and MySQL/MariaDB: lists the tables to copy
 * when it starts and spreads them over at most `tasks.max` tasks (each task config gets a
 * `tables` list), or gives the custom `query` to a single task. Copycat has no table-monitor
 * thread: the table list is refreshed whenever the connector is started again (config change,
 * restart).
 */
export class JdbcSourceConnector implements SourceConnector {
  readonly type = 'source' as const;
  #props: ConnectorProps = {};
  #tables: TableId[] = [];
  #quoted: (id: TableId) => string = (id) => id.table;

  version(): string {
    return JDBC_CONNECTOR_VERSION;
  }

  async start(props: ConnectorProps): Promise<void> {
    const config = configAtStart('JdbcSourceConnector', () => new SourceConfig(props), crossKeyProblems);
    this.#props = { ...props };
    this.#tables = [];
    if (config.query !== '') return;
    const access = databaseAccess(config);
    this.#quoted = (id) => access.dialect.table(id);
    const client = await access.connect('copycat-jdbc-source-connector');
    try {
      const listed = await access.dialect.listTables(client, {
        catalogPattern: config.getString(CATALOG_PATTERN),
        schemaPattern: config.getString(SCHEMA_PATTERN),
        tableTypes: config.tableTypes,
      });
      this.#tables = selectTables(listed, tableFilter(config), access.dialect);
    } finally {
      await client.end();
    }
  }

  taskClass(): string {
    return JDBC_SOURCE_TASK;
  }

  taskConfigs(maxTasks: number): ConnectorProps[] {
    if ((this.#props[QUERY] ?? '').trim() !== '' || this.#tables.length === 0) {
      return [{ ...this.#props, [TABLES]: '', [TABLES_FETCHED]: 'true' }];
    }
    const groups = groupPartitions(this.#tables, Math.min(this.#tables.length, Math.max(1, maxTasks)));
    return groups.map((tables, taskId) => ({
      ...this.#props,
      [TABLES]: tables.map(this.#quoted).join(','),
      [TABLES_FETCHED]: 'true',
      [TASK_ID]: String(taskId),
    }));
  }

  stop(): void {
    this.#tables = [];
  }

  config(): ConfigDef {
    return SOURCE_CONFIG_DEF;
  }

  validate(props: ConnectorProps): Readonly<Record<string, readonly string[]>> {
    const problems: Record<string, string[]> = {};
    validateUrl(props['connection.url'], problems);
    let config: SourceConfig;
    try {
      config = new SourceConfig(props);
    } catch {
      return problems; // the per-key answer already says what is wrong
    }
    for (const [key, messages] of Object.entries(crossKeyProblems(config))) addProblem(problems, key, ...messages);
    return problems;
  }
}

function tableFilter(config: SourceConfig): TableFilter {
  return {
    whitelist: config.getList(TABLE_WHITELIST) ?? [],
    blacklist: config.getList(TABLE_BLACKLIST) ?? [],
    includeList: config.getList(TABLE_INCLUDE_LIST) ?? [],
    excludeList: config.getList(TABLE_EXCLUDE_LIST) ?? [],
  };
}

/** The checks that involve more than one key (Confluent's `JdbcSourceConnectorValidation`). */
export function crossKeyProblems(config: SourceConfig): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (key: string, message: string) => addProblem(problems, key, message);
  const mode = config.mode;
  const filter = tableFilter(config);
  const incrementingName = (config.getString(INCREMENTING_COLUMN_NAME) ?? '').trim();
  const timestampNames = (config.getList(TIMESTAMP_COLUMN_NAME) ?? []).filter((name) => name.trim() !== '');
  const incrementingMapping = config.getList(INCREMENTING_COLUMN_MAPPING) ?? [];
  const timestampMapping = config.getList(TIMESTAMP_COLUMNS_MAPPING) ?? [];
  const legacy = filter.whitelist.length > 0 || filter.blacklist.length > 0 || incrementingName !== '' || timestampNames.length > 0;
  const modern =
    filter.includeList.length > 0 || filter.excludeList.length > 0 || incrementingMapping.length > 0 || timestampMapping.length > 0;

  if (mode === '') add(MODE, 'A mode must be set: bulk, incrementing, timestamp or timestamp+incrementing.');
  if (filter.whitelist.length > 0 && filter.blacklist.length > 0) {
    add(TABLE_WHITELIST, `${TABLE_WHITELIST} and ${TABLE_BLACKLIST} are exclusive.`);
    add(TABLE_BLACKLIST, `${TABLE_WHITELIST} and ${TABLE_BLACKLIST} are exclusive.`);
  }
  if (config.query !== '') {
    const tableKeys = [TABLE_WHITELIST, TABLE_BLACKLIST, TABLE_INCLUDE_LIST, TABLE_EXCLUDE_LIST].filter(
      (key) => (config.getList(key) ?? []).length > 0,
    );
    for (const key of tableKeys) add(key, `Do not specify table filtering configs with '${QUERY}'.`);
    if (tableKeys.length > 0) add(QUERY, `Do not specify table filtering configs with '${QUERY}'.`);
    if (!/^\s*SELECT\b/is.test(config.query)) add(QUERY, `Only SELECT statements are supported for '${QUERY}'.`);
    if (usesIncrementing(mode) && incrementingName === '')
      add(INCREMENTING_COLUMN_NAME, `Mode ${mode} with a query needs ${INCREMENTING_COLUMN_NAME}.`);
    if (usesTimestamp(mode) && timestampNames.length === 0)
      add(TIMESTAMP_COLUMN_NAME, `Mode ${mode} with a query needs ${TIMESTAMP_COLUMN_NAME}.`);
    return problems;
  }
  if (legacy && modern) {
    const message =
      'Cannot mix legacy and new configuration approaches: table.whitelist, table.blacklist, timestamp.column.name and incrementing.column.name cannot be used with table.include.list, table.exclude.list, timestamp.columns.mapping and incrementing.column.mapping.';
    for (const key of [
      TABLE_WHITELIST,
      TABLE_BLACKLIST,
      TABLE_INCLUDE_LIST,
      TABLE_EXCLUDE_LIST,
      INCREMENTING_COLUMN_MAPPING,
      TIMESTAMP_COLUMNS_MAPPING,
    ]) {
      if ((config.getList(key) ?? []).length > 0) add(key, message);
    }
    if (incrementingName !== '') add(INCREMENTING_COLUMN_NAME, message);
    if (timestampNames.length > 0) add(TIMESTAMP_COLUMN_NAME, message);
  }
  if (filter.excludeList.length > 0 && filter.includeList.length === 0) {
    add(TABLE_EXCLUDE_LIST, `${TABLE_EXCLUDE_LIST} cannot be used without ${TABLE_INCLUDE_LIST}.`);
  }
  for (const key of [TABLE_INCLUDE_LIST, TABLE_EXCLUDE_LIST]) {
    for (const pattern of config.getList(key) ?? []) {
      try {
        new RegExp(pattern);
      } catch (error) {
        add(key, `Invalid regular expression ${pattern}: ${(error as Error).message}`);
      }
    }
  }
  if (modern) {
    if (usesTimestamp(mode) && timestampNames.length === 0 && timestampMapping.length === 0) {
      add(MODE, `Timestamp column configuration must be provided when using mode '${mode}'. Provide '${TIMESTAMP_COLUMNS_MAPPING}'.`);
    }
    if (!usesTimestamp(mode) && timestampMapping.length > 0)
      add(MODE, `Remove '${TIMESTAMP_COLUMNS_MAPPING}': mode '${mode}' reads no timestamp.`);
    if (!usesIncrementing(mode) && incrementingMapping.length > 0)
      add(MODE, `Remove '${INCREMENTING_COLUMN_MAPPING}': mode '${mode}' reads no incrementing column.`);
  } else if (usesTimestamp(mode) && timestampNames.length === 0) {
    add(TIMESTAMP_COLUMN_NAME, `Mode ${mode} needs ${TIMESTAMP_COLUMN_NAME}.`);
  }
  return problems;
}
