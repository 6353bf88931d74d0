// Character sets of Java's `java.util.regex` written as JavaScript `v`-flag class syntax: the
// predefined classes (\d \s \w \h \v, ASCII-only as Java's are by default), POSIX and Unicode
// properties by Java's names, and the set algebra of Java character classes (union, `&&`
// intersection, negation), which the `v` flag expresses directly.

/** A set of code points, as the source of one JavaScript `v`-mode class operand. */
export type CharSet =
  | { readonly kind: 'char'; readonly cp: number }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  /** A ready-made operand: a nested class `[...]` or a property escape `\p{...}`. */
  | { readonly kind: 'source'; readonly source: string }
  | { readonly kind: 'union'; readonly items: readonly CharSet[] }
  | { readonly kind: 'and'; readonly left: CharSet; readonly right: CharSet }
  | { readonly kind: 'not'; readonly inner: CharSet };

export const char = (cp: number): CharSet => ({ kind: 'char', cp });
export const range = (from: number, to: number): CharSet => ({ kind: 'range', from, to });
export const source = (text: string): CharSet => ({ kind: 'source', source: text });
export const union = (...items: CharSet[]): CharSet => ({ kind: 'union', items });
export const not = (inner: CharSet): CharSet => ({ kind: 'not', inner });

/** A code point as it may appear anywhere in a `v`-mode pattern: letters and digits as they are, the rest escaped. */
export function literal(cp: number): string {
  return /^[A-Za-z0-9_]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`;
}

/** The set as one `v`-mode class, e.g. `[a-z[0-9]]`, `[[a-z]&&[^aeiou]]`, `[^\n]`. */
export function classSource(set: CharSet): string {
  switch (set.kind) {
    case 'source':
      return set.source.startsWith('[') ? set.source : `[${set.source}]`;
    case 'not':
      return `[^${unionBody(set.inner)}]`;
    case 'and':
      return `[${classSource(set.left)}&&${classSource(set.right)}]`;
    default:
      return `[${unionBody(set)}]`;
  }
}

// The inside of a union class: the items one after the other.
function unionBody(set: CharSet): string {
  switch (set.kind) {
    case 'char':
      return literal(set.cp);
    case 'range':
      return `${literal(set.from)}-${literal(set.to)}`;
    case 'source':
      return set.source;
    case 'union':
      return set.items.map(unionBody).join('');
    default:
      return classSource(set);
  }
}

/** Java's ASCII case-insensitive matching of a set: each ASCII letter also matches its other case. */
export function withAsciiCases(set: CharSet): CharSet {
  switch (set.kind) {
    case 'char': {
      const other = otherAsciiCase(set.cp);
      return other === undefined ? set : union(set, char(other));
    }
    case 'range': {
      const extra: CharSet[] = [];
      for (const [lower, upper] of [
        [0x61, 0x7a],
        [0x41, 0x5a],
      ] as const) {
        const from = Math.max(set.from, lower);
        const to = Math.min(set.to, upper);
        if (from <= to) extra.push(range(from ^ 0x20, to ^ 0x20));
      }
      return extra.length === 0 ? set : union(set, ...extra);
    }
    default:
      return set;
  }
}

function otherAsciiCase(cp: number): number | undefined {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) ? cp ^ 0x20 : undefined;
}

/** `\d \D \s \S \w \W \h \H \v \V` (Java's default, ASCII-only classes). */
export const PREDEFINED: Readonly<Record<string, CharSet>> = {
  d: source('[0-9]'),
  s: source('[\\t-\\r ]'),
  w: source('[a-zA-Z_0-9]'),
  h: source('[ \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]'),
  v: source('[\\n-\\r\\u{85}\\u{2028}\\u{2029}]'),
};

const POSIX_ASCII: Readonly<Record<string, string>> = {
  ASCII: '[\\u{0}-\\u{7f}]',
  Alnum: '[0-9A-Za-z]',
  Alpha: '[A-Za-z]',
  Blank: '[ \\t]',
  Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]',
  Digit: '[0-9]',
  Graph: '[\\u{21}-\\u{7e}]',
  Lower: '[a-z]',
  Print: '[\\u{20}-\\u{7e}]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]',
  Space: '[\\t-\\r ]',
  Upper: '[A-Z]',
  XDigit: '[0-9A-Fa-f]',
  L1: '[\\u{0}-\\u{ff}]',
  all: '[\\u{0}-\\u{10ffff}]',
};

const CATEGORIES = 'Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf L M N Z C P S LC'.split(' ');

const CASED_LETTERS = '[\\p{Lu}\\p{Ll}\\p{Lt}]';
const CASED = '[\\p{Lowercase}\\p{Uppercase}\\p{Lt}]';

const JAVA_CHARACTER_CLASSES: Readonly<Record<string, string>> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaTitleCase: '\\p{Lt}',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaDigit: '\\p{Nd}',
  javaDefined: '\\P{Cn}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaSpaceChar: '\\p{Z}',
  javaWhitespace: '[[\\p{Z}--[\\u{a0}\\u{2007}\\u{202f}]][\\t-\\r\\u{1c}-\\u{1f}]]',
  javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
  javaMirrored: '\\p{Bidi_Mirrored}',
};

// `CharPredicates.forUnicodeProperty`, by upper-cased name (`\p{IsAlphabetic}`, `\p{IsPunct}`).
const UNICODE_PROPERTIES: Readonly<Record<string, string>> = {
  ALPHABETIC: '\\p{Alphabetic}',
  ALPHA: '\\p{Alphabetic}',
  ASSIGNED: '\\P{Cn}',
  CONTROL: '\\p{Cc}',
  CNTRL: '\\p{Cc}',
  EMOJI: '\\p{Emoji}',
  EMOJI_PRESENTATION: '\\p{Emoji_Presentation}',
  EMOJI_MODIFIER: '\\p{Emoji_Modifier}',
  EMOJI_MODIFIER_BASE: '\\p{Emoji_Modifier_Base}',
  EMOJI_COMPONENT: '\\p{Emoji_Component}',
  EXTENDED_PICTOGRAPHIC: '\\p{Extended_Pictographic}',
  HEXDIGIT: '[\\p{Nd}\\p{Hex_Digit}]',
  HEX_DIGIT: '[\\p{Nd}\\p{Hex_Digit}]',
  XDIGIT: '[\\p{Nd}\\p{Hex_Digit}]',
  IDEOGRAPHIC: '\\p{Ideographic}',
  JOINCONTROL: '\\p{Join_Control}',
  JOIN_CONTROL: '\\p{Join_Control}',
  LETTER: '\\p{L}',
  LOWERCASE: '\\p{Lowercase}',
  LOWER: '\\p{Lowercase}',
  NONCHARACTERCODEPOINT: '\\p{Noncharacter_Code_Point}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  TITLECASE: '\\p{Lt}',
  PUNCTUATION: '\\p{P}',
  PUNCT: '\\p{P}',
  UPPERCASE: '\\p{Uppercase}',
  UPPER: '\\p{Uppercase}',
  WHITESPACE: '[\\t-\\r\\u{85}\\p{Z}]',
  WHITE_SPACE: '[\\t-\\r\\u{85}\\p{Z}]',
  SPACE: '[\\t-\\r\\u{85}\\p{Z}]',
  WORD: '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]',
  ALNUM: '[\\p{Alphabetic}\\p{Nd}]',
  DIGIT: '\\p{Nd}',
  BLANK: '[\\t\\p{Zs}]',
};

const CASE_INSENSITIVE_UNICODE = new Set(['LOWERCASE', 'LOWER', 'UPPERCASE', 'UPPER', 'TITLECASE']);

/** A property Java knows but JavaScript cannot express: the message says which. */
export class UntranslatableProperty extends Error {}

/**
 * `CharPredicates.forProperty` (`\p{Lu}`, `\p{Alpha}`, `\p{javaLowerCase}`): the set, or undefined
 * when Java would not know the name either.
 */
export function propertySet(name: string, caseInsensitive: boolean): CharSet | undefined {
  if (caseInsensitive && (name === 'Lu' || name === 'Ll' || name === 'Lt')) return source(CASED_LETTERS);
  if (caseInsensitive && (name === 'Lower' || name === 'Upper')) return source(POSIX_ASCII.Alpha as string);
  if (caseInsensitive && (name === 'javaLowerCase' || name === 'javaUpperCase' || name === 'javaTitleCase')) return source(CASED);
  if (name === 'LD') return source('[\\p{L}\\p{Nd}]');
  if (CATEGORIES.includes(name)) return source(`\\p{${name}}`);
  const posix = POSIX_ASCII[name];
  if (posix !== undefined) return source(posix);
  const javaClass = JAVA_CHARACTER_CLASSES[name];
  if (javaClass !== undefined) return source(javaClass);
  if (name.startsWith('java') && /^java(JavaIdentifier|UnicodeIdentifier|IdentifierIgnorable)/.test(name)) {
    throw new UntranslatableProperty(`\\p{${name}}`);
  }
  return undefined;
}

/** `\p{IsX}`: a binary property, then a general category, then a script. */
export function isPropertySet(name: string, caseInsensitive: boolean): CharSet | undefined {
  const upper = name.toUpperCase();
  const unicode = UNICODE_PROPERTIES[upper];
  if (unicode !== undefined) return source(caseInsensitive && CASE_INSENSITIVE_UNICODE.has(upper) ? CASED : unicode);
  return propertySet(name, caseInsensitive) ?? scriptSet(name);
}

/**
 * `\p{script=X}`: Java accepts a script's name or alias in any case (`LATIN`, `latn`); JavaScript
 * wants `Latin` or `Latn`. Undefined when neither spelling is a script JavaScript knows.
 */
export function scriptSet(name: string): CharSet | undefined {
  const titled = name
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('_');
  for (const candidate of [titled, name]) {
    if (!/^[A-Za-z_]+$/.test(candidate)) continue;
    try {
      new RegExp(`\\p{Script=${candidate}}`, 'v');
      return source(`\\p{Script=${candidate}}`);
    } catch {
      // not this spelling
    }
  }
  return undefined;
}
