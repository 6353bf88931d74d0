import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SizedNumber } from '../../../shared/api/data/index.ts';
import { connectToJson } from '../../../shared/converters/json/connect-to-json.ts';
import { schemalessJsonBytes } from '../../../shared/converters/json/schemaless-json-bytes.ts';
import { copyBytes, utf8Bytes } from '../../../shared/converters/utf8-slab.ts';

const OPTIONS = { replaceNullWithDefault: true, decimalNumeric: false };

/** What the byte writer must equal: connectToJson's text in UTF-8. */
function reference(value: unknown): string | null {
  const json = connectToJson(null, value, OPTIONS);
  return json === null ? null : Buffer.from(json, 'utf8').toString('hex');
}

function written(value: unknown): string | null {
  const bytes = schemalessJsonBytes(value, OPTIONS);
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

// Characters each escaping path cares about: quote, backslash, the short and \u00XX control
// escapes, 0x7f, two- and three-byte UTF-8, a surrogate pair and lone surrogates.
const CHARACTERS = [
  'a',
  'Z',
  ' ',
  '/',
  '"',
  '\\',
  '\b',
  '\t',
  '\n',
  '\f',
  '\r',
  '\u0000',
  '\u001f',
  '\u000b',
  '\u007f',
  'é',
  '€',
  '\uffff',
  '😀',
  '\ud800',
  '\udfff',
];

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(next: () => number): string {
  // Long plain runs take the native copy; a single special character anywhere must not.
  const length = next() < 0.3 ? 32 + Math.floor(next() * 100) : Math.floor(next() * 12);
  const special = next() < 0.5;
  let text = '';
  for (let i = 0; i < length; i++) {
    text +=
      special && next() < 0.2 ? (CHARACTERS[Math.floor(next() * CHARACTERS.length)] as string) : 'abcxyz 019'[Math.floor(next() * 10)];
  }
  return text;
}

const NUMBERS = [
  0,
  -0,
  1,
  -1.5,
  0.1,
  1e7,
  1e-3,
  9.99e-4,
  123456789.125,
  1e21,
  5e-324,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0:
      return randomString(next);
    case 1:
      return BigInt(Math.floor((next() - 0.5) * 2 ** 40)) * (next() < 0.1 ? 2n ** 23n : 1n);
    case 2:
      return NUMBERS[Math.floor(next() * NUMBERS.length)];
    case 3:
      return next() < 0.5;
    case 4:
      return next() < 0.5 ? null : undefined;
    case 5:
      return next() < 0.5 ? new SizedNumber('FLOAT32', next()) : new Uint8Array([1, 2, 255]);
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const map = new Map<unknown, unknown>();
      const size = Math.floor(next() * 5);
      for (let i = 0; i < size; i++) map.set(next() < 0.05 ? BigInt(i) : randomString(next), randomValue(next, depth + 1));
      return map;
    }
  }
}

describe('the schemaless JSON byte writer', () => {
  it('when given any schemaless value, it writes the UTF-8 bytes of the JSON text connectToJson writes', () => {
    // Prepare
    const next = random(20261204);

    for (let i = 0; i < 5000; i++) {
      const value = randomValue(next, 0);

      // Act
      const actual = written(value);

      // Assess
      assert.equal(actual, reference(value), `value #${i}`);
    }
  });

  it('when a long string has one character to escape or encode, it escapes it as Jackson does', () => {
    // Prepare
    const plain = 'x'.repeat(40);
    const cases = ['"', '\\', '\u0001', '\n', '\u007f', 'é', '😀', '\ud800'].map((c) => new Map([['k', plain + c + plain]]));

    // Act / Assess
    for (const value of cases) assert.equal(written(value), reference(value));
    assert.equal(
      Buffer.from(written(new Map([['k', `${plain}\u0001😀`]])) ?? '', 'hex').toString(),
      `{"k":"${plain}\\u0001\\uD83D\\uDE00"}`,
    );
  });

  it('when a map has a key that is not a string, it writes a list of pairs, as connectToJson does', () => {
    // Prepare
    const value = new Map<unknown, unknown>([
      ['a', 1n],
      [2n, 'b'],
    ]);

    // Act / Assess
    assert.equal(Buffer.from(written(value) ?? '', 'hex').toString(), '[["a",1],[2,"b"]]');
  });

  it('when a value cannot be written, it fails with the message connectToJson gives', () => {
    // Prepare
    const value = new Map<string, unknown>([
      ['ok', 'x'],
      ['bad', Symbol('x')],
    ]);

    let message = '';
    try {
      connectToJson(null, value, OPTIONS);
    } catch (error) {
      message = (error as Error).message;
    }

    // Act / Assess
    assert.match(message, /does not have corresponding schema type/);
    assert.throws(() => schemalessJsonBytes(value, OPTIONS), { message });
  });

  it('when the value is null, it writes no bytes at all', () => {
    assert.equal(schemalessJsonBytes(null, OPTIONS), null);
    assert.equal(schemalessJsonBytes(undefined, OPTIONS), null);
  });

  it('when a record is bigger than the scratch buffer, it grows and writes it whole', () => {
    // Prepare
    const value = new Map([['big', 'é'.repeat(200_000)]]);

    // Act / Assess
    assert.equal(written(value), reference(value));
  });
});

describe('the UTF-8 slab', () => {
  it('when bytes are taken one after another, each keeps its own content', () => {
    // Prepare
    const scratch = Buffer.from('scratch-bytes');

    // Act
    const results = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? utf8Bytes(`text-${i}-é`) : copyBytes(scratch, 7)));
    scratch.fill(0);

    // Assess
    results.forEach((bytes, i) => {
      assert.equal(Buffer.from(bytes).toString(), i % 2 === 0 ? `text-${i}-é` : 'scratch');
    });
  });

  it('when text has a lone surrogate or is long, it encodes it as Buffer.from does', () => {
    for (const text of ['a\ud800b', '\udc00', 'x'.repeat(10_000)])
      assert.deepEqual(Buffer.from(utf8Bytes(text)), Buffer.from(text, 'utf8'));
  });
});
