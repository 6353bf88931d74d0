import { javaTrim } from '../../api/config/java-format.ts';
import { CopycatError } from '../../errors.ts';

/** Text that is not valid base64 for Jackson (its `InvalidFormatException` when reading binary). */
export class InvalidBase64Exception extends CopycatError {
  get kafkaClassName(): string {
    return 'com.fasterxml.jackson.databind.exc.InvalidFormatException';
  }

  constructor(reason: string) {
    super(`Cannot access contents of TextNode as binary due to broken Base64 encoding: ${reason}`);
    this.name = 'InvalidBase64Exception';
  }
}

// Canonical padded base64, which Node decodes natively; anything else takes Jackson's rules below.
const CANONICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const PADDING = -2;

/**
 * Decodes base64 the way JsonConverter reads BYTES (Jackson's `TextNode.binaryValue()` with the
 * MIME-NO-LINEFEEDS variant): the text is trimmed, padding is required, white space is allowed
 * only between 4-character units, and padded units may follow each other (`AQ==AQ==` is 2 bytes).
 */
export function decodeJacksonBase64(text: string): Uint8Array {
  const trimmed = javaTrim(text);
  if (CANONICAL.test(trimmed)) return Buffer.from(trimmed, 'base64');
  const bytes: number[] = [];
  let i = 0;
  const length = trimmed.length;
  for (;;) {
    let c: number;
    do {
      if (i >= length) return Uint8Array.from(bytes);
      c = trimmed.charCodeAt(i++);
    } while (c <= 0x20);
    let bits = checked(c, 0);
    let data = bits;
    if (i >= length) throw missingPadding();
    c = trimmed.charCodeAt(i++);
    data = (data << 6) | checked(c, 1);
    if (i >= length) throw missingPadding();
    c = trimmed.charCodeAt(i++);
    bits = sextet(c);
    if (bits < 0) {
      if (bits !== PADDING) throw invalid(c, 2);
      if (i >= length) throw missingPadding();
      c = trimmed.charCodeAt(i++);
      if (c !== 0x3d) throw invalid(c, 3, "expected padding character '='");
      bytes.push(data >> 4);
      continue;
    }
    data = (data << 6) | bits;
    if (i >= length) throw missingPadding();
    c = trimmed.charCodeAt(i++);
    bits = sextet(c);
    if (bits < 0) {
      if (bits !== PADDING) throw invalid(c, 3);
      data >>= 2;
      bytes.push((data >> 8) & 0xff, data & 0xff);
    } else {
      data = (data << 6) | bits;
      bytes.push((data >> 16) & 0xff, (data >> 8) & 0xff, data & 0xff);
    }
  }
}

function checked(c: number, position: number): number {
  const bits = sextet(c);
  if (bits < 0) throw invalid(c, position);
  return bits;
}

function sextet(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  if (c === 0x3d) return PADDING;
  return -1;
}

function invalid(c: number, position: number, reason?: string): InvalidBase64Exception {
  const hex = c.toString(16);
  const base =
    c <= 0x20
      ? `Illegal white space character (code 0x${hex}) as character #${position + 1} of 4-char base64 unit: can only used between units`
      : c === 0x3d
        ? `Unexpected padding character ('=') as character #${position + 1} of 4-char base64 unit: padding only legal as 3rd or 4th character`
        : `Illegal character '${String.fromCharCode(c)}' (code 0x${hex}) in base64 content`;
  return new InvalidBase64Exception(reason === undefined ? base : `${base}: ${reason}`);
}

function missingPadding(): InvalidBase64Exception {
  return new InvalidBase64Exception(
    "Unexpected end of base64-encoded String: base64 variant 'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) at the end. This Base64Variant might have been incorrectly configured",
  );
}
