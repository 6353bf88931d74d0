// Text ↔ bytes with Java's rules (`new String(bytes, charset)`, `String.getBytes(charset)`), for the
// charsets Copycat supports. Java replaces what it cannot decode with U+FFFD and what it cannot
// encode with '?', in ways that differ from Node's decoders in the corners (a lone surrogate is '?'
// in Java's UTF-8, U+FFFD's bytes in Node's), so the corners are done here by hand.
import { utf8Bytes } from './utf8-slab.ts';

/** A character set by its Java name, with Java's replacement behaviour both ways. */
export interface JavaCharset {
  /** Java's canonical name, e.g. `UTF-8`. */
  readonly name: string;
  decode(bytes: Uint8Array): string;
  encode(text: string): Uint8Array;
}

const REPLACEMENT = '\uFFFD';
const QUESTION_MARK = 0x3f;

const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Java's `new String(bytes, UTF_8)`: malformed input becomes U+FFFD, a byte order mark is kept. */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = utf8Decoder.decode(bytes);
  // Node and Java replace malformed input alike except in corners (e.g. an encoded surrogate is one
  // U+FFFD in Java, three in Node); only text with a replacement character can be such a corner.
  return text.includes(REPLACEMENT) ? decodeUtf8AsJava(bytes) : text;
}

/** Java's `String.getBytes(UTF_8)`: a lone surrogate becomes '?'. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Bytes(text.isWellFormed() ? text : text.replace(LONE_SURROGATE, '?'));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Java's UTF-8 decoder with replacement (`String.decodeUTF8_UTF16`), byte for byte. */
function decodeUtf8AsJava(src: Uint8Array): string {
  const out: number[] = [];
  const length = src.length;
  let sp = 0;
  const byteAt = (index: number): number => ((src[index] as number) << 24) >> 24; // Java's signed byte
  while (sp < length) {
    let b1 = byteAt(sp++);
    if (b1 >= 0) {
      out.push(b1);
    } else if (b1 >> 5 === -2 && (b1 & 0x1e) !== 0) {
      if (sp < length) {
        const b2 = byteAt(sp++);
        if (isNotContinuation(b2)) {
          out.push(0xfffd);
          sp--;
        } else {
          out.push(((b1 << 6) ^ b2 ^ (((0xc0 << 24) >> 24) << 6) ^ ((0x80 << 24) >> 24)) & 0xffff);
        }
        continue;
      }
      out.push(0xfffd);
      break;
    } else if (b1 >> 4 === -2) {
      if (sp + 1 < length) {
        const b2 = byteAt(sp++);
        const b3 = byteAt(sp++);
        if (isMalformed3(b1, b2, b3)) {
          out.push(0xfffd);
          sp -= 3;
          sp += malformed3(b1, byteAt(sp + 1));
        } else {
          const c =
            ((b1 << 12) ^ (b2 << 6) ^ (b3 ^ (((0xe0 << 24) >> 24) << 12) ^ (((0x80 << 24) >> 24) << 6) ^ ((0x80 << 24) >> 24))) & 0xffff;
          out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
        }
        continue;
      }
      if (sp < length && isMalformed3Prefix(b1, byteAt(sp))) {
        out.push(0xfffd);
        continue;
      }
      out.push(0xfffd);
      break;
    } else if (b1 >> 3 === -2) {
      if (sp + 2 < length) {
        const b2 = byteAt(sp++);
        const b3 = byteAt(sp++);
        const b4 = byteAt(sp++);
        const uc =
          (b1 << 18) ^
          (b2 << 12) ^
          (b3 << 6) ^
          (b4 ^ (((0xf0 << 24) >> 24) << 18) ^ (((0x80 << 24) >> 24) << 12) ^ (((0x80 << 24) >> 24) << 6) ^ ((0x80 << 24) >> 24));
        if (isNotContinuation(b2) || isNotContinuation(b3) || isNotContinuation(b4) || uc < 0x10000 || uc > 0x10ffff) {
          out.push(0xfffd);
          sp -= 4;
          sp += malformed4(src, sp);
        } else {
          out.push(0xd800 + ((uc - 0x10000) >> 10), 0xdc00 + ((uc - 0x10000) & 0x3ff));
        }
        continue;
      }
      b1 &= 0xff;
      if (b1 > 0xf4 || (sp < length && isMalformed4Prefix(b1, (src[sp] as number) & 0xff))) {
        out.push(0xfffd);
        continue;
      }
      sp++;
      out.push(0xfffd);
      if (sp < length && isNotContinuation(byteAt(sp))) continue;
      break;
    } else {
      out.push(0xfffd);
    }
  }
  return fromCharCodes(out);
}

function isNotContinuation(b: number): boolean {
  return (b & 0xc0) !== 0x80;
}

function isMalformed3(b1: number, b2: number, b3: number): boolean {
  return (b1 === (0xe0 << 24) >> 24 && (b2 & 0xe0) === 0x80) || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80;
}

function isMalformed3Prefix(b1: number, b2: number): boolean {
  return (b1 === (0xe0 << 24) >> 24 && (b2 & 0xe0) === 0x80) || (b2 & 0xc0) !== 0x80;
}

function malformed3(b1: number, b2: number): number {
  return (b1 === (0xe0 << 24) >> 24 && (b2 & 0xe0) === 0x80) || isNotContinuation(b2) ? 1 : 2;
}

function isMalformed4Prefix(b1: number, b2: number): boolean {
  return (b1 === 0xf0 && (b2 < 0x90 || b2 > 0xbf)) || (b1 === 0xf4 && (b2 & 0xf0) !== 0x80) || (b2 & 0xc0) !== 0x80;
}

function malformed4(src: Uint8Array, start: number): number {
  const b1 = src[start] as number;
  const b2 = src[start + 1] as number;
  if (b1 > 0xf4 || (b1 === 0xf0 && (b2 < 0x90 || b2 > 0xbf)) || (b1 === 0xf4 && (b2 & 0xf0) !== 0x80) || isNotContinuation(b2)) return 1;
  return isNotContinuation(src[start + 2] as number) ? 2 : 3;
}

function fromCharCodes(codes: readonly number[]): string {
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.slice(i, i + 8192));
  return text;
}

/** Java's single-byte encoders: each character above `max` (a surrogate pair counting as one) becomes '?'. */
function encodeSingleByte(text: string, max: number): Uint8Array {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= max) {
      bytes[length++] = c;
      continue;
    }
    bytes[length++] = QUESTION_MARK;
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
  }
  return bytes.subarray(0, length);
}

function decodeAscii(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b < 0x80 ? b : 0xfffd));
    text += String.fromCharCode(...chunk);
  }
  return text;
}

/**
 * Java's UTF-16 decoders: `bigEndian` undefined means "UTF-16", which reads a byte order mark
 * (dropping it) and is big-endian without one. A high surrogate not followed by a low one is one
 * U+FFFD for both units, as Java's decoder does; a lone low surrogate or a final odd byte is U+FFFD.
 */
function decodeUtf16(bytes: Uint8Array, bigEndian: boolean | undefined): string {
  let start = 0;
  let big = bigEndian ?? true;
  if (bigEndian === undefined && bytes.length >= 2) {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) start = 2;
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      start = 2;
      big = false;
    }
  }
  const out: number[] = [];
  const unit = (i: number): number =>
    big ? ((bytes[i] as number) << 8) | (bytes[i + 1] as number) : ((bytes[i + 1] as number) << 8) | (bytes[i] as number);
  let i = start;
  for (; i + 1 < bytes.length; i += 2) {
    const c = unit(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 3 >= bytes.length) {
        out.push(0xfffd);
        i += 2;
        break;
      }
      const low = unit(i + 2);
      if (low >= 0xdc00 && low <= 0xdfff) out.push(c, low);
      else out.push(0xfffd);
      i += 2;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      out.push(0xfffd);
    } else {
      out.push(c);
    }
  }
  if (i < bytes.length) out.push(0xfffd);
  return fromCharCodes(out);
}

/** Java's UTF-16 encoders: a lone surrogate becomes U+FFFD; "UTF-16" writes a big-endian byte order mark first. */
function encodeUtf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const wellFormed = text.isWellFormed() ? text : text.toWellFormed();
  const bytes = new Uint8Array(wellFormed.length * 2 + (bom ? 2 : 0));
  let p = 0;
  if (bom) {
    bytes[p++] = 0xfe;
    bytes[p++] = 0xff;
  }
  for (let i = 0; i < wellFormed.length; i++) {
    const c = wellFormed.charCodeAt(i);
    bytes[p++] = bigEndian ? c >> 8 : c & 0xff;
    bytes[p++] = bigEndian ? c & 0xff : c >> 8;
  }
  return bytes;
}

const UTF_8: JavaCharset = { name: 'UTF-8', decode: decodeUtf8, encode: encodeUtf8 };
const US_ASCII: JavaCharset = { name: 'US-ASCII', decode: decodeAscii, encode: (text) => encodeSingleByte(text, 0x7f) };
const ISO_8859_1: JavaCharset = {
  name: 'ISO-8859-1',
  decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
  encode: (text) => encodeSingleByte(text, 0xff),
};
const UTF_16: JavaCharset = {
  name: 'UTF-16',
  decode: (bytes) => decodeUtf16(bytes, undefined),
  encode: (text) => encodeUtf16(text, true, true),
};
const UTF_16BE: JavaCharset = {
  name: 'UTF-16BE',
  decode: (bytes) => decodeUtf16(bytes, true),
  encode: (text) => encodeUtf16(text, true, false),
};
const UTF_16LE: JavaCharset = {
  name: 'UTF-16LE',
  decode: (bytes) => decodeUtf16(bytes, false),
  encode: (text) => encodeUtf16(text, false, false),
};

/** Java's names and aliases of the supported charsets, lower-cased (Java matches them ignoring case). */
const CHARSETS = new Map<string, JavaCharset>();
for (const [charset, aliases] of [
  [UTF_8, ['UTF8', 'unicode-1-1-utf-8']],
  [
    US_ASCII,
    [
      '646',
      'ANSI_X3.4-1968',
      'ANSI_X3.4-1986',
      'ASCII',
      'IBM367',
      'ISO646-US',
      'ISO_646.irv:1991',
      'ascii7',
      'cp367',
      'csASCII',
      'default',
      'iso-ir-6',
      'iso_646.irv:1983',
      'us',
    ],
  ],
  [
    ISO_8859_1,
    [
      '819',
      '8859_1',
      'IBM-819',
      'IBM819',
      'ISO8859-1',
      'ISO8859_1',
      'ISO_8859-1',
      'ISO_8859-1:1987',
      'ISO_8859_1',
      'cp819',
      'csISOLatin1',
      'iso-ir-100',
      'l1',
      'latin1',
    ],
  ],
  [UTF_16, ['UTF_16', 'UnicodeBig', 'unicode', 'utf16']],
  [UTF_16BE, ['ISO-10646-UCS-2', 'UTF_16BE', 'UnicodeBigUnmarked', 'X-UTF-16BE']],
  [UTF_16LE, ['UTF_16LE', 'UnicodeLittleUnmarked', 'X-UTF-16LE']],
] as const) {
  for (const name of [charset.name, ...aliases]) CHARSETS.set(name.toLowerCase(), charset);
}

/** The charsets Copycat supports, by Java name. */
export const SUPPORTED_CHARSETS: readonly string[] = [UTF_8, US_ASCII, ISO_8859_1, UTF_16, UTF_16BE, UTF_16LE].map((c) => c.name);

/** The charset Java knows by this name or alias (ignoring case), if Copycat supports it. */
export function charsetForName(name: string): JavaCharset | undefined {
  return CHARSETS.get(name.toLowerCase());
}
