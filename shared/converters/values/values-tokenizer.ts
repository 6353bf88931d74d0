// The tokenizer behind Kafka Connect's `Values.parseString` (its inner `Parser` class), kept token
// for token: the results of parsing header text depend on exactly where it splits and rewinds.
import { javaTrim } from '../../api/config/java-format.ts';

const DELIMITERS = new Set([':', ',', '{', '}', '[', ']', '"']);

/** Java's `Utils.isBlank`: empty after `String.trim()`. */
export function isBlank(text: string): boolean {
  return javaTrim(text) === '';
}

/**
 * Splits text into tokens at the delimiters `: , { } [ ] "` (each its own token) unless escaped
 * with a backslash; the text between delimiters, white space included, is one token. Supports
 * peeking (`canConsume`), marking and rewinding, as Kafka's `Values.Parser`.
 */
export class ValuesTokenizer {
  readonly original: string;
  #index = 0;
  #nextToken: string | null = null;
  #previousToken: string | null = null;

  constructor(original: string) {
    this.original = original;
  }

  position(): number {
    return this.#index;
  }

  /** Where the next token starts (a peeked token is not consumed yet). */
  mark(): number {
    return this.#index - (this.#nextToken !== null ? this.#nextToken.length : 0);
  }

  rewindTo(position: number): void {
    this.#index = position;
    this.#nextToken = null;
    this.#previousToken = null;
  }

  hasNext(): boolean {
    return this.#nextToken !== null || this.#canConsumeNextToken();
  }

  next(): string {
    if (this.#nextToken !== null) {
      this.#previousToken = this.#nextToken;
      this.#nextToken = null;
    } else {
      this.#previousToken = this.#consumeNextToken();
    }
    return this.#previousToken;
  }

  /** The text of the next `n` tokens, or null (consuming nothing) when there are fewer. */
  nextTokens(n: number): string | null {
    const start = this.mark();
    for (let i = 0; i !== n; ++i) {
      if (!this.hasNext()) {
        this.rewindTo(start);
        return null;
      }
      this.next();
    }
    return this.original.substring(start, this.position());
  }

  previous(): string | null {
    return this.#previousToken;
  }

  /** Consumes the next token if it is `expected`, white space around it and blank tokens before it ignored. */
  canConsume(expected: string): boolean {
    if (this.#isNext(expected)) {
      this.#nextToken = null;
      return true;
    }
    return false;
  }

  #isNext(expected: string): boolean {
    if (this.#nextToken === null) {
      if (!this.hasNext()) return false;
      this.#nextToken = this.#consumeNextToken();
    }
    while (isBlank(this.#nextToken) && this.#canConsumeNextToken()) this.#nextToken = this.#consumeNextToken();
    return javaTrim(this.#nextToken) === expected;
  }

  #canConsumeNextToken(): boolean {
    return this.#index < this.original.length;
  }

  #consumeNextToken(): string {
    const text = this.original;
    let escaped = false;
    const start = this.#index;
    while (this.#index < text.length) {
      const c = text[this.#index] as string;
      if (c === '\\') {
        escaped = !escaped;
      } else if (DELIMITERS.has(c)) {
        if (!escaped) {
          if (start < this.#index) return text.substring(start, this.#index);
          this.#index++;
          return text.substring(start, start + 1);
        }
        escaped = false;
      } else {
        escaped = false;
      }
      this.#index++;
    }
    return text.substring(start, this.#index);
  }
}
