/** A table's full name, as Confluent's `TableId`: catalog (database), schema, table; absent parts are null. */
export interface TableId {
  readonly catalog: string | null;
  readonly schema: string | null;
  readonly table: string;
}

/** The unquoted dotted name (`test.public.orders`): what Confluent puts in source partitions. */
export function unquotedName(id: TableId): string {
  return [id.catalog, id.schema, id.table].filter((part) => part !== null && part !== '').join('.');
}

/**
 * Splits a dotted, possibly quoted name (`"my.db"."public".orders`, `` `db`.`t` ``) into its
 * parts, without the quotes (a doubled quote inside a quoted part is one quote).
 */
export function splitIdentifier(text: string, quote: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === quote) {
        if (text[i + 1] === quote) {
          current += quote;
          i++;
        } else quoted = false;
      } else current += char;
    } else if (char === quote) {
      quoted = true;
      wasQuoted = true;
    } else if (char === '.') {
      parts.push(wasQuoted ? current : current.trim());
      current = '';
      wasQuoted = false;
    } else current += char;
  }
  parts.push(wasQuoted ? current : current.trim());
  return parts;
}

/**
 * Splits a comma-separated list of (possibly quoted) table names, keeping commas inside quotes:
 * the `tables` value a JDBC source connector gives each task.
 */
export function splitIdentifierList(text: string, quote: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === quote) quoted = !quoted;
    if (char === ',' && !quoted) {
      if (current.trim() !== '') items.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}
