// The lexical layer of the Java regex translator (see java-regex-parser.ts): Java's `\Q...\E`
// preprocessing, its cursor over code points (which in COMMENTS mode skips whitespace and
// `#` comments), its flags, its errors, and the emitting helpers every layer needs.

export const UNIX_LINES = 0x01;
export const CASE_INSENSITIVE = 0x02;
export const COMMENTS = 0x04;
export const MULTILINE = 0x08;
export const DOTALL = 0x20;
export const UNICODE_CASE = 0x40;
export const CANON_EQ = 0x80;
export const UNICODE_CHARACTER_CLASS = 0x100;
export const MAX_REPS = 0x7fffffff;

/** Java's `PatternSyntaxException`, with its message: description, index, the pattern and a caret. */
export class JavaPatternSyntaxError extends Error {
  readonly description: string;
  readonly index: number;

  constructor(description: string, pattern: string, index: number) {
    const caret = index >= 0 && index < pattern.length ? `\n${' '.repeat(index)}^` : '';
    super(`${description}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${caret}`);
    this.name = 'PatternSyntaxException';
    this.description = description;
    this.index = index;
  }
}

/** A valid Java regular expression that uses something JavaScript has no equivalent for. */
export class UntranslatableRegexError extends Error {
  constructor(construct: string) {
    super(`${construct} has no JavaScript equivalent`);
    this.name = 'UntranslatableRegexError';
  }
}

/** Java's parser state and cursor primitives (`peek`, `read`, `next`, `skip`, `unread`, ...). */
export class PatternCursor {
  protected readonly pattern: string;
  protected temp: number[] = [];
  protected length = 0;
  protected cursor = 0;
  protected flags = 0;
  /** Java's `capturingGroupCount`: one more than the groups opened so far. */
  protected groupCount = 1;
  protected readonly namedGroups = new Map<string, number>();
  #helpers = 0;

  constructor(pattern: string) {
    this.pattern = pattern;
    this.temp = removeQuoting(Array.from(pattern, (c) => c.codePointAt(0) ?? 0));
    this.length = this.temp.length;
    this.temp.push(0, 0);
  }

  protected error(description: string): JavaPatternSyntaxError {
    return new JavaPatternSyntaxError(description, this.pattern, this.cursor - 1);
  }

  protected has(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  // Java's cursor primitives; in COMMENTS mode whitespace and #-comments are skipped.
  protected at(index: number): number {
    return this.temp[index] ?? 0;
  }

  protected peek(): number {
    const ch = this.at(this.cursor);
    return this.has(COMMENTS) ? this.peekPastWhitespace(ch) : ch;
  }

  protected read(): number {
    const ch = this.at(this.cursor++);
    return this.has(COMMENTS) ? this.parsePastWhitespace(ch) : ch;
  }

  protected next(): number {
    const ch = this.at(++this.cursor);
    return this.has(COMMENTS) ? this.peekPastWhitespace(ch) : ch;
  }

  protected nextEscaped(): number {
    return this.at(++this.cursor);
  }

  protected skip(): number {
    const ch = this.at(this.cursor + 1);
    this.cursor += 2;
    return ch;
  }

  protected unread(): void {
    this.cursor--;
  }

  protected peekPastWhitespace(first: number): number {
    let ch = first;
    while (isAsciiSpace(ch) || ch === 0x23) {
      while (isAsciiSpace(ch)) ch = this.at(++this.cursor);
      if (ch === 0x23) {
        ch = this.at(++this.cursor);
        while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(++this.cursor);
        if (ch === 0 && this.cursor > this.length) {
          this.cursor = this.length;
          ch = this.at(this.cursor);
        }
      }
    }
    return ch;
  }

  protected parsePastWhitespace(first: number): number {
    let ch = first;
    while (isAsciiSpace(ch) || ch === 0x23) {
      while (isAsciiSpace(ch)) ch = this.at(this.cursor++);
      if (ch === 0x23) {
        ch = this.at(this.cursor++);
        while (ch !== 0 && !this.isLineSeparator(ch)) ch = this.at(this.cursor++);
        if (ch === 0 && this.cursor > this.length) {
          this.cursor = this.length;
          ch = this.at(this.cursor++);
        }
      }
    }
    return ch;
  }

  protected isLineSeparator(ch: number): boolean {
    if (this.has(UNIX_LINES)) return ch === 0x0a;
    return ch === 0x0a || ch === 0x0d || (ch | 1) === 0x2029 || ch === 0x85;
  }

  protected helper(): string {
    return `a${++this.#helpers}`;
  }

  /** An atomic (backtracking-free) match of `inner`, as JavaScript writes it. */

  protected atomic(inner: string): string {
    const name = this.helper();
    return `(?:(?=(?<${name}>${inner}))\\k<${name}>)`;
  }

  protected groupName(first: number): string {
    if (!isAsciiLetter(first)) throw this.error('capturing group name does not start with a Latin letter');
    let name = '';
    let ch = first;
    do {
      name += String.fromCodePoint(ch);
      ch = this.read();
    } while (isAsciiLetter(ch) || isAsciiDigit(ch));
    if (ch !== 0x3e) throw this.error("named capturing group is missing trailing '>'");
    return name;
  }
}

// `RemoveQEQuoting`: the text between `\Q` and `\E` becomes escaped literals.
export function removeQuoting(input: readonly number[]): number[] {
  let i = 0;
  while (i < input.length - 1) {
    if (input[i] !== 0x5c) i += 1;
    else if (input[i + 1] !== 0x51) i += 2;
    else break;
  }
  if (i >= input.length - 1) return [...input];
  const out = input.slice(0, i);
  i += 2;
  let inQuote = true;
  let beginQuote = true;
  while (i < input.length) {
    const c = input[i++] as number;
    if (c >= 0x80 || isAsciiLetter(c)) out.push(c);
    else if (isAsciiDigit(c)) {
      // A digit right after \Q must not continue an escape before it.
      if (beginQuote) out.push(0x5c, 0x78, 0x33);
      out.push(c);
    } else if (c !== 0x5c) {
      if (inQuote) out.push(0x5c);
      out.push(c);
    } else if (inQuote) {
      if (input[i] === 0x45) {
        i++;
        inQuote = false;
      } else out.push(0x5c, 0x5c);
    } else if (input[i] === 0x51) {
      i++;
      inQuote = true;
      beginQuote = true;
      continue;
    } else {
      out.push(c);
      if (i !== input.length) out.push(input[i++] as number);
    }
    beginQuote = false;
  }
  return out;
}

export const isAsciiSpace = (ch: number): boolean => ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
export const isAsciiDigit = (ch: number): boolean => ch >= 0x30 && ch <= 0x39;
export const isAsciiLetter = (ch: number): boolean => (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a);
export const isHexDigit = (ch: number): boolean => isAsciiDigit(ch) || (ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66);
export const hexValue = (ch: number): number => (isAsciiDigit(ch) ? ch - 0x30 : (ch | 0x20) - 0x57);
