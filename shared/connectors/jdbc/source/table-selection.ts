import { ConnectException } from '../../../api/errors.ts';
import type { DatabaseDialect } from '../dialect/dialect.ts';
import { type TableId, unquotedName } from '../dialect/table-id.ts';

/** Which tables a source copies: Confluent's legacy name lists or its newer regular expression lists. */
export interface TableFilter {
  readonly whitelist: readonly string[];
  readonly blacklist: readonly string[];
  readonly includeList: readonly string[];
  readonly excludeList: readonly string[];
}

/** The names a table answers to: `schema.table` (or `db.table`), the quoted form, and the bare table name. */
function namesOf(id: TableId, dialect: DatabaseDialect): string[] {
  return [unquotedName(id), dialect.table(id), id.table];
}

/** Whether a regular expression matches the whole fully qualified name (or the bare table name). */
export function tableMatches(pattern: string, id: TableId): boolean {
  const regex = new RegExp(`^(?:${pattern})$`);
  const candidates = [unquotedName(id), id.table];
  if (id.catalog !== null && id.schema !== null) candidates.push(`${id.schema}.${id.table}`);
  return candidates.some((candidate) => regex.test(candidate));
}

/**
 * The tables to copy, in the listed order: those in the whitelist (by any of their names) or not
 * in the blacklist, or those an include pattern matches and no exclude pattern does.
 * @throws ConnectException when two selected tables share a table name, since both would write
 * to the same topic (Confluent refuses this too).
 */
export function selectTables(tables: readonly TableId[], filter: TableFilter, dialect: DatabaseDialect): TableId[] {
  let selected: TableId[];
  if (filter.whitelist.length > 0) {
    const names = new Set(filter.whitelist);
    selected = tables.filter((id) => namesOf(id, dialect).some((name) => names.has(name)));
  } else if (filter.blacklist.length > 0) {
    const names = new Set(filter.blacklist);
    selected = tables.filter((id) => !namesOf(id, dialect).some((name) => names.has(name)));
  } else if (filter.includeList.length > 0) {
    selected = tables.filter(
      (id) =>
        filter.includeList.some((pattern) => tableMatches(pattern, id)) && !filter.excludeList.some((pattern) => tableMatches(pattern, id)),
    );
  } else {
    selected = [...tables];
  }
  const byName = new Map<string, TableId[]>();
  for (const id of selected) byName.set(id.table, [...(byName.get(id.table) ?? []), id]);
  const duplicates = [...byName.values()].filter((ids) => ids.length > 1);
  if (duplicates.length > 0) {
    const listed = duplicates.map((ids) => ids.map(unquotedName).join(', ')).join('; ');
    throw new ConnectException(
      `The connector uses the unqualified table name as the topic name and found tables with the same name: ${listed}. Narrow table.whitelist, table.include.list or schema.pattern so that each name is selected once.`,
    );
  }
  return selected;
}

/**
 * The column an `incrementing.column.mapping` (`regex:column` or `regex:[column]`) or
 * `timestamp.columns.mapping` (`regex:[a|b]`) gives a table: the first entry whose regex matches.
 */
export function mappedColumns(mapping: readonly string[], id: TableId): string[] | undefined {
  for (const entry of mapping) {
    const colon = entry.lastIndexOf(':');
    if (colon <= 0) continue;
    const pattern = entry.slice(0, colon).trim();
    const columns = entry
      .slice(colon + 1)
      .trim()
      .replace(/^\[|\]$/g, '')
      .split('|')
      .map((column) => column.trim())
      .filter((column) => column !== '');
    if (tableMatches(pattern, id)) return columns;
  }
  return undefined;
}

/** Splits a list of table names into groups for `maxTasks` tasks, as Kafka Connect's `ConnectorUtils.groupPartitions`. */
export function groupPartitions<T>(elements: readonly T[], numGroups: number): T[][] {
  const groups: T[][] = [];
  const perGroup = Math.floor(elements.length / numGroups);
  const leftover = elements.length - numGroups * perGroup;
  let assigned = 0;
  for (let group = 0; group < numGroups; group++) {
    const size = group < leftover ? perGroup + 1 : perGroup;
    groups.push(elements.slice(assigned, assigned + size));
    assigned += size;
  }
  return groups;
}
