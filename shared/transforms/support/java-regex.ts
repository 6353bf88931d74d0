// Java regular expressions where Kafka Connect uses them on topic names (RegexRouter,
// TopicNameMatches): `Pattern.compile`, `Matcher.matches` (the whole topic must match) and
// `Matcher.replaceFirst` with Java's replacement syntax (`$1`, `${name}`, `\$`), on top of the
// translation in java-regex-parser.ts.
import { ConfigException } from '../../api/config/index.ts';
import type { Validator } from '../../api/config/types.ts';
import { JavaRuntimeException } from './java-errors.ts';
import { JavaPatternSyntaxError, translateJavaRegex, UntranslatableRegexError } from './java-regex-parser.ts';

export { JavaPatternSyntaxError, UntranslatableRegexError } from './java-regex-parser.ts';

/** A compiled Java pattern (`java.util.regex.Pattern`) running on JavaScript's engine. */
export class JavaPattern {
  readonly pattern: string;
  readonly groupCount: number;
  readonly #namedGroups: ReadonlyMap<string, number>;
  readonly #find: RegExp;
  readonly #whole: RegExp;

  private constructor(pattern: string) {
    const translated = translateJavaRegex(pattern);
    this.pattern = pattern;
    this.groupCount = translated.groupCount;
    this.#namedGroups = translated.namedGroups;
    this.#find = new RegExp(translated.source, 'v');
    this.#whole = new RegExp(`^(?:${translated.source})$`, 'v');
  }

  /**
   * `Pattern.compile(pattern)`.
   * @throws JavaPatternSyntaxError with Java's message when Java would reject the pattern.
   * @throws UntranslatableRegexError for a valid pattern JavaScript cannot run.
   */
  static compile(pattern: string): JavaPattern {
    return new JavaPattern(pattern);
  }

  /** `matcher(input).matches()`: whether the whole input matches. */
  matches(input: string): boolean {
    return this.#whole.test(input);
  }

  /**
   * `matcher(input).replaceFirst(replacement)`: the first match (searched from the start, not
   * necessarily the whole input) replaced, `$n` and `${name}` standing for groups.
   * @throws JavaRuntimeException `IllegalArgumentException` or `IndexOutOfBoundsException` for a
   *   bad replacement, with Java's message, as Java throws them when it meets them.
   */
  replaceFirst(input: string, replacement: string): string {
    const match = this.#find.exec(input);
    if (match === null) return input;
    const group = (n: number): string => (n === 0 ? match[0] : (match.groups?.[`g${n}`] ?? ''));
    const expanded = this.#expand(replacement, group);
    return input.slice(0, match.index) + expanded + input.slice(match.index + match[0].length);
  }

  toString(): string {
    return this.pattern;
  }

  // `Matcher.appendExpandedReplacement`.
  #expand(replacement: string, group: (n: number) => string): string {
    let result = '';
    let cursor = 0;
    const illegal = (message: string) => new JavaRuntimeException('java.lang.IllegalArgumentException', message);
    while (cursor < replacement.length) {
      let next = replacement.charAt(cursor);
      if (next === '\\') {
        cursor++;
        if (cursor === replacement.length) throw illegal('character to be escaped is missing');
        result += replacement.charAt(cursor++);
      } else if (next === '$') {
        cursor++;
        if (cursor === replacement.length) throw illegal('Illegal group reference: group index is missing');
        next = replacement.charAt(cursor);
        let number: number;
        if (next === '{') {
          cursor++;
          const begin = cursor;
          while (cursor < replacement.length && /[A-Za-z0-9]/.test(replacement.charAt(cursor))) cursor++;
          if (begin === cursor) throw illegal('named capturing group has 0 length name');
          if (replacement.charAt(cursor) !== '}') throw illegal("named capturing group is missing trailing '}'");
          const name = replacement.slice(begin, cursor);
          if (/^[0-9]/.test(name)) throw illegal(`capturing group name {${name}} starts with digit character`);
          const found = this.#namedGroups.get(name);
          if (found === undefined) throw illegal(`No group with name {${name}}`);
          number = found;
          cursor++;
        } else {
          number = next.charCodeAt(0) - 0x30;
          if (number < 0 || number > 9) throw illegal('Illegal group reference');
          cursor++;
          // Take more digits while they still name a group.
          while (cursor < replacement.length) {
            const digit = replacement.charCodeAt(cursor) - 0x30;
            if (digit < 0 || digit > 9 || number * 10 + digit > this.groupCount) break;
            number = number * 10 + digit;
            cursor++;
          }
        }
        if (number > this.groupCount) throw new JavaRuntimeException('java.lang.IndexOutOfBoundsException', `No group ${number}`);
        result += group(number);
      } else {
        result += next;
        cursor++;
      }
    }
    return result;
  }
}

/**
 * Kafka's `RegexValidator` for a config holding a Java regular expression:
 * `Invalid value (a for configuration regex: Invalid regex: Unclosed group near index 2 ...`. A valid
 * Java pattern JavaScript cannot run is refused here too, naming the key, rather than at the first record.
 */
export const JAVA_REGEX_VALIDATOR: Validator = {
  ensureValid(name: string, value: unknown): void {
    try {
      JavaPattern.compile(String(value));
    } catch (error) {
      if (error instanceof JavaPatternSyntaxError) throw ConfigException.invalidValue(name, value, `Invalid regex: ${error.message}`);
      if (error instanceof UntranslatableRegexError) {
        throw ConfigException.invalidValue(
          name,
          value,
          `Copycat cannot run this Java regular expression: ${error.message}. Rewrite it without that construct.`,
        );
      }
      throw error;
    }
  },
  toString: () => 'valid regex',
};
