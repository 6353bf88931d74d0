import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BigDecimal, Decimal, type Schema } from '../../../../shared/api/data/index.ts';
import type { ColumnDefinition, JdbcType } from '../../../../shared/connectors/jdbc/dialect/column.ts';
import {
  columnMapping,
  formatTimestamp,
  type NumericMapping,
  parseTimestamp,
} from '../../../../shared/connectors/jdbc/dialect/column-schema.ts';

function column(jdbcType: JdbcType, overrides: Partial<ColumnDefinition> = {}): ColumnDefinition {
  return {
    name: 'c',
    jdbcType,
    typeName: jdbcType.toLowerCase(),
    precision: -1,
    scale: -1,
    nullable: false,
    unsigned: false,
    autoIncrement: false,
    ...overrides,
  };
}

function schemaOf(definition: ColumnDefinition, mapping: NumericMapping = 'none'): Schema | undefined {
  return columnMapping(definition, mapping)?.schema;
}

describe('columnMapping', () => {
  it('when a column is an integer, it maps by width, one wider when unsigned', () => {
    assert.equal(schemaOf(column('TINYINT'))?.type, 'INT8');
    assert.equal(schemaOf(column('TINYINT', { unsigned: true }))?.type, 'INT16');
    assert.equal(schemaOf(column('SMALLINT'))?.type, 'INT16');
    assert.equal(schemaOf(column('INTEGER'))?.type, 'INT32');
    assert.equal(schemaOf(column('INTEGER', { unsigned: true }))?.type, 'INT64');
    assert.equal(schemaOf(column('BIGINT'))?.type, 'INT64');
  });

  it('when a column is nullable or its nullability unknown, the schema is optional', () => {
    assert.equal(schemaOf(column('VARCHAR', { nullable: true }))?.optional, true);
    assert.equal(schemaOf(column('VARCHAR', { nullable: null }))?.optional, true);
    assert.equal(schemaOf(column('VARCHAR', { nullable: false }))?.optional, false);
  });

  it('when a column is DECIMAL, it maps to the Decimal logical type with the column scale', () => {
    const schema = schemaOf(column('DECIMAL', { precision: 10, scale: 3 }));
    assert.equal(schema?.name, Decimal.LOGICAL_NAME);
    assert.equal(schema?.parameters?.scale, '3');
  });

  it('when numeric.mapping is best_fit, NUMERIC maps to the smallest integer or to FLOAT64', () => {
    assert.equal(schemaOf(column('NUMERIC', { precision: 2, scale: 0 }), 'best_fit')?.type, 'INT8');
    assert.equal(schemaOf(column('NUMERIC', { precision: 9, scale: 0 }), 'best_fit')?.type, 'INT32');
    assert.equal(schemaOf(column('NUMERIC', { precision: 18, scale: 0 }), 'best_fit')?.type, 'INT64');
    assert.equal(schemaOf(column('NUMERIC', { precision: 10, scale: 2 }), 'best_fit')?.type, 'FLOAT64');
    assert.equal(schemaOf(column('NUMERIC', { precision: 20, scale: 0 }), 'best_fit')?.name, Decimal.LOGICAL_NAME);
    assert.equal(schemaOf(column('NUMERIC', { precision: 10, scale: 2 }), 'precision_only')?.name, Decimal.LOGICAL_NAME);
    assert.equal(schemaOf(column('NUMERIC', { precision: 30, scale: 2 }), 'best_fit_eager_double')?.type, 'FLOAT64');
  });

  it('when the date and time types are mapped, they become the Date, Time and Timestamp logical types', () => {
    assert.equal(schemaOf(column('DATE'))?.name, 'org.apache.kafka.connect.data.Date');
    assert.equal(schemaOf(column('TIME'))?.name, 'org.apache.kafka.connect.data.Time');
    assert.equal(schemaOf(column('TIMESTAMP'))?.name, 'org.apache.kafka.connect.data.Timestamp');
  });

  it('when a BIT column has one bit, it is a boolean; up to 8 an INT8; more, bytes', () => {
    assert.equal(schemaOf(column('BIT', { precision: 1 }))?.type, 'BOOLEAN');
    assert.equal(schemaOf(column('BIT', { precision: 4 }))?.type, 'INT8');
    assert.equal(schemaOf(column('BIT', { precision: 16 }))?.type, 'BYTES');
  });

  it('when a column type has no Connect equivalent, it is skipped', () => {
    assert.equal(columnMapping(column('OTHER')), null);
  });

  it('when text values are converted, each gets the value type of its schema', () => {
    const convert = (definition: ColumnDefinition, raw: string | Uint8Array | null) => columnMapping(definition)?.convert(raw);
    assert.equal(convert(column('BIGINT'), '9223372036854775807'), 9223372036854775807n);
    assert.ok((convert(column('DECIMAL', { precision: 5, scale: 2 }), '1.5') as BigDecimal).equals(new BigDecimal(150n, 2)));
    assert.equal(convert(column('BOOLEAN'), 't'), true);
    assert.equal(convert(column('BIT', { precision: 1 }), Uint8Array.of(1)), true);
    assert.equal((convert(column('DATE'), '2024-02-29') as Date).toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal((convert(column('TIME'), '13:14:15.5') as Date).getTime(), (13 * 3600 + 14 * 60 + 15) * 1000 + 500);
    assert.equal((convert(column('TIMESTAMP'), '2024-03-01 10:20:30.123456+02') as Date).toISOString(), '2024-03-01T08:20:30.123Z');
    assert.deepEqual(convert(column('BINARY'), '\\x414243'), Uint8Array.from([65, 66, 67]));
    assert.equal(convert(column('INTEGER', { nullable: true }), null), null);
  });
});

describe('parseTimestamp and formatTimestamp', () => {
  it('when a timestamp has microseconds, they are kept in the nanoseconds and written back', () => {
    const parsed = parseTimestamp('2024-01-01 00:00:01.000002');
    assert.deepEqual(parsed, { ms: Date.UTC(2024, 0, 1) + 1000, nanos: 2000 });
    assert.equal(formatTimestamp(parsed), '2024-01-01 00:00:01.000002');
  });
});
