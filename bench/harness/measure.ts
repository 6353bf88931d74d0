// What the harness measures with: lines of a growing file, file digests, memory high-water marks, summaries.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';

/** Median, min and max of a few runs. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

/** The nearest-rank percentile (0–100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Counts the lines of a growing file incrementally, reading only what was appended since the last poll. */
export class LineCounter {
  #position = 0;
  #count = 0;
  readonly #buffer = Buffer.alloc(1 << 20);
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  poll(): number {
    if (!existsSync(this.#file)) return 0;
    const fd = openSync(this.#file, 'r');
    try {
      for (;;) {
        const read = readSync(fd, this.#buffer, 0, this.#buffer.length, this.#position);
        if (read <= 0) break;
        this.#position += read;
        for (let i = 0; i < read; i++) if (this.#buffer[i] === 10) this.#count++;
      }
    } finally {
      closeSync(fd);
    }
    return this.#count;
  }
}

/** Hands out the complete lines appended to a file since the last call (the tail of scenario 4). */
export class LineTail {
  #position = 0;
  #partial = '';
  readonly #buffer = Buffer.alloc(1 << 20);
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  poll(): string[] {
    if (!existsSync(this.#file)) return [];
    const fd = openSync(this.#file, 'r');
    let text = this.#partial;
    try {
      for (;;) {
        const read = readSync(fd, this.#buffer, 0, this.#buffer.length, this.#position);
        if (read <= 0) break;
        this.#position += read;
        text += this.#buffer.toString('latin1', 0, read);
      }
    } finally {
      closeSync(fd);
    }
    const lines = text.split('\n');
    this.#partial = lines.pop() ?? '';
    return lines;
  }
}

/** What a sink file holds, to compare one side's output with the other's without keeping the files. */
export interface FileFingerprint {
  readonly lines: number;
  readonly sha256: string;
  readonly firstLine: string;
  readonly lastLine: string;
}

export function fingerprint(file: string): FileFingerprint {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  let lines = 0;
  let head = '';
  let tail = Buffer.alloc(0);
  if (existsSync(file)) {
    const fd = openSync(file, 'r');
    try {
      for (;;) {
        const read = readSync(fd, buffer, 0, buffer.length, null);
        if (read <= 0) break;
        const chunk = buffer.subarray(0, read);
        hash.update(chunk);
        for (let i = 0; i < read; i++) if (chunk[i] === 10) lines++;
        if (head.length < 4096) head += chunk.toString('utf8', 0, Math.min(read, 4096));
        tail = Buffer.concat([tail, chunk]).subarray(-4096);
      }
    } finally {
      closeSync(fd);
    }
  }
  const tailLines = tail.toString('utf8').split('\n');
  if (tailLines[tailLines.length - 1] === '') tailLines.pop();
  return {
    lines,
    sha256: hash.digest('hex'),
    firstLine: head.split('\n')[0] ?? '',
    lastLine: tailLines[tailLines.length - 1] ?? '',
  };
}

/**
 * The process's resident set high-water mark (VmHWM in /proc/<pid>/status), bytes; undefined once
 * the process is gone. Read it before stopping the process.
 */
export function peakRssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
