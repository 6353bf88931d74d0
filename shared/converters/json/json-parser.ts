// A JSON reader that reads what Kafka Connect's JsonConverter (Jackson, with leading zeros allowed and
// floats read as BigDecimal) reads, and rejects what it rejects. JSON.parse cannot stand in for it:
// it loses the difference between 1 and 1.0, rounds integers beyond 2^53 and refuses leading zeros.
import { decimalTextToDouble } from '../java-numbers.ts';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-bytes.ts';
import { JsonFloat, JsonObject, JsonParseException, type JsonValue, MISSING, type Missing } from './json-tree.ts';

// Jackson's StreamReadConstraints defaults.
const MAX_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
// What ends a plain run inside a string: an escape or a character that must have been escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for.
const SPECIAL = /[\\\u0000-\u001f]/g;

/** A top-level object read by {@link parseEnvelope}: the `schema` entry's raw text and the other entries. */
export class ParsedEnvelope {
  /** The raw text of the last `schema` entry, undefined when there is none. */
  readonly schemaText: string | undefined;
  /** Every other top-level entry, parsed. */
  readonly entries: JsonObject;

  constructor(schemaText: string | undefined, entries: JsonObject) {
    this.schemaText = schemaText;
    this.entries = entries;
  }
}

/** Parses a whole document as Jackson's tree; {@link MISSING} when there is no value. */
export function parseJson(text: string): JsonValue | Missing {
  return new JsonParser(text, false).parseRoot() as JsonValue | Missing;
}

/**
 * Parses a whole document straight into Connect's schemaless values, as JsonConverter does with
 * schemas disabled: integers become `bigint` (Java's long, wrapping beyond 64 bits), other numbers
 * `number`, objects `Map<string, unknown>`. Empty input is null.
 */
export function parseJsonSchemaless(text: string): unknown {
  const value = new JsonParser(text, true).parseRoot() as JsonValue | Missing;
  return value === MISSING ? null : value;
}

/**
 * Parses a document that should be a `{"schema":...,"payload":...}` envelope. The schema is only
 * checked, not built, so that a converter can look its text up in a cache first; a schema whose
 * text is one of `knownSchemas` (complete JSON objects seen before) is recognised by comparing the
 * text, without reading it again, and `schemaText` is then that very string. Returns the parsed
 * value instead when the document is not an object.
 */
export function parseEnvelope(text: string, knownSchemas: readonly string[] = []): ParsedEnvelope | JsonValue | Missing {
  return new JsonParser(text, false, knownSchemas).parseRoot(true);
}

class JsonParser {
  readonly #text: string;
  readonly #length: number;
  /** Integers as Java longs (`bigint`) and floats as doubles, as schemaless Connect data wants them. */
  readonly #schemaless: boolean;
  readonly #knownSchemas: readonly string[];
  #pos = 0;
  #depth = 0;
  /** Where the next backslash or control character is, as far as known (see {@link #nextSpecialFrom}). */
  #nextSpecial = -1;

  constructor(text: string, schemaless: boolean, knownSchemas: readonly string[] = []) {
    this.#text = text;
    this.#length = text.length;
    this.#schemaless = schemaless;
    this.#knownSchemas = knownSchemas;
  }

  parseRoot(envelope = false): JsonValue | Missing | ParsedEnvelope {
    this.#skipWhiteSpace();
    if (this.#pos >= this.#length) return MISSING;
    const first = this.#text.charCodeAt(this.#pos);
    if (envelope && first === OPEN_BRACE) return this.#parseEnvelopeObject();
    const value = this.#parseValue();
    // Jackson reads one value and ignores what follows, except right after a number, which must end
    // at white space ("1x" fails, "1 x" and "[1]x" pass).
    if ((first === MINUS || (first >= ZERO && first <= NINE)) && this.#pos < this.#length) {
      const next = this.#text.charCodeAt(this.#pos);
      if (!isWhiteSpace(next)) throw this.#error(`Unexpected character (${describe(next)}): Expected space separating root-level values`);
    }
    return value;
  }

  #parseValue(): JsonValue {
    const text = this.#text;
    const c = text.charCodeAt(this.#pos);
    switch (c) {
      case QUOTE:
        return this.#parseString();
      case OPEN_BRACE:
        return this.#parseObject();
      case OPEN_BRACKET:
        return this.#parseArray();
      case 0x74: // t
        this.#expectLiteral('true');
        return true;
      case 0x66: // f
        this.#expectLiteral('false');
        return false;
      case 0x6e: // n
        this.#expectLiteral('null');
        return null;
      default:
        if (c === MINUS || (c >= ZERO && c <= NINE)) return this.#parseNumber();
        throw this.#unexpectedValueStart(c);
    }
  }

  #parseObject(): JsonObject {
    this.#enter();
    // Schemaless, objects are final Connect values: Maps (typed as nodes here, like the numbers).
    const result = (this.#schemaless ? new Map<string, JsonValue>() : new JsonObject()) as JsonObject;
    this.#pos++;
    this.#skipWhiteSpace();
    if (this.#peek() === CLOSE_BRACE) {
      this.#pos++;
      this.#depth--;
      return result;
    }
    for (;;) {
      const key = this.#parseKey();
      result.set(key, this.#parseValue());
      this.#skipWhiteSpace();
      const c = this.#peek();
      this.#pos++;
      if (c === COMMA) {
        this.#skipWhiteSpace();
        continue;
      }
      if (c === CLOSE_BRACE) break;
      this.#pos--;
      throw this.#unexpected(c, 'was expecting comma to separate Object entries');
    }
    this.#depth--;
    return result;
  }

  #parseEnvelopeObject(): ParsedEnvelope {
    this.#enter();
    const entries = new JsonObject();
    let schemaText: string | undefined;
    this.#pos++;
    this.#skipWhiteSpace();
    if (this.#peek() === CLOSE_BRACE) {
      this.#pos++;
      return new ParsedEnvelope(schemaText, entries);
    }
    for (;;) {
      const key = this.#parseKey();
      if (key === 'schema') {
        schemaText = this.#knownSchemaAt(this.#pos);
        if (schemaText !== undefined) {
          this.#pos += schemaText.length;
        } else {
          const start = this.#pos;
          this.#skipValue();
          schemaText = this.#text.slice(start, this.#pos);
        }
      } else {
        entries.set(key, this.#parseValue());
      }
      this.#skipWhiteSpace();
      const c = this.#peek();
      this.#pos++;
      if (c === COMMA) {
        this.#skipWhiteSpace();
        continue;
      }
      if (c === CLOSE_BRACE) break;
      this.#pos--;
      throw this.#unexpected(c, 'was expecting comma to separate Object entries');
    }
    return new ParsedEnvelope(schemaText, entries);
  }

  /**
   * The known schema text that starts at `index`, if any. Each is a complete JSON object, so a
   * matching prefix is the whole value: the object ends where its text does.
   */
  #knownSchemaAt(index: number): string | undefined {
    // Comparing a substring is far faster in V8 than startsWith at an offset.
    for (const known of this.#knownSchemas) if (this.#text.substring(index, index + known.length) === known) return known;
    return undefined;
  }

  /** A field name, the colon after it and the white space before its value. */
  #parseKey(): string {
    const c = this.#peek();
    if (c !== QUOTE) throw this.#unexpected(c, 'was expecting double-quote to start field name');
    const key = this.#parseString();
    this.#skipWhiteSpace();
    const colon = this.#peek();
    if (colon !== COLON) throw this.#unexpected(colon, 'was expecting a colon to separate field name and value');
    this.#pos++;
    this.#skipWhiteSpace();
    return key;
  }

  #parseArray(): JsonValue[] {
    this.#enter();
    const result: JsonValue[] = [];
    this.#pos++;
    this.#skipWhiteSpace();
    if (this.#peek() === CLOSE_BRACKET) {
      this.#pos++;
      this.#depth--;
      return result;
    }
    for (;;) {
      const c = this.#peek();
      if (c === CLOSE_BRACKET || c === COMMA) throw this.#unexpected(c, 'expected a value');
      result.push(this.#parseValue());
      this.#skipWhiteSpace();
      const next = this.#peek();
      this.#pos++;
      if (next === COMMA) {
        this.#skipWhiteSpace();
        continue;
      }
      if (next === CLOSE_BRACKET) break;
      this.#pos--;
      throw this.#unexpected(next, 'was expecting comma to separate Array entries');
    }
    this.#depth--;
    return result;
  }

  #parseString(): string {
    const text = this.#text;
    const start = this.#pos + 1;
    // Most strings hold no escape and no control character: find the closing quote natively and
    // check that nothing special comes before it.
    const close = text.indexOf('"', start);
    if (close >= 0 && this.#nextSpecialFrom(start) > close) {
      this.#pos = close + 1;
      return text.slice(start, close);
    }
    let i = start;
    for (;;) {
      if (i >= this.#length) throw this.#eof('a String value');
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.#pos = i + 1;
        return text.slice(start, i);
      }
      if (c === BACKSLASH) break;
      if (c < 0x20) throw this.#controlCharacter(c, i);
      i++;
    }
    // Escapes: build the string from the plain runs and the decoded escapes.
    let result = text.slice(start, i);
    for (;;) {
      if (i >= this.#length) throw this.#eof('a String value');
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.#pos = i + 1;
        return result;
      }
      if (c === BACKSLASH) {
        const [decoded, next] = this.#decodeEscape(i);
        result += decoded;
        i = next;
        continue;
      }
      if (c < 0x20) throw this.#controlCharacter(c, i);
      let end = i + 1;
      while (end < this.#length) {
        const d = text.charCodeAt(end);
        if (d === QUOTE || d === BACKSLASH || d < 0x20) break;
        end++;
      }
      result += text.slice(i, end);
      i = end;
    }
  }

  /**
   * The index of the first backslash or control character at or after `from` (the text's length
   * when there is none), remembered so that one native search serves every string before it.
   */
  #nextSpecialFrom(from: number): number {
    if (this.#nextSpecial < from) {
      SPECIAL.lastIndex = from;
      this.#nextSpecial = SPECIAL.test(this.#text) ? SPECIAL.lastIndex - 1 : this.#length;
    }
    return this.#nextSpecial;
  }

  /** The character an escape at `index` stands for, and the index after it. */
  #decodeEscape(index: number): [string, number] {
    if (index + 1 >= this.#length) throw this.#eof('a String value');
    const c = this.#text.charCodeAt(index + 1);
    switch (c) {
      case QUOTE:
        return ['"', index + 2];
      case BACKSLASH:
        return ['\\', index + 2];
      case 0x2f:
        return ['/', index + 2];
      case 0x62:
        return ['\b', index + 2];
      case 0x66:
        return ['\f', index + 2];
      case 0x6e:
        return ['\n', index + 2];
      case 0x72:
        return ['\r', index + 2];
      case 0x74:
        return ['\t', index + 2];
      case 0x75: {
        let code = 0;
        for (let k = index + 2; k < index + 6; k++) {
          if (k >= this.#length) throw this.#eof('a String value');
          const digit = hexValue(this.#text.charCodeAt(k));
          if (digit < 0) {
            this.#pos = k;
            throw this.#unexpected(this.#text.charCodeAt(k), 'expected a hex-digit for character escape sequence');
          }
          code = code * 16 + digit;
        }
        return [String.fromCharCode(code), index + 6];
      }
      default:
        this.#pos = index + 1;
        throw this.#error(`Unrecognized character escape ${describe(c)}`);
    }
  }

  #parseNumber(): JsonValue {
    const text = this.#text;
    const start = this.#pos;
    let i = start;
    const negative = text.charCodeAt(i) === MINUS;
    if (negative) i++;
    const digitsStart = i;
    let integer = 0;
    for (; i < this.#length; i++) {
      const c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      integer = integer * 10 + (c - ZERO);
    }
    const digits = i - digitsStart;
    if (digits === 0) {
      if (i >= this.#length) throw this.#eof('a Number value');
      this.#pos = i;
      throw this.#unexpected(text.charCodeAt(i), 'expected digit (0-9) to follow minus sign, for valid numeric value', ' in numeric value');
    }
    if (digits > MAX_NUMBER_LENGTH) {
      throw this.#error(`Number value length (${digits}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH})`);
    }
    let c = i < this.#length ? text.charCodeAt(i) : -1;
    let isFloat = false;
    if (c === DOT) {
      isFloat = true;
      i = this.#scanDigits(i + 1, 'Decimal point not followed by a digit');
      c = i < this.#length ? text.charCodeAt(i) : -1;
    }
    if (c === 0x65 || c === 0x45) {
      isFloat = true;
      i++;
      const sign = i < this.#length ? text.charCodeAt(i) : -1;
      if (sign === MINUS || sign === 0x2b) i++;
      i = this.#scanDigits(i, 'Exponent indicator not followed by a digit');
    }
    this.#pos = i;
    if (isFloat) {
      const token = text.slice(start, i);
      return this.#schemaless ? decimalTextToDouble(token) : new JsonFloat(token);
    }
    if (digits <= 15) {
      // Exact: at most 15 digits always fit a double's integer range.
      const value = negative ? (integer === 0 ? 0 : -integer) : integer;
      return this.#schemaless ? BigInt(value) : value;
    }
    const big = BigInt(text.slice(start, i));
    // Schemaless JSON integers are Java longs: Jackson's longValue() keeps the low 64 bits.
    if (this.#schemaless) return BigInt.asIntN(64, big);
    const small = Number(big);
    return Number.isSafeInteger(small) ? small : big;
  }

  #scanDigits(from: number, message: string): number {
    let i = from;
    while (i < this.#length) {
      const c = this.#text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      i++;
    }
    if (i === from) {
      if (i >= this.#length) throw this.#eof('a Number value');
      this.#pos = i;
      throw this.#unexpected(this.#text.charCodeAt(i), message, ' in numeric value');
    }
    return i;
  }

  #expectLiteral(literal: string): void {
    const text = this.#text;
    const start = this.#pos;
    let end = start;
    // Jackson reads the whole word before judging it, so "truex" is reported as a token.
    while (end < this.#length && isTokenCharacter(text.charCodeAt(end))) end++;
    const token = text.slice(start, end);
    if (token !== literal) {
      throw this.#error(
        `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
      );
    }
    this.#pos = end;
  }

  /** Checks one value, as {@link #parseValue} would, without building it. */
  #skipValue(): void {
    const c = this.#text.charCodeAt(this.#pos);
    switch (c) {
      case QUOTE:
        this.#skipString();
        return;
      case OPEN_BRACE:
        this.#skipContainer(CLOSE_BRACE);
        return;
      case OPEN_BRACKET:
        this.#skipContainer(CLOSE_BRACKET);
        return;
      default:
        // Numbers and literals are small: parsing them is as cheap as checking them.
        this.#parseValue();
    }
  }

  #skipString(): void {
    const text = this.#text;
    let i = this.#pos + 1;
    for (;;) {
      if (i >= this.#length) throw this.#eof('a String value');
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        i = this.#decodeEscape(i)[1];
        continue;
      }
      if (c < 0x20) throw this.#controlCharacter(c, i);
      i++;
    }
    this.#pos = i + 1;
  }

  #skipContainer(close: number): void {
    this.#enter();
    this.#pos++;
    this.#skipWhiteSpace();
    if (this.#peek() === close) {
      this.#pos++;
      this.#depth--;
      return;
    }
    const isObject = close === CLOSE_BRACE;
    for (;;) {
      if (isObject) {
        const c = this.#peek();
        if (c !== QUOTE) throw this.#unexpected(c, 'was expecting double-quote to start field name');
        this.#skipString();
        this.#skipWhiteSpace();
        const colon = this.#peek();
        if (colon !== COLON) throw this.#unexpected(colon, 'was expecting a colon to separate field name and value');
        this.#pos++;
        this.#skipWhiteSpace();
      } else {
        const c = this.#peek();
        if (c === CLOSE_BRACKET || c === COMMA) throw this.#unexpected(c, 'expected a value');
      }
      this.#skipValue();
      this.#skipWhiteSpace();
      const next = this.#peek();
      this.#pos++;
      if (next === COMMA) {
        this.#skipWhiteSpace();
        continue;
      }
      if (next === close) break;
      this.#pos--;
      throw this.#unexpected(next, `was expecting comma to separate ${isObject ? 'Object' : 'Array'} entries`);
    }
    this.#depth--;
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) {
      throw this.#error(`Document nesting depth (${this.#depth}) exceeds the maximum allowed (${MAX_DEPTH})`);
    }
  }

  #peek(): number {
    if (this.#pos >= this.#length) throw this.#eof(this.#depth > 0 ? 'an Object or Array' : 'a value');
    return this.#text.charCodeAt(this.#pos);
  }

  #skipWhiteSpace(): void {
    const text = this.#text;
    let i = this.#pos;
    while (i < this.#length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else if (c < 0x20) {
        this.#pos = i;
        throw this.#error(`Illegal character (${describe(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`);
      } else break;
    }
    this.#pos = i;
  }

  #unexpectedValueStart(c: number): JsonParseException {
    if (Number.isNaN(c)) return this.#eof('a value');
    if (isTokenCharacter(c)) {
      let end = this.#pos;
      while (end < this.#length && isTokenCharacter(this.#text.charCodeAt(end))) end++;
      const token = this.#text.slice(this.#pos, end);
      return this.#error(
        `Unrecognized token '${token}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
      );
    }
    return this.#unexpected(c, "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  }

  #unexpected(c: number, what: string, context = ''): JsonParseException {
    if (Number.isNaN(c)) return this.#eof('a value');
    return this.#error(`Unexpected character (${describe(c)})${context}: ${what}`);
  }

  #controlCharacter(c: number, index: number): JsonParseException {
    this.#pos = index;
    return this.#error(`Illegal unquoted character (${describe(c)}): has to be escaped using backslash to be included in string value`);
  }

  #eof(inside: string): JsonParseException {
    this.#pos = this.#length;
    return this.#error(`Unexpected end-of-input in ${inside}`);
  }

  #error(message: string): JsonParseException {
    return new JsonParseException(`${message}\n at character ${this.#pos + 1} of ${this.#length}`);
  }
}

function isWhiteSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Characters Jackson reads as part of an unquoted word (letters, digits, `_`, `$`, anything non-ASCII). */
function isTokenCharacter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= ZERO && c <= NINE) || c === 0x5f || c === 0x24 || c > 0x7f;
}

function hexValue(c: number): number {
  if (c >= ZERO && c <= NINE) return c - ZERO;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** A character as Jackson names it in messages: `'x' (code 120)`, `(CTRL-CHAR, code 1)`. */
function describe(c: number): string {
  if (c < 0x20) return `(CTRL-CHAR, code ${c})`;
  return `'${String.fromCharCode(c)}' (code ${c})`;
}
