// Schema inference from text (Kafka Connect's `Values.ValueParser`): booleans, the smallest integer
// type that fits, floats, decimals, ISO-8601 dates and times, quoted strings, `[...]` lists and
// `{...}` maps, with Kafka's quirks kept (see the tests). Values come out "Java-typed": Byte, Short,
// Integer and Float as SizedNumber, Long as bigint, Double as number, so that they keep their type
// where the inferred schema does not say it (a list of mixed types).
import { BigDecimal } from '../../api/data/big-decimal.ts';
import { ConnectSchema } from '../../api/data/connect-schema.ts';
import { ConnectDate, ConnectTime, Decimal, Timestamp } from '../../api/data/logical-types.ts';
import type { Schema, SchemaType } from '../../api/data/schema.ts';
import { SchemaBuilder, Schemas } from '../../api/data/schema-builder.ts';
import { SizedNumber } from '../../api/data/sized-number.ts';
import { DataException } from '../../api/errors.ts';
import { type IsoPattern, parseIso } from '../java-dates.ts';
import { isBlank, ValuesTokenizer } from './values-tokenizer.ts';

/** A parsed value with its inferred schema; null stands for Java's null result (the text `null`). */
export interface ParsedValue {
  readonly schema: Schema | null;
  readonly value: unknown;
}

/** Converts one list or map entry to the schema inferred for all of them (Kafka's `Values.convertTo`). */
export type Align = (toSchema: Schema, value: unknown) => unknown;

const DATE_SCHEMA = ConnectDate.schema();
const TIME_SCHEMA = ConnectTime.schema();
const TIMESTAMP_SCHEMA = Timestamp.schema();
const TRUE: ParsedValue = Object.freeze({ schema: Schemas.BOOLEAN, value: true });
const FALSE: ParsedValue = Object.freeze({ schema: Schemas.BOOLEAN, value: false });
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const BIGGER_THAN_LONG = new BigDecimal(1n, -19);
const ONE = new BigDecimal(1n, 0);
// Java's `new BigDecimal(String)` (ASCII digits only).
const JAVA_DECIMAL = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const UNICODE_DIGIT = /^\p{Nd}/u;

/** Parses non-empty text as `Values.parseString` does; null for the text `null`. */
export function parseValue(text: string, align: Align): ParsedValue | null {
  return new ValueParser(new ValuesTokenizer(text), align).parse(false);
}

class ValueParser {
  readonly #parser: ValuesTokenizer;
  readonly #align: Align;

  constructor(parser: ValuesTokenizer, align: Align) {
    this.#parser = parser;
    this.#align = align;
  }

  parse(embedded: boolean): ParsedValue | null {
    const parser = this.#parser;
    if (!parser.hasNext()) return null;
    if (embedded && parser.canConsume('"')) return this.#parseQuotedString();
    if (this.#canParseSingleTokenLiteral(embedded, 'null')) return null;
    if (this.#canParseSingleTokenLiteral(embedded, 'true')) return TRUE;
    if (this.#canParseSingleTokenLiteral(embedded, 'false')) return FALSE;
    const start = parser.mark();
    try {
      if (parser.canConsume('[')) return this.#parseArray();
      if (parser.canConsume('{')) return this.#parseMap();
    } catch (error) {
      if (!(error instanceof DataException)) throw error;
      parser.rewindTo(start);
    }
    const token = parser.next();
    if (isBlank(token)) return { schema: Schemas.STRING, value: token };
    return this.#parseNextToken(embedded, javaTrimmed(token));
  }

  /** A literal (`null`, `true`, `false`) counts only inside a list or map, or as the whole text. */
  #canParseSingleTokenLiteral(embedded: boolean, literal: string): boolean {
    const parser = this.#parser;
    const start = parser.mark();
    if (parser.canConsume(literal) && (embedded || !parser.hasNext())) return true;
    parser.rewindTo(start);
    return false;
  }

  #parseNextToken(embedded: boolean, token: string): ParsedValue {
    const firstCharIsDigit = UNICODE_DIGIT.test(token);
    // Temporal types are more restrictive, so they are tried first.
    if (firstCharIsDigit) {
      const temporal = this.#parseMultipleTokensAsTemporal(token);
      if (temporal !== null) return temporal;
    }
    if (firstCharIsDigit || token[0] === '+' || token[0] === '-') {
      const number = parseAsNumber(token);
      if (number !== null) return number;
    }
    if (embedded) throw new DataException('Failed to parse embedded value');
    // Anything else at the top level is the whole text as a string.
    return { schema: Schemas.STRING, value: this.#parser.original };
  }

  #parseQuotedString(): ParsedValue {
    const parser = this.#parser;
    let content = '';
    while (parser.hasNext()) {
      if (parser.canConsume('"')) break;
      content += parser.next();
    }
    return parseAsTemporal(content) ?? { schema: Schemas.STRING, value: content };
  }

  #parseArray(): ParsedValue {
    const parser = this.#parser;
    let result: unknown[] = [];
    const elementSchema = new SchemaMerger();
    while (parser.hasNext()) {
      if (parser.canConsume(']')) {
        let listSchema: Schema;
        const common = elementSchema.schema();
        if (common !== null) {
          listSchema = SchemaBuilder.array(common).build();
          result = result.map((value) => this.#align(common, value));
        } else {
          listSchema = new ConnectSchema({ type: 'ARRAY' });
        }
        return { schema: listSchema, value: result };
      }
      if (parser.canConsume(',')) throw new DataException(`Unable to parse an empty array element: ${parser.original}`);
      const element = this.parse(true);
      elementSchema.merge(element);
      result.push(element !== null ? element.value : null);
      const position = parser.mark();
      if (parser.canConsume(']')) parser.rewindTo(position);
      else if (!parser.canConsume(',')) throw new DataException("Array elements missing ',' delimiter");
    }
    if (parser.previous() === ',') throw new DataException(`Array is missing element after ',': ${parser.original}`);
    throw new DataException(`Array is missing terminating ']': ${parser.original}`);
  }

  #parseMap(): ParsedValue {
    const parser = this.#parser;
    let result = new Map<unknown, unknown>();
    const keySchema = new SchemaMerger();
    const valueSchema = new SchemaMerger();
    while (parser.hasNext()) {
      if (parser.canConsume('}')) {
        let mapSchema: Schema;
        const keys = keySchema.schema();
        const values = valueSchema.schema();
        if (keys !== null && values !== null) {
          mapSchema = SchemaBuilder.map(keys, values).build();
          result = this.#alignMap(result, keys, values);
        } else if (keys !== null) {
          mapSchema = new ConnectSchema({ type: 'MAP', keySchema: keys });
          result = this.#alignMap(result, keys, null);
        } else {
          mapSchema = new ConnectSchema({ type: 'MAP' });
        }
        return { schema: mapSchema, value: result };
      }
      if (parser.canConsume(',')) throw new DataException(`Unable to parse a map entry with no key or value: ${parser.original}`);
      const key = this.parse(true);
      if (key === null || key.value === null) throw new DataException(`Map entry may not have a null key: ${parser.original}`);
      if (!parser.canConsume(':')) throw new DataException(`Map entry is missing ':' at ${parser.position()} in ${parser.original}`);
      const value = this.parse(true);
      setEntry(result, key.value, value !== null ? value.value : null);
      parser.canConsume(',');
      keySchema.merge(key);
      valueSchema.merge(value);
    }
    if (parser.previous() === ',') throw new DataException(`Map is missing element after ',': ${parser.original}`);
    throw new DataException(`Map is missing terminating '}': ${parser.original}`);
  }

  #alignMap(map: Map<unknown, unknown>, keys: Schema, values: Schema | null): Map<unknown, unknown> {
    const aligned = new Map<unknown, unknown>();
    for (const [key, value] of map) setEntry(aligned, this.#align(keys, key), values === null ? value : this.#align(values, value));
    return aligned;
  }

  /** Times and timestamps span several tokens (an unescaped colon splits them), so the next four are tried with this one. */
  #parseMultipleTokensAsTemporal(token: string): ParsedValue | null {
    const parser = this.#parser;
    const position = parser.mark();
    const remainder = parser.nextTokens(4);
    if (remainder !== null) {
      const temporal = parseAsTemporal(token + remainder);
      if (temporal !== null) return temporal;
    }
    parser.rewindTo(position);
    return parseAsTemporal(token);
  }
}

/** Map keys as Java's HashMap sees them: equal numbers of one type are one key. */
function setEntry(map: Map<unknown, unknown>, key: unknown, value: unknown): void {
  if (key instanceof SizedNumber) {
    for (const existing of map.keys()) {
      if (existing instanceof SizedNumber && existing.type === key.type && existing.value === key.value) {
        map.set(existing, value);
        return;
      }
    }
  }
  map.set(key, value);
}

function javaTrimmed(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && token.charCodeAt(start) <= 0x20) start++;
  while (end > start && token.charCodeAt(end - 1) <= 0x20) end--;
  return token.slice(start, end);
}

function parseAsTemporal(text: string): ParsedValue | null {
  // Escaped colons are accepted as colons.
  const token = text.replaceAll('\\:', ':');
  const lengths: Readonly<Record<number, [IsoPattern, Schema]>> = {
    13: ['time', TIME_SCHEMA],
    24: ['timestamp', TIMESTAMP_SCHEMA],
    10: ['date', DATE_SCHEMA],
  };
  const match = lengths[token.length];
  if (match === undefined) return null;
  const date = parseIso(token, match[0]);
  return date === null ? null : { schema: match[1], value: date };
}

/** A number token: the smallest exact integer type, else float32 or float64 when finite, else a Decimal. */
function parseAsNumber(token: string): ParsedValue | null {
  if (!JAVA_DECIMAL.test(token)) return null;
  const decimal = BigDecimal.parse(token);
  const exact = parseAsExactDecimal(decimal);
  if (exact !== null) return exact;
  const double = Number(token);
  const float = Math.fround(double);
  if (Number.isFinite(float) && decimal.scale !== 0) return { schema: Schemas.FLOAT32, value: new SizedNumber('FLOAT32', float) };
  if (Number.isFinite(double) && decimal.scale !== 0) return { schema: Schemas.FLOAT64, value: double };
  return { schema: Decimal.schema(decimal.scale), value: decimal };
}

function parseAsExactDecimal(decimal: BigDecimal): ParsedValue | null {
  const abs = decimal.unscaled < 0n ? new BigDecimal(-decimal.unscaled, decimal.scale) : decimal;
  if (abs.compareTo(BIGGER_THAN_LONG) > 0 || (abs.compareTo(ONE) < 0 && abs.unscaled !== 0n)) return null;
  if (!isWholeNumber(decimal)) return null;
  const integral = decimal.toBigInt();
  if (integral < LONG_MIN || integral > LONG_MAX) return null;
  const value = Number(integral);
  if (value >= -128 && value <= 127) return { schema: Schemas.INT8, value: new SizedNumber('INT8', value) };
  if (value >= -32768 && value <= 32767) return { schema: Schemas.INT16, value: new SizedNumber('INT16', value) };
  if (value >= -2147483648 && value <= 2147483647) return { schema: Schemas.INT32, value: new SizedNumber('INT32', value) };
  return { schema: Schemas.INT64, value: integral };
}

function isWholeNumber(decimal: BigDecimal): boolean {
  return decimal.unscaled === 0n || decimal.scale <= 0 || decimal.unscaled % 10n ** BigInt(decimal.scale) === 0n;
}

/**
 * The common schema of a list's elements or a map's keys or values (Kafka's `SchemaMerger`):
 * numbers widen to the wider type, anything else must be of one type.
 */
class SchemaMerger {
  #common: Schema | null = null;
  #compatible = true;

  merge(latest: ParsedValue | null): void {
    if (latest === null || latest.schema === null || !this.#compatible) return;
    if (this.#common === null) {
      this.#common = latest.schema;
    } else {
      this.#common = mergeSchemas(this.#common, latest.schema);
      this.#compatible = this.#common !== null;
    }
  }

  schema(): Schema | null {
    return this.#common;
  }
}

const NUMERIC_ORDER: readonly SchemaType[] = ['INT8', 'INT16', 'INT32', 'INT64', 'FLOAT32', 'FLOAT64'];

function mergeSchemas(previous: Schema, latest: Schema): Schema | null {
  if (previous.type !== latest.type) {
    const previousRank = NUMERIC_ORDER.indexOf(previous.type);
    const latestRank = NUMERIC_ORDER.indexOf(latest.type);
    if (previousRank < 0 || latestRank < 0) return null;
    return latestRank > previousRank ? latest : previous;
  }
  // The same type: the optional one if either is; two required ones keep the latest (nested types unchecked).
  if (previous.optional === latest.optional) return previous.optional ? previous : latest;
  return null;
}
