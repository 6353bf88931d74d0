// Translates a Java regular expression (`java.util.regex.Pattern`, as of Java 17) into a
// JavaScript `v`-flag RegExp source that matches the same strings. The parser follows Java's own
// grammar step by step, so that a pattern Java rejects is rejected here with Java's message and
// index ("Unclosed group near index 4"), and a pattern Java accepts means here what it means in
// Java: `.`, `^`, `$`, `\s`, `\b` keep Java's definitions, flags (`(?i)`, `(?x)`, ...) apply from
// where they appear, possessive quantifiers and atomic groups become lookahead-and-backreference
// pairs. What JavaScript cannot express (`\X`, Unicode blocks, canonical equivalence) is refused
// with an `UntranslatableRegexError`.
import {
  CANON_EQ,
  CASE_INSENSITIVE,
  COMMENTS,
  DOTALL,
  isAsciiDigit,
  MAX_REPS,
  MULTILINE,
  UNICODE_CASE,
  UNICODE_CHARACTER_CLASS,
  UNIX_LINES,
  UntranslatableRegexError,
} from './java-regex-cursor.ts';
import { EscapeParser } from './java-regex-escapes.ts';
import {
  ANY_CHAR,
  branchStudy,
  fixedLength,
  LINE_TERMINATOR,
  type Node,
  node,
  quantifiedStudy,
  type StudyInfo,
  studyAll,
  zeroWidth,
} from './java-regex-study.ts';

export { JavaPatternSyntaxError, UntranslatableRegexError } from './java-regex-cursor.ts';

/** The result of translating: the JavaScript source and what Java's `Pattern` would report. */
export interface TranslatedPattern {
  /** The `v`-flag source; Java group n is the named group `g<n>`. */
  readonly source: string;
  readonly groupCount: number;
  /** Java's named groups by name, to their group numbers. */
  readonly namedGroups: ReadonlyMap<string, number>;
}

/** Translates a Java pattern; throws {@link JavaPatternSyntaxError} or {@link UntranslatableRegexError}. */
export function translateJavaRegex(pattern: string): TranslatedPattern {
  return new Parser(pattern).parse();
}

// Alternatives, sequences, atoms, groups and quantifiers: the structure of the pattern.
class Parser extends EscapeParser {
  parse(): TranslatedPattern {
    const body = this.expr();
    if (this.cursor !== this.length) {
      throw this.error(this.peek() === 0x29 ? "Unmatched closing ')'" : 'Unexpected internal error');
    }
    return { source: body.source, groupCount: this.groupCount - 1, namedGroups: this.namedGroups };
  }

  // Alternatives: `a|b|c`.
  private expr(): Node {
    const alternatives: Node[] = [];
    for (;;) {
      alternatives.push(this.sequence());
      if (this.peek() !== 0x7c) break;
      this.next();
    }
    if (alternatives.length === 1) return alternatives[0] as Node;
    return node(alternatives.map((alternative) => alternative.source).join('|'), branchStudy(alternatives));
  }

  // A run of atoms, each with its quantifier.
  private sequence(): Node {
    const nodes: Node[] = [];
    for (;;) {
      const ch = this.peek();
      let atom: Node | null;
      switch (ch) {
        case 0x28: // (
          atom = this.group();
          if (atom !== null) nodes.push(atom);
          continue;
        case 0x5b: // [
          atom = this.classNode(this.clazz(true));
          break;
        case 0x5c: {
          // \
          const escaped = this.nextEscaped();
          if (escaped === 0x70 || escaped === 0x50) atom = this.classNode(this.familyAfterP(escaped === 0x50));
          else {
            this.unread();
            atom = this.atom();
          }
          break;
        }
        case 0x5e: // ^
          this.next();
          atom = node(this.caret(), zeroWidth);
          break;
        case 0x24: // $
          this.next();
          atom = node(this.dollar(this.has(MULTILINE)), zeroWidth);
          break;
        case 0x2e: // .
          this.next();
          atom = node(
            this.has(DOTALL) ? ANY_CHAR : this.has(UNIX_LINES) ? '[^\\n]' : `[^${LINE_TERMINATOR.slice(1, -1)}]`,
            fixedLength(1),
            'char',
          );
          break;
        case 0x7c: // |
        case 0x29: // )
          return this.concat(nodes);
        case 0x3f: // ?
        case 0x2a: // *
        case 0x2b: // +
          this.next();
          throw this.error(`Dangling meta character '${String.fromCodePoint(ch)}'`);
        case 0:
          if (this.cursor >= this.length) return this.concat(nodes);
          atom = this.atom();
          break;
        default:
          atom = this.atom();
      }
      nodes.push(this.closure(atom));
    }
  }

  private concat(nodes: readonly Node[]): Node {
    return node(nodes.map((n) => n.source).join(''), studyAll(nodes));
  }

  // Literal characters (a "slice"), or one escape that is not a literal.
  private atom(): Node {
    const chars: number[] = [];
    let prev = -1;
    let ch = this.peek();
    for (;;) {
      if (ch === 0x2a || ch === 0x2b || ch === 0x3f || ch === 0x7b) {
        // A quantifier applies to the last character only.
        if (chars.length > 1) {
          this.cursor = prev;
          chars.pop();
        }
        break;
      }
      if (ch === 0x24 || ch === 0x2e || ch === 0x5e || ch === 0x28 || ch === 0x5b || ch === 0x7c || ch === 0x29) break;
      if (ch === 0x5c) {
        const escaped = this.nextEscaped();
        if (escaped === 0x70 || escaped === 0x50) {
          if (chars.length > 0) {
            this.unread();
            break;
          }
          return this.classNode(this.familyAfterP(escaped === 0x50));
        }
        this.unread();
        prev = this.cursor;
        const result = this.escape(false, chars.length === 0, false);
        if (typeof result === 'number' && result >= 0) {
          chars.push(result);
          ch = this.peek();
          continue;
        }
        if (chars.length === 0) return result as Node;
        this.cursor = prev;
        break;
      }
      if (ch === 0 && this.cursor >= this.length) break;
      prev = this.cursor;
      chars.push(ch);
      ch = this.next();
    }
    return this.literalNode(chars);
  }

  // `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each greedy, lazy (`?`) or possessive (`+`).
  private closure(atom: Node): Node {
    let ch = this.peek();
    let min: number;
    let max: number;
    switch (ch) {
      case 0x3f:
        [min, max] = [0, 1];
        break;
      case 0x2a:
        [min, max] = [0, MAX_REPS];
        break;
      case 0x2b:
        [min, max] = [1, MAX_REPS];
        break;
      case 0x7b: {
        ch = this.skip();
        if (!isAsciiDigit(ch)) throw this.error('Illegal repetition');
        min = 0;
        do {
          min = min * 10 + (ch - 0x30);
          if (min > MAX_REPS) throw this.error('Illegal repetition range');
          ch = this.read();
        } while (isAsciiDigit(ch));
        max = min;
        if (ch === 0x2c) {
          ch = this.read();
          if (ch === 0x7d) max = MAX_REPS;
          else {
            max = 0;
            while (isAsciiDigit(ch)) {
              max = max * 10 + (ch - 0x30);
              if (max > MAX_REPS) throw this.error('Illegal repetition range');
              ch = this.read();
            }
          }
        }
        if (ch !== 0x7d) throw this.error('Unclosed counted closure');
        if (max < min) throw this.error('Illegal repetition range');
        this.unread();
        break;
      }
      default:
        return atom;
    }
    const type = this.quantifierType();
    const quantifier = `${min === 0 && max === 1 ? '?' : min === 0 && max === MAX_REPS ? '*' : min === 1 && max === MAX_REPS ? '+' : `{${min},${max === MAX_REPS ? '' : max}}`}`;
    const body = atom.kind === 'char' ? atom.source : `(?:${atom.source})`;
    let sourceText: string;
    if (min === 0 && max === 1 && atom.kind !== 'char') {
      // Java tries an optional group as a branch, and takes it even when it matches nothing;
      // JavaScript's `?` would reject an empty match and look for a longer one.
      const branch = type === 'lazy' ? `(?:|${atom.source})` : `(?:${atom.source}|)`;
      sourceText = type === 'possessive' ? this.atomic(branch) : branch;
    } else {
      sourceText = type === 'possessive' ? this.atomic(`${body}${quantifier}`) : `${body}${quantifier}${type === 'lazy' ? '?' : ''}`;
    }
    return node(sourceText, quantifiedStudy(atom, min, max, type));
  }

  private quantifierType(): 'greedy' | 'lazy' | 'possessive' {
    const ch = this.next();
    if (ch === 0x3f) {
      this.next();
      return 'lazy';
    }
    if (ch === 0x2b) {
      this.next();
      return 'possessive';
    }
    return 'greedy';
  }

  // `(...)`, `(?:...)`, `(?<name>...)`, lookarounds, `(?>...)`, and inline flags; null for a bare
  // flag group such as `(?i)`.
  private group(): Node | null {
    const savedFlags = this.flags;
    let ch = this.next();
    let result: Node;
    let kind: 'capture' | 'plain' | 'zero-width' | 'atomic' = 'plain';
    if (ch === 0x3f) {
      ch = this.skip();
      if (ch === 0x3a) result = this.expr();
      else if (ch === 0x3d || ch === 0x21) {
        const inner = this.expr();
        result = node(`(?${ch === 0x3d ? '=' : '!'}${inner.source})`, zeroWidth);
        kind = 'zero-width';
      } else if (ch === 0x3e) {
        const inner = this.expr();
        result = node(this.atomic(inner.source), inner.study);
        kind = 'atomic';
      } else if (ch === 0x3c) {
        ch = this.read();
        if (ch !== 0x3d && ch !== 0x21) {
          const name = this.groupName(ch);
          if (this.namedGroups.has(name)) throw this.error(`Named capturing group <${name}> is already defined`);
          const number = this.groupCount++;
          this.namedGroups.set(name, number);
          result = this.capture(number);
          kind = 'capture';
        } else {
          result = this.lookbehind(ch === 0x3d);
          kind = 'zero-width';
        }
      } else if (ch === 0x24 || ch === 0x40) throw this.error('Unknown group type');
      else {
        this.unread();
        this.addFlags();
        ch = this.read();
        if (ch === 0x29) return null;
        if (ch !== 0x3a) throw this.error('Unknown inline modifier');
        result = this.expr();
      }
    } else {
      result = this.capture(this.groupCount++);
      kind = 'capture';
    }
    if (this.read() !== 0x29) throw this.error('Unclosed group');
    this.flags = savedFlags;
    return this.groupClosure(result, kind);
  }

  private capture(number: number): Node {
    const inner = this.expr();
    return node(`(?<g${number}>${inner.source})`, inner.study, 'group');
  }

  private lookbehind(positive: boolean): Node {
    const inner = this.expr();
    const info: StudyInfo = { maxLength: 0, maxValid: true, deterministic: true };
    inner.study(info, () => {});
    if (!info.maxValid) throw this.error('Look-behind group does not have an obvious maximum length');
    return node(`(?<${positive ? '=' : '!'}${inner.source})`, zeroWidth);
  }

  // Groups and their quantifiers: `(X)?` studies as a branch, `(X)*` as a loop (see quantifiedStudy).
  private groupClosure(group: Node, kind: 'capture' | 'plain' | 'zero-width' | 'atomic'): Node {
    const wrapped =
      kind === 'plain'
        ? node(`(?:${group.source})`, group.study, 'group')
        : kind === 'capture'
          ? { ...group, kind: 'group' as const }
          : group;
    return this.closure(wrapped);
  }

  private addFlags(): void {
    let ch = this.peek();
    let on = true;
    for (;;) {
      const flag = {
        i: CASE_INSENSITIVE,
        m: MULTILINE,
        s: DOTALL,
        d: UNIX_LINES,
        u: UNICODE_CASE,
        c: CANON_EQ,
        x: COMMENTS,
        U: UNICODE_CHARACTER_CLASS | UNICODE_CASE,
      }[String.fromCodePoint(ch || 0x20)];
      if (flag === undefined) {
        if (ch !== 0x2d || !on) return;
        on = false;
      } else {
        if (on && flag & CANON_EQ) throw new UntranslatableRegexError('The CANON_EQ flag (?c)');
        if (on && flag & UNICODE_CHARACTER_CLASS) throw new UntranslatableRegexError('The UNICODE_CHARACTER_CLASS flag (?U)');
        this.flags = on ? this.flags | flag : this.flags & ~flag;
      }
      ch = this.next();
    }
  }
}
