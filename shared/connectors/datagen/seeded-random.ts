/**
 * A small seeded generator (mulberry32): the same seed gives the same sequence on every machine
 * and Node version, so datagen output is reproducible. Its whole state is one 32-bit seed, which
 * fits in a source offset: a task can re-seed after each record and store where to resume.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `count` digits drawn from the characters in `from` (a regex class such as `[1-9]`). */
  digits(from: string, count: number): string {
    let text = '';
    for (let i = 0; i < count; i++) text += from[Math.floor(this.next() * from.length)];
    return text;
  }

  pick<T>(options: readonly T[]): T {
    return options[Math.floor(this.next() * options.length)] as T;
  }
}
