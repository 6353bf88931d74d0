// Bytes for the converters' hot path. Buffer.from(text) measures the text first and takes its
// bytes from Node's 8 KiB pool, which a stream of 1 KB records exhausts every few records; writing
// into a bigger slab of our own, with room for the worst case, skips both.
import { markAsUntransferable } from 'node:worker_threads';

const SLAB_SIZE = 64 * 1024;
// Longer results get a buffer of their own, as Node's pool does beyond 4 KiB.
const MAX_SLICE = 8 * 1024;
// Slices start 8-byte aligned, as in Node's pool.
const ALIGN_MASK = ~7;

let slab = newSlab();
let offset = 0;

/**
 * The UTF-8 bytes of `text` (lone surrogates become U+FFFD's bytes, as with Buffer.from). Small
 * results are slices of a shared slab, like Buffer.from's pooled results: they share an
 * ArrayBuffer, so read them through byteOffset and byteLength.
 */
export function utf8Bytes(text: string): Uint8Array {
  // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
  const room = text.length * 3;
  if (room > MAX_SLICE) return Buffer.from(text, 'utf8');
  reserve(room);
  const written = slab.write(text, offset, 'utf8');
  return take(written);
}

/** A copy of the first `length` bytes of `bytes` (a scratch buffer about to be reused), from the slab when small. */
export function copyBytes(bytes: Uint8Array, length: number): Uint8Array {
  if (length > MAX_SLICE) return Buffer.from(bytes.subarray(0, length));
  reserve(length);
  slab.set(bytes.subarray(0, length), offset);
  return take(length);
}

function reserve(room: number): void {
  if (offset + room > SLAB_SIZE) {
    slab = newSlab();
    offset = 0;
  }
}

function take(length: number): Uint8Array {
  const bytes = slab.subarray(offset, offset + length);
  offset = (offset + length + 7) & ALIGN_MASK;
  return bytes;
}

function newSlab(): Buffer {
  const buffer = Buffer.allocUnsafeSlow(SLAB_SIZE);
  // Transferring one slice's ArrayBuffer to a worker would detach every other slice.
  markAsUntransferable(buffer.buffer);
  return buffer;
}
