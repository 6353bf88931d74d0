import { ConnectException } from '../../../api/errors.ts';
import type { DatabaseDialect, SinkColumn } from '../dialect/dialect.ts';
import type { TableId } from '../dialect/table-id.ts';

/** A column the sink binds values to: its name in the table and the table's type for it (for casts). */
export interface BoundColumn {
  readonly name: string;
  readonly typeName?: string;
}

/** `(p1,p2),(p3,p4)`: the placeholders of `rows` rows of these columns, counting from `start`. */
export function valueRows(dialect: DatabaseDialect, columns: readonly BoundColumn[], rows: number, start = 1): string[] {
  const result: string[] = [];
  let index = start;
  for (let row = 0; row < rows; row++) {
    result.push(`(${columns.map((column) => dialect.placeholder(index++, column.typeName)).join(',')})`);
  }
  return result;
}

/** `INSERT INTO t (a,b) VALUES (...),(...)`. */
export function insertStatement(dialect: DatabaseDialect, table: TableId, columns: readonly BoundColumn[], rows: number): string {
  const names = columns.map((column) => dialect.quote(column.name)).join(',');
  return `INSERT INTO ${dialect.table(table)} (${names}) VALUES ${valueRows(dialect, columns, rows).join(',')}`;
}

/** The dialect's upsert of `rows` rows. */
export function upsertStatement(
  dialect: DatabaseDialect,
  table: TableId,
  keyColumns: readonly BoundColumn[],
  nonKeyColumns: readonly BoundColumn[],
  rows: number,
): string {
  const rowsSql = valueRows(dialect, [...keyColumns, ...nonKeyColumns], rows);
  return dialect.upsert(
    table,
    keyColumns.map((column) => column.name),
    nonKeyColumns.map((column) => column.name),
    rowsSql,
  );
}

/** `UPDATE t SET a=?,b=? WHERE k1=? AND k2=?`: non-key values bind first, then the key. */
export function updateStatement(
  dialect: DatabaseDialect,
  table: TableId,
  keyColumns: readonly BoundColumn[],
  nonKeyColumns: readonly BoundColumn[],
): string {
  let index = 1;
  const set = nonKeyColumns.map((column) => `${dialect.quote(column.name)} = ${dialect.placeholder(index++, column.typeName)}`).join(', ');
  const where = keyColumns
    .map((column) => `${dialect.quote(column.name)} = ${dialect.placeholder(index++, column.typeName)}`)
    .join(' AND ');
  return `UPDATE ${dialect.table(table)} SET ${set} WHERE ${where}`;
}

/** `DELETE FROM t WHERE k1=? AND k2=?`. */
export function deleteStatement(dialect: DatabaseDialect, table: TableId, keyColumns: readonly BoundColumn[]): string {
  let index = 1;
  const where = keyColumns
    .map((column) => `${dialect.quote(column.name)} = ${dialect.placeholder(index++, column.typeName)}`)
    .join(' AND ');
  return `DELETE FROM ${dialect.table(table)} WHERE ${where}`;
}

/** One column's definition: `"name" TYPE [DEFAULT x | NULL | NOT NULL]`, as Confluent writes it. */
export function columnSpec(dialect: DatabaseDialect, column: SinkColumn): string {
  const optional = !column.primaryKey && column.schema.optional;
  const defaultValue = column.schema.defaultValue === null ? null : dialect.defaultLiteral(column.schema, column.schema.defaultValue);
  const nullability = defaultValue !== null ? ` DEFAULT ${defaultValue}` : optional ? ' NULL' : ' NOT NULL';
  return `${dialect.quote(column.name)} ${dialect.sqlType(column.schema, column.primaryKey)}${nullability}`;
}

/** `CREATE TABLE t (columns..., PRIMARY KEY(keys))` for `auto.create`. */
export function createTableStatement(dialect: DatabaseDialect, table: TableId, columns: readonly SinkColumn[]): string {
  const specs = columns.map((column) => columnSpec(dialect, column));
  const keys = columns.filter((column) => column.primaryKey).map((column) => dialect.quote(column.name));
  if (keys.length > 0) specs.push(`PRIMARY KEY(${keys.join(',')})`);
  return `CREATE TABLE ${dialect.table(table)} (\n${specs.join(',\n')})`;
}

/**
 * `ALTER TABLE t ADD c1 ..., ADD c2 ...` for `auto.evolve`.
 * @throws ConnectException when a missing column is required and has no default: existing rows could not be given a value.
 */
export function alterTableStatement(dialect: DatabaseDialect, table: TableId, missing: readonly SinkColumn[]): string {
  for (const column of missing) {
    if (!column.schema.optional && column.schema.defaultValue === null) {
      throw new ConnectException(
        `Cannot ALTER TABLE ${dialect.table(table)} to add missing field ${column.name}, as the field is not optional and does not have a default value`,
      );
    }
  }
  return `ALTER TABLE ${dialect.table(table)} ${missing.map((column) => `ADD ${columnSpec(dialect, { ...column, primaryKey: false })}`).join(', ')}`;
}
