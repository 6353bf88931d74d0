import type { Schema } from '../data/schema.ts';

/** One record header in Connect form: its key, schema (undefined when unknown) and value. */
export interface Header {
  readonly key: string;
  readonly schema: Schema | null;
  readonly value: unknown;
}

/**
 * The ordered, multi-valued headers of a Connect record (Kafka Connect's `ConnectHeaders`).
 * Instances are treated as immutable by transforms: change a copy from {@link Headers.duplicate}.
 */
export class Headers implements Iterable<Header> {
  readonly #headers: Header[];

  constructor(headers: Iterable<Header> = []) {
    this.#headers = [...headers];
  }

  get size(): number {
    return this.#headers.length;
  }

  [Symbol.iterator](): Iterator<Header> {
    return this.#headers[Symbol.iterator]();
  }

  add(key: string, value: unknown, schema: Schema | null): this {
    this.#headers.push({ key, value, schema });
    return this;
  }

  addHeader(header: Header): this {
    this.#headers.push(header);
    return this;
  }

  /** The last header with this key, as `lastWithName`. */
  lastWithName(key: string): Header | undefined {
    return this.#headers.findLast((header) => header.key === key);
  }

  allWithName(key: string): Header[] {
    return this.#headers.filter((header) => header.key === key);
  }

  remove(key: string): this {
    for (let i = this.#headers.length - 1; i >= 0; i--) if (this.#headers[i]?.key === key) this.#headers.splice(i, 1);
    return this;
  }

  clear(): this {
    this.#headers.length = 0;
    return this;
  }

  duplicate(): Headers {
    return new Headers(this.#headers);
  }
}
