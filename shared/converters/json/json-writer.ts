// JSON text exactly as Kafka Connect's JsonConverter writes it (Jackson's default generator):
// compact, doubles and floats as Java prints them, strings escaped the way Jackson escapes them.
import { formatJavaDouble, formatJavaFloat } from '../../api/data/java-number-format.ts';

// Jackson escapes `"`, `\`, the control characters and, by default, every UTF-16 surrogate (so a
// character outside the BMP comes out as two \uXXXX escapes, never as 4 UTF-8 bytes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be escaped.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const HEX = '0123456789ABCDEF';

/** A JSON string literal, escaped as Jackson escapes it (`\n`, `\u0001`, `\uD83D\uDE00`). */
export function jsonString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let result = '"';
  let runStart = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    let replacement: string | undefined;
    if (c === 0x22) replacement = '\\"';
    else if (c === 0x5c) replacement = '\\\\';
    else if (c < 0x20) replacement = SHORT_ESCAPES[c] ?? unicodeEscape(c);
    else if (c >= 0xd800 && c <= 0xdfff) replacement = unicodeEscape(c);
    if (replacement !== undefined) {
      result += value.slice(runStart, i) + replacement;
      runStart = i + 1;
    }
  }
  return `${result}${value.slice(runStart)}"`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

function unicodeEscape(c: number): string {
  return `\\u${HEX[(c >> 12) & 15]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
}

/** A double as Jackson writes it: Java's `Double.toString`, and NaN/Infinity as strings. */
export function jsonDouble(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    // The common case, fast: here Java prints plain notation with the same shortest digits as
    // JavaScript, and always a fraction ("3.0").
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  return Number.isFinite(value) ? formatJavaDouble(value) : `"${formatJavaDouble(value)}"`;
}

/** A float as Jackson writes it: Java's `Float.toString`, and NaN/Infinity as strings. */
export function jsonFloat(value: number): string {
  return Number.isFinite(value) ? formatJavaFloat(value) : `"${formatJavaFloat(value)}"`;
}

/** Bytes as Jackson writes binary: a base64 string (standard alphabet, padded, no line breaks). */
export function jsonBytes(bytes: Uint8Array): string {
  return `"${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}"`;
}
