// The character layer of the Java regex translator (see java-regex-parser.ts): escapes,
// backreferences, properties (`\p{...}`) and character classes, each parsed as Java parses it and
// written as JavaScript `v`-flag syntax.
import {
  type CharSet,
  char,
  classSource,
  isPropertySet,
  literal,
  not,
  PREDEFINED,
  propertySet,
  range,
  scriptSet,
  UntranslatableProperty,
  union,
  withAsciiCases,
} from './java-regex-classes.ts';
import {
  CASE_INSENSITIVE,
  hexValue,
  isAsciiDigit,
  isAsciiLetter,
  isHexDigit,
  MULTILINE,
  PatternCursor,
  UNICODE_CASE,
  UNIX_LINES,
  UntranslatableRegexError,
} from './java-regex-cursor.ts';
import { fixedLength, invalidLength, NEVER, type Node, node, WORD_BOUNDARY, zeroWidth } from './java-regex-study.ts';

/** Parses what stands for characters: literals, escapes, classes and properties. */
export class EscapeParser extends PatternCursor {
  protected literalNode(chars: readonly number[]): Node {
    const ci = this.has(CASE_INSENSITIVE);
    const unicodeCase = ci && this.has(UNICODE_CASE);
    const text = chars
      .map((cp) => (ci && !unicodeCase && isAsciiLetter(cp) ? classSource(withAsciiCases(char(cp))) : literal(cp)))
      .join('');
    return node(unicodeCase ? `(?i:${text})` : text, fixedLength(chars.length), chars.length === 1 ? 'char' : 'other');
  }

  protected classNode(set: CharSet): Node {
    const text = classSource(set);
    return node(this.has(CASE_INSENSITIVE) && this.has(UNICODE_CASE) ? `(?i:${text})` : text, fixedLength(1), 'char');
  }

  protected caret(): string {
    if (!this.has(MULTILINE)) return '^';
    // Java's multiline ^ matches after a line terminator, but never at the very end.
    const after = this.has(UNIX_LINES) ? '(?<=\\n)' : '(?<=[\\n\\u{85}\\u{2028}\\u{2029}]|\\r(?!\\n))';
    return `(?:(?<![\\s\\S])|${after})(?=[\\s\\S])`;
  }

  protected dollar(multiline: boolean): string {
    if (this.has(UNIX_LINES)) return multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))';
    if (multiline) return '(?:(?![\\s\\S])|(?=[\\r\\u{85}\\u{2028}\\u{2029}])|(?<!\\r)(?=\\n))';
    return '(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\u{85}\\u{2028}\\u{2029}])?(?![\\s\\S]))';
  }

  // Escapes: a code point (≥ 0), or a node/set for the escapes that are not one character. With
  // `create` false (inside a run of literals), such escapes only report -1.
  protected escape(inClass: boolean, create: boolean, isRange: boolean): number | Node | CharSet {
    const ch = this.skip();
    const letter = String.fromCodePoint(ch || 0x20);
    const set = (charSet: CharSet) => (!create ? -1 : inClass ? charSet : this.classNode(charSet));
    switch (letter) {
      case '0':
        return this.octal();
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        if (inClass) break;
        return create ? this.backReference(ch - 0x30) : -1;
      case 'A':
        if (inClass) break;
        return create ? node('^', zeroWidth) : -1;
      case 'z':
        if (inClass) break;
        return create ? node('(?![\\s\\S])', zeroWidth) : -1;
      case 'Z':
        if (inClass) break;
        return create ? node(this.dollar(false), zeroWidth) : -1;
      case 'G':
        if (inClass) break;
        return create ? node('^', zeroWidth) : -1;
      case 'b':
      case 'B':
        if (inClass) break;
        if (
          create &&
          letter === 'b' &&
          this.at(this.cursor) === 0x7b &&
          this.at(this.cursor + 1) === 0x67 &&
          this.at(this.cursor + 2) === 0x7d
        ) {
          throw new UntranslatableRegexError('The grapheme boundary \\b{g}');
        }
        return create ? node(letter === 'b' ? WORD_BOUNDARY : `(?!${WORD_BOUNDARY})`, zeroWidth) : -1;
      case 'R':
        if (inClass) break;
        return create ? node(this.atomic('\\r\\n|[\\n-\\r\\u{85}\\u{2028}\\u{2029}]'), fixedLength(2)) : -1;
      case 'X':
        if (inClass) break;
        throw new UntranslatableRegexError('The grapheme cluster \\X');
      case 'N':
        throw new UntranslatableRegexError('A character name \\N{...}');
      case 'd':
      case 's':
      case 'w':
      case 'h':
        return set(PREDEFINED[letter] as CharSet);
      case 'D':
      case 'S':
      case 'W':
      case 'H':
      case 'V':
        return set(not(PREDEFINED[letter.toLowerCase()] as CharSet));
      case 'v':
        if (isRange) return 0x0b;
        return set(PREDEFINED.v as CharSet);
      case 'k':
        return this.namedBackReference(inClass, create);
      case 'a':
        return 0x07;
      case 'e':
        return 0x1b;
      case 'f':
        return 0x0c;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'c':
        if (this.cursor < this.length) return this.read() ^ 64;
        throw this.error('Illegal control escape sequence');
      case 'u':
        return this.unicodeEscape();
      case 'x':
        return this.hexEscape();
      default:
        // Other letters are reserved; anything else stands for itself (`\.`, `\\`).
        if (!/^[A-Za-z]$/.test(letter)) return ch;
    }
    throw this.error('Illegal/unsupported escape sequence');
  }

  protected backReference(first: number): Node {
    let number = first;
    for (;;) {
      const ch = this.peek();
      if (!isAsciiDigit(ch)) break;
      const candidate = number * 10 + (ch - 0x30);
      if (this.groupCount - 1 < candidate) break;
      number = candidate;
      this.read();
    }
    // A group that does not exist (yet) never matches in Java.
    const reference = number < this.groupCount ? `\\k<g${number}>` : NEVER;
    return node(this.caseInsensitiveReference(reference), invalidLength);
  }

  protected namedBackReference(inClass: boolean, create: boolean): number | Node {
    if (inClass) throw this.error('Illegal/unsupported escape sequence');
    if (this.read() !== 0x3c) throw this.error("\\k is not followed by '<' for named capturing group");
    const name = this.groupName(this.read());
    const number = this.namedGroups.get(name);
    if (number === undefined) throw this.error(`named capturing group <${name}> does not exist`);
    return create ? node(this.caseInsensitiveReference(`\\k<g${number}>`), invalidLength) : -1;
  }

  protected caseInsensitiveReference(reference: string): string {
    return this.has(CASE_INSENSITIVE) && reference !== NEVER ? `(?i:${reference})` : reference;
  }

  protected octal(): number {
    const n = this.read();
    if (n >= 0x30 && n <= 0x37) {
      const m = this.read();
      if (m >= 0x30 && m <= 0x37) {
        const o = this.read();
        if (o >= 0x30 && o <= 0x37 && n <= 0x33) return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
        this.unread();
        return (n - 0x30) * 8 + (m - 0x30);
      }
      this.unread();
      return n - 0x30;
    }
    throw this.error('Illegal octal escape sequence');
  }

  protected hexEscape(): number {
    const n = this.read();
    if (isHexDigit(n)) {
      const m = this.read();
      if (isHexDigit(m)) return hexValue(n) * 16 + hexValue(m);
    } else if (n === 0x7b && isHexDigit(this.peek())) {
      let value = 0;
      let ch = this.read();
      while (isHexDigit(ch)) {
        value = value * 16 + hexValue(ch);
        if (value > 0x10ffff) throw this.error('Hexadecimal codepoint is too big');
        ch = this.read();
      }
      if (ch !== 0x7d) throw this.error('Unclosed hexadecimal escape sequence');
      return value;
    }
    throw this.error('Illegal hexadecimal escape sequence');
  }

  protected unicodeEscape(): number {
    const four = (): number => {
      let value = 0;
      for (let i = 0; i < 4; i++) {
        const ch = this.read();
        if (!isHexDigit(ch)) throw this.error('Illegal Unicode escape sequence');
        value = value * 16 + hexValue(ch);
      }
      return value;
    };
    const high = four();
    if (high >= 0xd800 && high <= 0xdbff) {
      const saved = this.cursor;
      if (this.read() === 0x5c && this.read() === 0x75) {
        const low = four();
        if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
      }
      this.cursor = saved;
    }
    return high;
  }

  // `\p{...}` / `\P{...}` once the `p` has been peeked.
  protected familyAfterP(complement: boolean): CharSet {
    let singleLetter = true;
    const ch = this.next();
    if (ch !== 0x7b) this.unread();
    else singleLetter = false;
    return this.family(singleLetter, complement);
  }

  protected family(singleLetter: boolean, complement: boolean): CharSet {
    this.next();
    let name: string;
    if (singleLetter) {
      name = String.fromCodePoint(this.at(this.cursor));
      this.read();
    } else {
      const start = this.cursor;
      this.temp[this.length] = 0x7d;
      while (this.read() !== 0x7d) {
        // up to the closing brace
      }
      this.temp[this.length] = 0;
      if (this.cursor > this.length) throw this.error('Unclosed character family');
      if (start + 1 >= this.cursor) throw this.error('Empty character family');
      name = String.fromCodePoint(...this.temp.slice(start, this.cursor - 1));
    }
    const ci = this.has(CASE_INSENSITIVE);
    let set: CharSet | undefined;
    try {
      const equals = name.indexOf('=');
      if (equals >= 0) {
        const value = name.slice(equals + 1);
        const key = name.slice(0, equals).toLowerCase();
        if (key === 'sc' || key === 'script') set = scriptSet(value);
        else if (key === 'gc' || key === 'general_category') set = propertySet(value, ci);
        else if (key === 'blk' || key === 'block') throw new UntranslatableRegexError(`The Unicode block property \\p{${name}}`);
        if (set === undefined) throw this.error(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
      } else {
        if (name.startsWith('In')) throw new UntranslatableRegexError(`The Unicode block property \\p{${name}}`);
        set = name.startsWith('Is') ? isPropertySet(name.slice(2), ci) : propertySet(name, ci);
        if (set === undefined) throw this.error(`Unknown character property name {${name}}`);
      }
    } catch (error) {
      if (error instanceof UntranslatableProperty) throw new UntranslatableRegexError(`The property ${error.message}`);
      throw error;
    }
    return complement ? not(set) : set;
  }

  // A character class `[...]`: unions, ranges, nested classes, `&&` intersections, `^` negation.
  protected clazz(consume: boolean): CharSet {
    let prev: CharSet | null = null;
    let curr: CharSet | null = null;
    const bits: CharSet[] = [];
    let hasBits = false;
    let negated = false;
    const bitsSet = () => union(...bits);
    let ch = this.next();
    if (ch === 0x5e && this.at(this.cursor - 1) === 0x5b) {
      ch = this.next();
      negated = true;
    }
    for (;;) {
      if (ch === 0x5b) {
        curr = this.clazz(true);
        prev = prev === null ? curr : union(prev, curr);
        ch = this.peek();
        continue;
      }
      if (ch === 0x26) {
        ch = this.next();
        if (ch === 0x26) {
          ch = this.next();
          let right: CharSet | null = null;
          while (ch !== 0x5d && ch !== 0x26) {
            let part: CharSet;
            if (ch === 0x5b) part = this.clazz(true);
            else {
              this.unread();
              part = this.clazz(false);
            }
            right = right === null ? part : union(right, part);
            ch = this.peek();
          }
          if (hasBits) {
            if (prev === null) prev = curr = bitsSet();
            else prev = union(prev, bitsSet());
            bits.length = 0;
            hasBits = false;
          }
          if (right !== null) curr = right;
          if (prev === null) {
            if (right === null) throw this.error('Bad class syntax');
            prev = right;
          } else {
            if (curr === null) throw this.error('Bad intersection syntax');
            prev = { kind: 'and', left: prev, right: curr };
          }
          continue;
        }
        this.unread();
      } else if (ch === 0 && this.cursor >= this.length) {
        throw this.error('Unclosed character class');
      } else if (ch === 0x5d && (prev !== null || hasBits)) {
        if (consume) this.next();
        let result: CharSet = prev === null ? bitsSet() : hasBits ? union(prev, bitsSet()) : prev;
        if (negated) result = not(result);
        return result;
      }
      const item = this.range();
      if (item.bits) {
        bits.push(item.set);
        hasBits = true;
      } else {
        curr = item.set;
        prev = prev === null ? curr : union(prev, curr);
      }
      ch = this.peek();
    }
  }

  // One class member: a character (Java's "bits"), a range, or an escape standing for a set.
  protected range(): { set: CharSet; bits: boolean } {
    let ch = this.peek();
    if (ch === 0x5c) {
      ch = this.nextEscaped();
      if (ch === 0x70 || ch === 0x50) return { set: this.familyAfterP(ch === 0x50), bits: false };
      const isRange = this.at(this.cursor + 1) === 0x2d;
      this.unread();
      const escaped = this.escape(true, true, isRange);
      if (typeof escaped !== 'number') return { set: escaped as CharSet, bits: false };
      ch = escaped;
    } else {
      this.next();
    }
    if (ch >= 0) {
      if (this.peek() === 0x2d) {
        const end = this.at(this.cursor + 1);
        if (end === 0x5b) return this.single(ch);
        if (end !== 0x5d) {
          this.next();
          let m = this.peek();
          if (m === 0x5c) {
            const escaped = this.escape(true, false, true);
            m = typeof escaped === 'number' ? escaped : -1;
          } else this.next();
          if (m < ch) throw this.error('Illegal character range');
          const set = range(ch, m);
          return { set: this.has(CASE_INSENSITIVE) && !this.has(UNICODE_CASE) ? withAsciiCases(set) : set, bits: false };
        }
      }
      return this.single(ch);
    }
    throw this.error(`Unexpected character '${String.fromCharCode(ch & 0xffff)}'`);
  }

  protected single(cp: number): { set: CharSet; bits: boolean } {
    const set = this.has(CASE_INSENSITIVE) && !this.has(UNICODE_CASE) ? withAsciiCases(char(cp)) : char(cp);
    return { set, bits: cp < 256 };
  }
}
