import { type Schema, Schemas, Struct } from '../../../api/data/index.ts';
import { ConnectException, DataException } from '../../../api/errors.ts';
import type { SinkRecord } from '../../../api/record/sink-record.ts';
import type { SinkColumn } from '../dialect/dialect.ts';
import { DEFAULT_KAFKA_PK_NAMES, type PkMode } from './sink-config.ts';

/** The columns a record writes: key columns first, then the value's other fields (Confluent's `FieldsMetadata`). */
export interface FieldsMetadata {
  readonly keyColumns: readonly SinkColumn[];
  readonly nonKeyColumns: readonly SinkColumn[];
}

export interface FieldsOptions {
  readonly table: string;
  readonly pkMode: PkMode;
  readonly pkFields: readonly string[];
  readonly whitelist: ReadonlySet<string>;
}

/**
 * The key and non-key columns of records with these schemas.
 * @throws ConnectException when `pk.mode`/`pk.fields` do not fit the schemas (Confluent's messages).
 */
export function extractFields(options: FieldsOptions, keySchema: Schema | null, valueSchema: Schema | null): FieldsMetadata {
  const { table, pkMode, pkFields } = options;
  if (valueSchema !== null && valueSchema.type !== 'STRUCT') {
    throw new ConnectException(`Value schema must be of type Struct (table ${table}), it is ${valueSchema.type}.`);
  }
  const keyColumns: SinkColumn[] = [];
  switch (pkMode) {
    case 'none':
      break;
    case 'kafka': {
      if (pkFields.length !== 0 && pkFields.length !== 3) {
        throw new ConnectException(
          `PK mode for table '${table}' is KAFKA so there should either be no field names defined for defaults ${DEFAULT_KAFKA_PK_NAMES.join(',')} to be applicable, or exactly 3, defined fields are: ${pkFields.join(',')}`,
        );
      }
      const [topic, partition, offset] = pkFields.length === 3 ? pkFields : DEFAULT_KAFKA_PK_NAMES;
      keyColumns.push(
        { name: topic as string, schema: Schemas.STRING, primaryKey: true },
        { name: partition as string, schema: Schemas.INT32, primaryKey: true },
        { name: offset as string, schema: Schemas.INT64, primaryKey: true },
      );
      break;
    }
    case 'record_key': {
      if (keySchema === null) throw new ConnectException(`PK mode for table '${table}' is RECORD_KEY, but record key schema is missing`);
      if (keySchema.type === 'STRUCT') {
        keyColumns.push(...structColumns(table, keySchema, pkFields, 'key'));
      } else {
        if (pkFields.length !== 1) {
          throw new ConnectException(
            `Need exactly one PK column defined since the key schema for records is a primitive type, defined columns are: ${pkFields.join(',')}`,
          );
        }
        keyColumns.push({ name: pkFields[0] as string, schema: keySchema, primaryKey: true });
      }
      break;
    }
    case 'record_value': {
      if (valueSchema === null)
        throw new ConnectException(`PK mode for table '${table}' is RECORD_VALUE, but record value schema is missing`);
      keyColumns.push(...structColumns(table, valueSchema, pkFields, 'value'));
      break;
    }
  }
  const keyNames = new Set(keyColumns.map((column) => column.name));
  const nonKeyColumns: SinkColumn[] = [];
  if (valueSchema !== null) {
    for (const field of valueSchema.fields) {
      if (keyNames.has(field.name)) continue;
      if (options.whitelist.size > 0 && !options.whitelist.has(field.name)) continue;
      nonKeyColumns.push({ name: field.name, schema: field.schema, primaryKey: false });
    }
  }
  if (keyColumns.length === 0 && nonKeyColumns.length === 0) {
    throw new ConnectException(`No fields found using key and value schemas for table: ${table}`);
  }
  return { keyColumns, nonKeyColumns };
}

function structColumns(table: string, schema: Schema, pkFields: readonly string[], part: 'key' | 'value'): SinkColumn[] {
  if (schema.type !== 'STRUCT')
    throw new ConnectException(`Record ${part} schema for table '${table}' must be a Struct to take pk.fields from.`);
  const names = pkFields.length === 0 ? schema.fields.map((field) => field.name) : pkFields;
  return names.map((name) => {
    const field = schema.field(name);
    if (field === undefined)
      throw new ConnectException(
        `PK mode for table '${table}' is RECORD_${part.toUpperCase()} with configured PK fields ${pkFields.join(',')}, but record ${part} schema does not contain field: ${name}`,
      );
    return { name, schema: field.schema, primaryKey: true };
  });
}

/** The values of a record's key columns, in column order. */
export function keyValues(record: SinkRecord, pkMode: PkMode, columns: readonly SinkColumn[], replaceNullWithDefault: boolean): unknown[] {
  switch (pkMode) {
    case 'kafka':
      return [record.topic, record.kafkaPartition, BigInt(record.kafkaOffset)];
    case 'record_key':
      if (record.key instanceof Struct) return columns.map((column) => fieldOf(record.key as Struct, column.name, replaceNullWithDefault));
      if (record.key === null) throw new DataException('The record has no key, which pk.mode record_key needs.');
      return [record.key];
    case 'record_value':
      return columns.map((column) => fieldOf(record.value as Struct, column.name, replaceNullWithDefault));
    default:
      return [];
  }
}

/** The values of a record's non-key columns, in column order. */
export function nonKeyValues(record: SinkRecord, columns: readonly SinkColumn[], replaceNullWithDefault: boolean): unknown[] {
  return columns.map((column) => fieldOf(record.value as Struct, column.name, replaceNullWithDefault));
}

function fieldOf(struct: Struct, name: string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(name) : struct.getWithoutDefault(name);
}
