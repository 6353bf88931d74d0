/**
 * A column type in JDBC's terms (`java.sql.Types`), which is what Confluent's mapping to Connect
 * schemas is written against. Each dialect turns its own type names into one of these.
 */
export type JdbcType =
  | 'BOOLEAN'
  | 'BIT'
  | 'TINYINT'
  | 'SMALLINT'
  | 'INTEGER'
  | 'BIGINT'
  | 'REAL'
  | 'DOUBLE'
  | 'NUMERIC'
  | 'DECIMAL'
  | 'CHAR'
  | 'VARCHAR'
  | 'BINARY'
  | 'DATE'
  | 'TIME'
  | 'TIMESTAMP'
  | 'OTHER';

/** One column of a table or query result, as Confluent's `ColumnDefinition` describes it. */
export interface ColumnDefinition {
  /** The column's label in the result (its name for `SELECT *`). */
  readonly name: string;
  readonly jdbcType: JdbcType;
  /** The database's own type name, lower case (`int4`, `jsonb`, `varchar`, `tinyint`). */
  readonly typeName: string;
  /** Digits for numeric types, bits for BIT; -1 when unknown or unbounded. */
  readonly precision: number;
  /** Digits after the point for numeric types; -1 when unknown. */
  readonly scale: number;
  /** Whether the column accepts NULL; null when the database cannot say (computed query columns). */
  readonly nullable: boolean | null;
  readonly unsigned: boolean;
  readonly autoIncrement: boolean;
}

/** A column value as it arrives from the driver: text, bytes for binary columns, or null. */
export type RawValue = string | Uint8Array | null;

/** A result row, by column position. */
export type RawRow = readonly RawValue[];
