// Schemaless Connect data → JSON bytes in one pass, for JsonConverter with schemas disabled: the
// bytes of connectToJson's text in UTF-8, written straight into a buffer. Records are mostly many
// small strings, and joining their texts into one string and flattening it to encode it cost more
// than the JSON itself. Anything but strings, numbers, booleans, nulls, string-keyed maps and
// lists is written by connectToJson, so this file only needs to agree with it on those.
import { copyBytes } from '../utf8-slab.ts';
import { connectToJson, type JsonWriteOptions } from './connect-to-json.ts';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-bytes.ts';
import { jsonDouble } from './json-writer.ts';

const HEX = Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
/** Jackson's two-character escapes of control characters (`\b`, `\t`, `\n`, `\f`, `\r`); 0 where it writes `\u00XX`. */
const SHORT_ESCAPES = new Uint8Array(0x20);
SHORT_ESCAPES.set([0x62, 0x74, 0x6e, 0, 0x66, 0x72], 8);
// What a string literal cannot simply copy: what Jackson escapes, and anything beyond ASCII.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is looked for.
const NOT_PLAIN = /["\\\u0000-\u001f\u0080-\uffff]/;
// From this length a native check and copy beat a loop over the characters.
const NATIVE_COPY_LENGTH = 32;
// The most a UTF-16 unit can take inside a string literal: `\uXXXX`.
const MAX_ESCAPED = 6;
const INITIAL_SCRATCH = 16 * 1024;
// A scratch buffer grown by a huge record is dropped rather than kept.
const MAX_KEPT_SCRATCH = 1024 * 1024;

class ByteWriter {
  bytes = Buffer.allocUnsafeSlow(INITIAL_SCRATCH);
  length = 0;

  ensure(room: number): void {
    const needed = this.length + room;
    if (needed <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.ensure(1);
    this.bytes[this.length++] = b;
  }

  /** Text made only of ASCII characters (numbers, literals). */
  ascii(text: string): void {
    this.ensure(text.length);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Any text in UTF-8, as Buffer.from writes it (a lone surrogate as U+FFFD). */
  text(text: string): void {
    this.ensure(text.length * 3);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        bytes[at++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const code = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          bytes[at++] = 0xf0 | (code >> 18);
          bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
          bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
          bytes[at++] = 0x80 | (code & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      at = encodeBmp(bytes, at, c);
    }
    this.length = at;
  }

  /** A JSON string literal, escaped as Jackson escapes it (see jsonString). */
  string(value: string): void {
    this.ensure(value.length * MAX_ESCAPED + 2);
    const bytes = this.bytes;
    let at = this.length;
    bytes[at++] = QUOTE;
    if (value.length >= NATIVE_COPY_LENGTH && !NOT_PLAIN.test(value)) {
      // Long plain text (descriptions, notes): checked and copied natively.
      at += bytes.write(value, at, 'latin1');
      bytes[at++] = QUOTE;
      this.length = at;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
          bytes[at++] = c;
        } else if (c >= 0x20) {
          bytes[at++] = BACKSLASH;
          bytes[at++] = c;
        } else {
          bytes[at++] = BACKSLASH;
          const short = SHORT_ESCAPES[c] as number;
          if (short !== 0) bytes[at++] = short;
          else at = unicodeEscape(bytes, at, c);
        }
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // Jackson escapes every surrogate, even a well-formed pair.
        bytes[at++] = BACKSLASH;
        at = unicodeEscape(bytes, at, c);
      } else {
        at = encodeBmp(bytes, at, c);
      }
    }
    bytes[at++] = QUOTE;
    this.length = at;
  }

  value(value: unknown, options: JsonWriteOptions): void {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'bigint':
        this.ascii(value.toString());
        return;
      case 'number':
        this.ascii(jsonDouble(value));
        return;
      case 'boolean':
        this.ascii(value ? 'true' : 'false');
        return;
      case 'undefined':
        this.ascii('null');
        return;
      case 'object':
        if (value === null) {
          this.ascii('null');
          return;
        }
        if (value instanceof Map) {
          this.map(value, options);
          return;
        }
        if (Array.isArray(value)) {
          this.array(value, options);
          return;
        }
        break;
      default:
    }
    this.text(connectToJson(null, value, options) ?? 'null');
  }

  array(items: readonly unknown[], options: JsonWriteOptions): void {
    this.byte(OPEN_BRACKET);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) this.byte(COMMA);
      this.value(items[i], options);
    }
    this.byte(CLOSE_BRACKET);
  }

  /**
   * A map with string keys as an object. A map with any other key is a list of pairs: it is then
   * written again by connectToJson. The values before that key were converted in the same order
   * as connectToJson converts them, so an invalid one fails the same way.
   */
  map(map: ReadonlyMap<unknown, unknown>, options: JsonWriteOptions): void {
    const start = this.length;
    this.byte(OPEN_BRACE);
    let stringKeys = true;
    let first = true;
    map.forEach((item, key) => {
      if (!stringKeys) return;
      if (typeof key !== 'string') {
        stringKeys = false;
        return;
      }
      if (first) first = false;
      else this.byte(COMMA);
      this.string(key);
      this.byte(COLON);
      this.value(item, options);
    });
    if (stringKeys) {
      this.byte(CLOSE_BRACE);
      return;
    }
    this.length = start;
    this.text(connectToJson(null, map, options) as string);
  }
}

function encodeBmp(bytes: Uint8Array, at: number, c: number): number {
  if (c < 0x800) {
    bytes[at] = 0xc0 | (c >> 6);
    bytes[at + 1] = 0x80 | (c & 0x3f);
    return at + 2;
  }
  bytes[at] = 0xe0 | (c >> 12);
  bytes[at + 1] = 0x80 | ((c >> 6) & 0x3f);
  bytes[at + 2] = 0x80 | (c & 0x3f);
  return at + 3;
}

/** `uXXXX` (the backslash is written by the caller), upper-case hex as Jackson writes it. */
function unicodeEscape(bytes: Uint8Array, at: number, c: number): number {
  bytes[at] = 0x75;
  bytes[at + 1] = HEX[(c >> 12) & 15] as number;
  bytes[at + 2] = HEX[(c >> 8) & 15] as number;
  bytes[at + 3] = HEX[(c >> 4) & 15] as number;
  bytes[at + 4] = HEX[c & 15] as number;
  return at + 5;
}

let writer = new ByteWriter();

/**
 * The UTF-8 bytes of `connectToJson(null, value, options)`, or null where that is null (a null
 * value). Small results share a slab's ArrayBuffer, as Buffer.from's pooled results do.
 */
export function schemalessJsonBytes(value: unknown, options: JsonWriteOptions): Uint8Array | null {
  if (value === null || value === undefined) return null;
  const current = writer;
  current.length = 0;
  current.value(value, options);
  const bytes = copyBytes(current.bytes, current.length);
  if (current.bytes.length > MAX_KEPT_SCRATCH) writer = new ByteWriter();
  return bytes;
}
