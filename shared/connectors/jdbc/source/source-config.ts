import {
  AbstractConfig,
  ConfigDef,
  type ConfigProps,
  Importance,
  type Importance as ImportanceLevel,
  Range,
  Type,
  ValidString,
  Width,
} from '../../../api/config/index.ts';
import { defineConnectionKeys } from '../connection-config.ts';

export const MODE = 'mode';
export const INCREMENTING_COLUMN_NAME = 'incrementing.column.name';
export const INCREMENTING_COLUMN_MAPPING = 'incrementing.column.mapping';
export const TIMESTAMP_COLUMN_NAME = 'timestamp.column.name';
export const TIMESTAMP_COLUMNS_MAPPING = 'timestamp.columns.mapping';
export const TIMESTAMP_INITIAL = 'timestamp.initial';
export const TIMESTAMP_DELAY_INTERVAL_MS = 'timestamp.delay.interval.ms';
export const TIMESTAMP_GRANULARITY = 'timestamp.granularity';
export const VALIDATE_NON_NULL = 'validate.non.null';
export const TABLE_WHITELIST = 'table.whitelist';
export const TABLE_BLACKLIST = 'table.blacklist';
export const TABLE_INCLUDE_LIST = 'table.include.list';
export const TABLE_EXCLUDE_LIST = 'table.exclude.list';
export const CATALOG_PATTERN = 'catalog.pattern';
export const SCHEMA_PATTERN = 'schema.pattern';
export const TABLE_TYPES = 'table.types';
export const NUMERIC_PRECISION_MAPPING = 'numeric.precision.mapping';
export const NUMERIC_MAPPING = 'numeric.mapping';
export const QUERY = 'query';
export const QUERY_SUFFIX = 'query.suffix';
export const QUERY_RETRY_ATTEMPTS = 'query.retry.attempts';
export const TOPIC_PREFIX = 'topic.prefix';
export const POLL_INTERVAL_MS = 'poll.interval.ms';
export const BATCH_MAX_ROWS = 'batch.max.rows';
export const TABLE_POLL_INTERVAL_MS = 'table.poll.interval.ms';
export const TRANSACTION_ISOLATION_MODE = 'transaction.isolation.mode';
/** Task-only keys the connector adds (Confluent's `JdbcSourceTaskConfig`). */
export const TABLES = 'tables';
export const TABLES_FETCHED = 'tables.fetched';
export const TASK_ID = 'task.id';

export const MODE_BULK = 'bulk';
export const MODE_INCREMENTING = 'incrementing';
export const MODE_TIMESTAMP = 'timestamp';
export const MODE_TIMESTAMP_INCREMENTING = 'timestamp+incrementing';
export type SourceMode = typeof MODE_BULK | typeof MODE_INCREMENTING | typeof MODE_TIMESTAMP | typeof MODE_TIMESTAMP_INCREMENTING;

const DATABASE_GROUP = 'Database';
const MODE_GROUP = 'Mode';
const CONNECTOR_GROUP = 'Connector';

function listKey(name: string, documentation: string, group: string, order: number, importance: ImportanceLevel = Importance.MEDIUM) {
  return { name, type: Type.LIST, defaultValue: '', importance, documentation, group, orderInGroup: order, width: Width.LONG };
}

/**
 * The JDBC source's config keys (Confluent's `JdbcSourceConnectorConfig`), each declared once.
 * The task receives the same map plus `tables`, `tables.fetched` and `task.id`.
 */
export const SOURCE_CONFIG_DEF: ConfigDef = (() => {
  const def = defineConnectionKeys(new ConfigDef(), DATABASE_GROUP);
  let order = 100;
  def
    .define(
      listKey(
        TABLE_WHITELIST,
        'List of tables to include in copying (table name, schema.table or the fully qualified name). If specified, table.blacklist may not be set.',
        DATABASE_GROUP,
        ++order,
      ),
    )
    .define(
      listKey(
        TABLE_BLACKLIST,
        'List of tables to exclude from copying. If specified, table.whitelist may not be set.',
        DATABASE_GROUP,
        ++order,
      ),
    )
    .define(
      listKey(
        TABLE_INCLUDE_LIST,
        'List of regular expressions matching the fully qualified names (schema.table, or database.table for MySQL) of the tables to copy. Cannot be combined with table.whitelist, table.blacklist, incrementing.column.name or timestamp.column.name.',
        DATABASE_GROUP,
        ++order,
      ),
    )
    .define(
      listKey(
        TABLE_EXCLUDE_LIST,
        'List of regular expressions for tables to leave out of those table.include.list matches. Requires table.include.list.',
        DATABASE_GROUP,
        ++order,
      ),
    )
    .define({
      name: CATALOG_PATTERN,
      type: Type.STRING,
      defaultValue: null,
      importance: Importance.MEDIUM,
      documentation:
        'Catalog (MySQL database) pattern, as in SQL LIKE, to fetch table metadata from. Null (default): the database of the URL.',
      group: DATABASE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: SCHEMA_PATTERN,
      type: Type.STRING,
      defaultValue: null,
      importance: Importance.HIGH,
      documentation: 'Schema pattern, as in SQL LIKE, to fetch table metadata from. Null (default): every schema.',
      group: DATABASE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: NUMERIC_PRECISION_MAPPING,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.LOW,
      documentation: 'Deprecated: whether to map NUMERIC values by precision to integral types. Use numeric.mapping instead.',
      group: DATABASE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: NUMERIC_MAPPING,
      type: Type.STRING,
      defaultValue: null,
      validator: {
        ensureValid: (name, value) => {
          if (value !== null) ValidString.in('none', 'precision_only', 'best_fit', 'best_fit_eager_double').ensureValid(name, value);
        },
      },
      importance: Importance.LOW,
      documentation:
        'Map NUMERIC values by precision and scale: none (Decimal), precision_only, best_fit (INT8..INT64 or FLOAT64 where no precision is lost), best_fit_eager_double.',
      group: DATABASE_GROUP,
      orderInGroup: ++order,
    });

  order = 0;
  def
    .define({
      name: MODE,
      type: Type.STRING,
      defaultValue: '',
      validator: ValidString.in('', MODE_BULK, MODE_TIMESTAMP, MODE_INCREMENTING, MODE_TIMESTAMP_INCREMENTING),
      importance: Importance.HIGH,
      documentation:
        'How each table is polled: bulk (the whole table each time), incrementing (rows with a larger strictly incrementing column), timestamp (rows with a newer timestamp), timestamp+incrementing (both, so each row gets a unique offset).',
      group: MODE_GROUP,
      orderInGroup: ++order,
      width: Width.MEDIUM,
    })
    .define({
      name: INCREMENTING_COLUMN_NAME,
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation:
        'The strictly incrementing column used to detect new rows. Empty: the auto-increment (serial, identity, AUTO_INCREMENT) column of each table. It may not be nullable.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define(
      listKey(
        INCREMENTING_COLUMN_MAPPING,
        'For table.include.list: entries "<table regex>:<column>" naming the incrementing column of the tables the regex matches.',
        MODE_GROUP,
        ++order,
      ),
    )
    .define(
      listKey(
        TIMESTAMP_COLUMN_NAME,
        'One or more timestamp columns used (with COALESCE) to detect new or modified rows. At least one should not be nullable.',
        MODE_GROUP,
        ++order,
      ),
    )
    .define(
      listKey(
        TIMESTAMP_COLUMNS_MAPPING,
        'For table.include.list: entries "<table regex>:[<column>|<column>...]" naming the timestamp columns of the tables the regex matches.',
        MODE_GROUP,
        ++order,
      ),
    )
    .define({
      name: TIMESTAMP_INITIAL,
      type: Type.LONG,
      defaultValue: null,
      importance: Importance.LOW,
      documentation:
        'The epoch milliseconds to start timestamp queries from when there is no offset yet; -1 is the current time. Null: all data.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: VALIDATE_NON_NULL,
      type: Type.BOOLEAN,
      defaultValue: true,
      importance: Importance.LOW,
      documentation: 'Whether to check that the incrementing and timestamp columns are NOT NULL; the task fails to start if they are not.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: QUERY,
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation:
        'A SELECT to run instead of copying whole tables. In incremental modes Copycat appends its WHERE clause, so the query must not have one.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: QUERY_SUFFIX,
      type: Type.STRING,
      defaultValue: '',
      importance: Importance.LOW,
      documentation: 'Suffix to append at the end of the generated query.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TRANSACTION_ISOLATION_MODE,
      type: Type.STRING,
      defaultValue: 'DEFAULT',
      validator: ValidString.in('DEFAULT', 'READ_UNCOMMITTED', 'READ_COMMITTED', 'REPEATABLE_READ', 'SERIALIZABLE'),
      importance: Importance.LOW,
      documentation: 'The transaction isolation level queries run at; DEFAULT keeps the database default.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: QUERY_RETRY_ATTEMPTS,
      type: Type.INT,
      defaultValue: -1,
      importance: Importance.LOW,
      documentation: 'Number of times to retry a failing query (as a retriable error) before the task fails; -1 retries forever.',
      group: MODE_GROUP,
      orderInGroup: ++order,
    });

  order = 0;
  def
    .define({
      ...listKey(TABLE_TYPES, 'The table types to copy: TABLE, VIEW, PARTITIONED TABLE.', CONNECTOR_GROUP, ++order, Importance.LOW),
      defaultValue: 'TABLE',
    })
    .define({
      name: POLL_INTERVAL_MS,
      type: Type.INT,
      defaultValue: 5000,
      validator: Range.atLeast(0),
      importance: Importance.HIGH,
      documentation: 'Frequency in ms to poll for new data in each table.',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: BATCH_MAX_ROWS,
      type: Type.INT,
      defaultValue: 100,
      validator: Range.atLeast(1),
      importance: Importance.LOW,
      documentation: 'Maximum number of rows to include in a single batch when polling for new data.',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TABLE_POLL_INTERVAL_MS,
      type: Type.LONG,
      defaultValue: 60_000,
      importance: Importance.LOW,
      documentation: 'Accepted for compatibility: Copycat lists the tables whenever the connector starts (config change, restart).',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TOPIC_PREFIX,
      type: Type.STRING,
      importance: Importance.HIGH,
      documentation: 'Prefix prepended to table names to make topic names, or with query, the whole topic name.',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TIMESTAMP_DELAY_INTERVAL_MS,
      type: Type.LONG,
      defaultValue: 0,
      validator: Range.atLeast(0),
      importance: Importance.HIGH,
      documentation:
        'How long to wait after a row with a timestamp appears before including it, so transactions with earlier timestamps can finish.',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TIMESTAMP_GRANULARITY,
      type: Type.STRING,
      defaultValue: 'connect_logical',
      validator: ValidString.in('connect_logical'),
      importance: Importance.LOW,
      documentation: 'How timestamp columns are represented: connect_logical (Connect Timestamp). The nanos_* forms are not supported.',
      group: CONNECTOR_GROUP,
      orderInGroup: ++order,
    })
    .define({
      name: TABLES,
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.HIGH,
      documentation: 'The tables this task copies; set by the connector.',
      internal: true,
    })
    .define({
      name: TABLES_FETCHED,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.LOW,
      documentation: 'Whether the connector had listed the tables; set by the connector.',
      internal: true,
    })
    .define({
      name: TASK_ID,
      type: Type.INT,
      defaultValue: 0,
      importance: Importance.LOW,
      documentation: 'The task number.',
      internal: true,
    });
  return def;
})();

/** A parsed JDBC source config. */
export class SourceConfig extends AbstractConfig {
  constructor(props: ConfigProps) {
    super(SOURCE_CONFIG_DEF, props);
  }

  get mode(): SourceMode | '' {
    return (this.getString(MODE) ?? '') as SourceMode | '';
  }

  get query(): string {
    return (this.getString(QUERY) ?? '').trim();
  }

  get numericMapping(): 'none' | 'precision_only' | 'best_fit' | 'best_fit_eager_double' {
    const mapping = this.getString(NUMERIC_MAPPING);
    if (mapping !== null) return mapping as 'none';
    return this.getBoolean(NUMERIC_PRECISION_MAPPING) ? 'precision_only' : 'none';
  }

  /** The table types to list; TABLE when none are given. */
  get tableTypes(): string[] {
    const types = this.getList(TABLE_TYPES) ?? [];
    return types.length === 0 ? ['TABLE'] : [...types];
  }
}

/** Whether a mode reads an incrementing column. */
export function usesIncrementing(mode: string): boolean {
  return mode === MODE_INCREMENTING || mode === MODE_TIMESTAMP_INCREMENTING;
}

/** Whether a mode reads timestamp columns. */
export function usesTimestamp(mode: string): boolean {
  return mode === MODE_TIMESTAMP || mode === MODE_TIMESTAMP_INCREMENTING;
}
