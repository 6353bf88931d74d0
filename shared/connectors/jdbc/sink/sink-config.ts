import { AbstractConfig, ConfigDef, type ConfigProps, Importance, Range, Type, ValidString, Width } from '../../../api/config/index.ts';
import { addProblem, defineConnectionKeys } from '../connection-config.ts';

export const INSERT_MODE = 'insert.mode';
export const BATCH_SIZE = 'batch.size';
export const DELETE_ENABLED = 'delete.enabled';
export const TABLE_NAME_FORMAT = 'table.name.format';
export const PK_MODE = 'pk.mode';
export const PK_FIELDS = 'pk.fields';
export const FIELDS_WHITELIST = 'fields.whitelist';
export const FIELDS_INCLUDE_LIST = 'fields.include.list';
export const AUTO_CREATE = 'auto.create';
export const AUTO_EVOLVE = 'auto.evolve';
export const MAX_RETRIES = 'max.retries';
export const RETRY_BACKOFF_MS = 'retry.backoff.ms';
export const TABLE_TYPES = 'table.types';
export const REPLACE_NULL_WITH_DEFAULT = 'replace.null.with.default';
export const DATE_TIMEZONE = 'date.timezone';
export const TRIM_SENSITIVE_LOG = 'trim.sensitive.log';
/** Copycat's exactly-once option: offsets kept in the database, in the same transaction as the rows. */
export const EXACTLY_ONCE = 'copycat.exactly.once';
export const OFFSETS_TABLE = 'copycat.offsets.table';

/** The placeholder `table.name.format` replaces with the record's topic. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Confluent's literal placeholder, not a template.
export const TOPIC_PLACEHOLDER = '${topic}';

export type InsertMode = 'insert' | 'upsert' | 'update';
export type PkMode = 'none' | 'kafka' | 'record_key' | 'record_value';

/** The Kafka coordinates' column names in `pk.mode=kafka` when `pk.fields` names none. */
export const DEFAULT_KAFKA_PK_NAMES = ['__connect_topic', '__connect_partition', '__connect_offset'] as const;

const CONNECTION_GROUP = 'Connection';
const WRITES_GROUP = 'Writes';
const DATA_MAPPING_GROUP = 'Data Mapping';
const DDL_GROUP = 'DDL Support';
const RETRIES_GROUP = 'Retries';
const EXACTLY_ONCE_GROUP = 'Exactly Once';

/** The JDBC sink's config keys (Confluent's `JdbcSinkConfig`, plus Copycat's exactly-once keys), each declared once. */
export const SINK_CONFIG_DEF: ConfigDef = (() => {
  const def = defineConnectionKeys(new ConfigDef(), CONNECTION_GROUP);
  return def
    .define({
      name: INSERT_MODE,
      type: Type.STRING,
      defaultValue: 'insert',
      validator: ValidString.in('insert', 'upsert', 'update'),
      importance: Importance.HIGH,
      documentation:
        'insert: plain INSERT; upsert: INSERT ... ON CONFLICT DO UPDATE (PostgreSQL) or ON DUPLICATE KEY UPDATE (MySQL); update: UPDATE by key.',
      group: WRITES_GROUP,
      orderInGroup: 1,
      width: Width.MEDIUM,
    })
    .define({
      name: BATCH_SIZE,
      type: Type.INT,
      defaultValue: 3000,
      validator: Range.atLeast(0),
      importance: Importance.MEDIUM,
      documentation: 'How many records to batch together into one statement, when possible.',
      group: WRITES_GROUP,
      orderInGroup: 2,
    })
    .define({
      name: DELETE_ENABLED,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      documentation: 'Whether to treat null record values (tombstones) as deletes by key. Requires pk.mode record_key.',
      group: WRITES_GROUP,
      orderInGroup: 3,
    })
    .define({
      name: TABLE_TYPES,
      type: Type.LIST,
      defaultValue: 'TABLE',
      importance: Importance.LOW,
      documentation: 'The types of tables the sink may write to: TABLE, PARTITIONED TABLE, VIEW.',
      group: WRITES_GROUP,
      orderInGroup: 4,
    })
    .define({
      name: TABLE_NAME_FORMAT,
      type: Type.STRING,
      defaultValue: TOPIC_PLACEHOLDER,
      importance: Importance.MEDIUM,
      documentation: `The destination table name; '${TOPIC_PLACEHOLDER}' stands for the record's topic (e.g. kafka_${TOPIC_PLACEHOLDER}). May be schema.table.`,
      group: DATA_MAPPING_GROUP,
      orderInGroup: 1,
      width: Width.LONG,
    })
    .define({
      name: PK_MODE,
      type: Type.STRING,
      defaultValue: 'none',
      validator: ValidString.in('none', 'kafka', 'record_key', 'record_value'),
      importance: Importance.HIGH,
      documentation:
        'Where the primary key comes from: none, kafka (topic, partition, offset), record_key (a primitive key or fields of a struct key), record_value (fields of the value).',
      group: DATA_MAPPING_GROUP,
      orderInGroup: 2,
    })
    .define({
      name: PK_FIELDS,
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation:
        'The primary key field names. kafka: three names for topic, partition and offset (default __connect_topic, __connect_partition, __connect_offset); record_key: the key fields (all if empty; exactly one name for a primitive key); record_value: the value fields (all if empty).',
      group: DATA_MAPPING_GROUP,
      orderInGroup: 3,
    })
    .define({
      name: FIELDS_WHITELIST,
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'The value fields to write (all if empty). Key fields come from pk.fields independently.',
      group: DATA_MAPPING_GROUP,
      orderInGroup: 4,
    })
    .define({
      name: FIELDS_INCLUDE_LIST,
      type: Type.LIST,
      defaultValue: '',
      importance: Importance.MEDIUM,
      documentation: 'Another name for fields.whitelist; used when fields.whitelist is empty.',
      group: DATA_MAPPING_GROUP,
      orderInGroup: 5,
    })
    .define({
      name: REPLACE_NULL_WITH_DEFAULT,
      type: Type.BOOLEAN,
      defaultValue: true,
      importance: Importance.MEDIUM,
      documentation: "Whether a null field is written as its schema's default value.",
      group: DATA_MAPPING_GROUP,
      orderInGroup: 6,
    })
    .define({
      name: DATE_TIMEZONE,
      type: Type.STRING,
      defaultValue: 'DB_TIMEZONE',
      validator: ValidString.in('DB_TIMEZONE', 'UTC'),
      importance: Importance.MEDIUM,
      documentation: 'The time zone DATE values are written in: DB_TIMEZONE (db.timezone) or UTC; both are UTC in Copycat.',
      group: DATA_MAPPING_GROUP,
      orderInGroup: 7,
    })
    .define({
      name: AUTO_CREATE,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      documentation: "Whether to create a missing destination table from the record's schema (CREATE TABLE).",
      group: DDL_GROUP,
      orderInGroup: 1,
    })
    .define({
      name: AUTO_EVOLVE,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.MEDIUM,
      documentation: "Whether to add columns that the record's schema has and the table lacks (ALTER TABLE ... ADD).",
      group: DDL_GROUP,
      orderInGroup: 2,
    })
    .define({
      name: MAX_RETRIES,
      type: Type.INT,
      defaultValue: 10,
      validator: Range.atLeast(0),
      importance: Importance.MEDIUM,
      documentation: 'The maximum number of times to retry on errors before failing the task.',
      group: RETRIES_GROUP,
      orderInGroup: 1,
    })
    .define({
      name: RETRY_BACKOFF_MS,
      type: Type.INT,
      defaultValue: 3000,
      validator: Range.atLeast(0),
      importance: Importance.MEDIUM,
      documentation: 'The time in milliseconds to wait following an error before a retry attempt is made.',
      group: RETRIES_GROUP,
      orderInGroup: 2,
    })
    .define({
      name: TRIM_SENSITIVE_LOG,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.LOW,
      documentation: 'Accepted for compatibility: Copycat never puts record values in its error messages.',
      group: RETRIES_GROUP,
      orderInGroup: 3,
    })
    .define({
      name: EXACTLY_ONCE,
      type: Type.BOOLEAN,
      defaultValue: false,
      importance: Importance.HIGH,
      documentation:
        "Copycat: keep each topic partition's next offset in copycat.offsets.table, written in the same transaction as the rows; records already applied are skipped, so redelivered batches change nothing.",
      group: EXACTLY_ONCE_GROUP,
      orderInGroup: 1,
    })
    .define({
      name: OFFSETS_TABLE,
      type: Type.STRING,
      defaultValue: '__copycat_offsets',
      importance: Importance.LOW,
      documentation:
        'Copycat: the table (created if missing) holding (connector, topic, kafka_partition, next_offset) for copycat.exactly.once.',
      group: EXACTLY_ONCE_GROUP,
      orderInGroup: 2,
    });
})();

/** A parsed JDBC sink config. */
export class SinkConfig extends AbstractConfig {
  constructor(props: ConfigProps) {
    super(SINK_CONFIG_DEF, props);
  }

  get insertMode(): InsertMode {
    return this.getString(INSERT_MODE) as InsertMode;
  }

  get pkMode(): PkMode {
    return this.getString(PK_MODE) as PkMode;
  }

  get pkFields(): readonly string[] {
    return (this.getList(PK_FIELDS) ?? []).filter((field) => field.trim() !== '');
  }

  /** `fields.whitelist`, or `fields.include.list` when the former is empty. */
  get fieldsWhitelist(): ReadonlySet<string> {
    const whitelist = (this.getList(FIELDS_WHITELIST) ?? []).filter((field) => field !== '');
    return new Set(whitelist.length > 0 ? whitelist : (this.getList(FIELDS_INCLUDE_LIST) ?? []).filter((field) => field !== ''));
  }
}

/** The checks involving more than one key. */
export function sinkCrossKeyProblems(config: SinkConfig): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (key: string, message: string) => addProblem(problems, key, message);
  if (config.getBoolean(DELETE_ENABLED) && config.pkMode !== 'record_key') {
    add(DELETE_ENABLED, `Deletes are only supported for ${PK_MODE} record_key (it is ${config.pkMode}).`);
  }
  if (config.insertMode !== 'insert' && config.pkMode === 'none') {
    add(INSERT_MODE, `${INSERT_MODE} ${config.insertMode} needs the key columns: set ${PK_MODE} to kafka, record_key or record_value.`);
  }
  if (config.pkMode === 'kafka' && config.pkFields.length !== 0 && config.pkFields.length !== 3) {
    add(
      PK_FIELDS,
      `With ${PK_MODE} kafka, ${PK_FIELDS} must name either nothing (for ${DEFAULT_KAFKA_PK_NAMES.join(',')}) or exactly 3 columns.`,
    );
  }
  return problems;
}
