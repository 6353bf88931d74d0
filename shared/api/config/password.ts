/**
 * A secret config value (Kafka's `types.Password`). Printing it in any usual way — `String()`,
 * template strings, `JSON.stringify`, `console.log`/`util.inspect` — shows `[hidden]`, so a
 * password cannot leak into logs, status traces or REST answers by accident; only {@link value}
 * returns the secret, which makes every real use easy to find.
 */
export class Password {
  /** What a password shows instead of its value. */
  static readonly HIDDEN = '[hidden]';

  // A private field, so that neither util.inspect nor object spreading can reach the secret.
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself. Never log it. */
  value(): string {
    return this.#value;
  }

  /** Whether `other` is a password with the same secret. */
  equals(other: unknown): boolean {
    return other instanceof Password && other.#value === this.#value;
  }

  /** Always `[hidden]`. */
  toString(): string {
    return Password.HIDDEN;
  }

  /** Always `[hidden]`, so JSON (status, REST answers, logs) never carries the secret. */
  toJSON(): string {
    return Password.HIDDEN;
  }

  /** What `console.log` and `util.inspect` print: `[hidden]`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return Password.HIDDEN;
  }
}
