import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PostgresDialect } from '../../../../shared/connectors/jdbc/dialect/postgres-dialect.ts';
import { splitIdentifierList } from '../../../../shared/connectors/jdbc/dialect/table-id.ts';
import { offsetFromMap, offsetToMap, tablePartition } from '../../../../shared/connectors/jdbc/source/offset.ts';
import { groupPartitions, mappedColumns, selectTables } from '../../../../shared/connectors/jdbc/source/table-selection.ts';

describe('JDBC source offsets', () => {
  it('when an offset has a timestamp with sub-millisecond digits, it round-trips through the stored map', () => {
    // Prepare
    const offset = { incrementing: 42n, timestamp: { ms: 1_700_000_000_123, nanos: 123_456_000 } };

    // Act
    const map = offsetToMap(offset);

    // Assess
    assert.deepEqual(map, { incrementing: 42, timestamp: 1_700_000_000_123, timestamp_nanos: 123_456_000 });
    assert.deepEqual(offsetFromMap(map), offset);
  });

  it('when a stored offset has no nanos, the milliseconds give them', () => {
    assert.deepEqual(offsetFromMap({ timestamp: 1500 }).timestamp, { ms: 1500, nanos: 500_000_000 });
  });

  it("when a table's partition is made, it is Confluent's protocol 1 map with the dotted name", () => {
    assert.deepEqual(tablePartition({ catalog: null, schema: 'public', table: 'orders' }), { protocol: '1', table: 'public.orders' });
    assert.deepEqual(tablePartition({ catalog: 'shop', schema: null, table: 'orders' }), { protocol: '1', table: 'shop.orders' });
  });
});

describe('JDBC source table selection', () => {
  const dialect = new PostgresDialect();
  const tables = [
    { catalog: null, schema: 'public', table: 'orders' },
    { catalog: null, schema: 'public', table: 'users' },
    { catalog: null, schema: 'audit', table: 'log' },
  ];
  const none = { whitelist: [], blacklist: [], includeList: [], excludeList: [] };

  it('when a whitelist names tables by bare, dotted or quoted name, those are selected', () => {
    const selected = selectTables(tables, { ...none, whitelist: ['orders', 'audit.log', '"public"."users"'] }, dialect);
    assert.deepEqual(
      selected.map((id) => id.table),
      ['orders', 'users', 'log'],
    );
  });

  it('when include and exclude patterns are given, they match whole names', () => {
    const selected = selectTables(tables, { ...none, includeList: ['public\\..*'], excludeList: ['.*users'] }, dialect);
    assert.deepEqual(
      selected.map((id) => id.table),
      ['orders'],
    );
  });

  it('when two selected tables share a name, it refuses, since both would write to one topic', () => {
    assert.throws(() => selectTables([...tables, { catalog: null, schema: 'audit', table: 'orders' }], none, dialect), /same name/);
  });

  it('when column mappings are given, the first matching entry names the columns', () => {
    const id = { catalog: null, schema: 'public', table: 'orders' };
    assert.deepEqual(mappedColumns(['.*users:id', 'public.orders:[updated|created]'], id), ['updated', 'created']);
    assert.deepEqual(mappedColumns(['.*:order_id'], id), ['order_id']);
  });

  it("when tables are grouped, it follows Kafka Connect's groupPartitions (earlier groups get the extra)", () => {
    assert.deepEqual(groupPartitions([1, 2, 3, 4, 5], 2), [
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('when a task config lists quoted tables, commas inside quotes do not split them', () => {
    assert.deepEqual(splitIdentifierList('"public"."a,b","public"."c"', '"'), ['"public"."a,b"', '"public"."c"']);
    assert.deepEqual(dialect.parseTableId('"public"."a,b"'), { catalog: null, schema: 'public', table: 'a,b' });
  });
});
