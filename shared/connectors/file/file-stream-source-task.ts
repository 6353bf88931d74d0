import { type FileHandle, open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbstractConfig } from '../../api/config/index.ts';
import type { ConnectorProps } from '../../api/connector/connector.ts';
import type { SourceTask, SourceTaskContext } from '../../api/connector/source-task.ts';
import { Schemas } from '../../api/data/index.ts';
import { ConnectException } from '../../api/errors.ts';
import { SourceRecord } from '../../api/record/source-record.ts';
import {
  BATCH_SIZE_CONFIG,
  FILE_CONFIG,
  FILE_STREAM_SOURCE_CONFIG_DEF,
  FILE_STREAM_SOURCE_VERSION,
  TOPIC_CONFIG,
} from './file-stream-source-config.ts';

export const FILENAME_FIELD = 'filename';
export const POSITION_FIELD = 'position';

/** Bytes read from the file per read call (Kafka reads 1,024 chars at a time; the size changes no record or offset). */
const READ_CHUNK_BYTES = 64 * 1024;
/** How long `poll` waits when there is nothing new, as Kafka's task does. */
const WAIT_MS = 1000;

/**
 * Kafka's `FileStreamSourceTask`, record for record and offset for offset: one STRING record per
 * line (terminated by `\n`, `\r\n` or a lone `\r`; a last line without a terminator waits for
 * one), null key, partition `{"filename": <file>}`, offset `{"position": <position after the
 * line>}`, at most `batch.size` records per poll, a 1 s wait when nothing is new. Without
 * `file` it reads standard input with `{"filename": null}` / `{"position": null}`.
 *
 * Kafka's quirk is kept so offsets carry over both ways: the position counts UTF-16 chars of
 * the decoded text (equal to bytes for ASCII files), while resuming skips that many bytes.
 */
export class FileStreamSourceTask implements SourceTask {
  #context: SourceTaskContext | undefined;
  #filename: string | null = null;
  /** `{filename}`, one object for every record: offsets are grouped by partition, and the same object makes that cheap. */
  #sourcePartition: Readonly<Record<string, string | null>> = { [FILENAME_FIELD]: null };
  #topic = '';
  #batchSize = 2000;
  #file: FileHandle | undefined;
  #stdin: StdinReader | undefined;
  #readPosition = 0;
  #decoder = new TextDecoder('utf-8');
  /** Decoded text not yet returned as lines, from `#cursor` on. */
  #text = '';
  #cursor = 0;
  /** Index of the next `\r` at or after the cursor, -1 when the text has none, undefined when unknown (keeps line splitting linear). */
  #nextCr: number | undefined;
  /** Kafka's `streamOffset`: null for stdin. */
  #streamOffset: number | null = null;
  #stopped = new AbortController();

  version(): string {
    return FILE_STREAM_SOURCE_VERSION;
  }

  initialize(context: SourceTaskContext): void {
    this.#context = context;
  }

  start(props: ConnectorProps): void {
    const config = new AbstractConfig(FILE_STREAM_SOURCE_CONFIG_DEF, props);
    this.#filename = config.getString(FILE_CONFIG);
    if (this.#filename === null || this.#filename === '') {
      this.#filename = null;
      this.#streamOffset = null;
      this.#stdin = new StdinReader();
    }
    this.#sourcePartition = Object.freeze({ [FILENAME_FIELD]: this.#filename });
    this.#topic = config.getString(TOPIC_CONFIG) as string;
    this.#batchSize = config.getInt(BATCH_SIZE_CONFIG) as number;
  }

  async poll(): Promise<SourceRecord[] | null> {
    if (this.#stopped.signal.aborted) return null;
    if (this.#stdin === undefined && this.#file === undefined) {
      const opened = await this.#open();
      if (!opened) {
        await this.#wait();
        return null;
      }
    }
    const records: SourceRecord[] = [];
    let lastRead = 0;
    for (;;) {
      // Lines already decoded first: a previous poll may have stopped at batch.size.
      for (let line = this.#extractLine(); line !== null; line = this.#extractLine()) {
        records.push(this.#record(line));
        if (records.length >= this.#batchSize) return records;
      }
      lastRead = await this.#read();
      if (lastRead <= 0) break;
    }
    if (lastRead <= 0 && records.length === 0) await this.#wait();
    return records.length === 0 ? null : records;
  }

  stop(): void {
    this.#stopped.abort();
    const file = this.#file;
    this.#file = undefined;
    this.#stdin?.close();
    file?.close().catch(() => undefined);
  }

  /** Opens the file at the stored position; false when it does not exist yet (Kafka waits for it). */
  async #open(): Promise<boolean> {
    const filename = this.#filename as string;
    let file: FileHandle;
    try {
      file = await open(filename, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new ConnectException(`Error while trying to open file ${filename}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const offset = await this.#context?.offsetStorageReader.offset({ [FILENAME_FIELD]: filename });
      const position = offset?.[POSITION_FIELD] ?? null;
      if (position !== null && !(typeof position === 'number' && Number.isSafeInteger(position)))
        throw new ConnectException('Offset position is the incorrect type');
      // Java's InputStream.skip: a position past the end skips to the end.
      this.#readPosition = position === null ? 0 : Math.max(0, position);
      this.#streamOffset = position ?? 0;
    } catch (error) {
      await file.close();
      throw error;
    }
    this.#file = file;
    return true;
  }

  /** Reads and decodes the next chunk; the number of bytes read (0 at the end for now). */
  async #read(): Promise<number> {
    let bytes: Uint8Array | undefined;
    if (this.#stdin !== undefined) bytes = this.#stdin.take();
    else if (this.#file !== undefined) {
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.#file.read(buffer, 0, buffer.length, this.#readPosition));
      } catch {
        // The file was closed by stop(): Kafka's task returns what it has.
        return 0;
      }
      this.#readPosition += bytesRead;
      bytes = buffer.subarray(0, bytesRead);
    }
    if (bytes === undefined || bytes.length === 0) return 0;
    const decoded = this.#decoder.decode(bytes, { stream: true });
    this.#text = this.#cursor === 0 ? this.#text + decoded : this.#text.slice(this.#cursor) + decoded;
    this.#cursor = 0;
    this.#nextCr = undefined;
    return bytes.length;
  }

  /** Kafka's `extractLine`: the next complete line, or null (a trailing `\r` waits to see whether `\n` follows). */
  #extractLine(): string | null {
    const text = this.#text;
    const start = this.#cursor;
    const n = text.indexOf('\n', start);
    if (this.#nextCr === undefined || (this.#nextCr !== -1 && this.#nextCr < start)) this.#nextCr = text.indexOf('\r', start);
    const r = this.#nextCr;
    let until: number;
    let newStart: number;
    if (r !== -1 && (n === -1 || r < n)) {
      if (r + 1 >= text.length) return null;
      until = r;
      newStart = text.charCodeAt(r + 1) === 10 ? r + 2 : r + 1;
    } else if (n !== -1) {
      until = n;
      newStart = n + 1;
    } else return null;
    const line = text.slice(start, until);
    this.#cursor = newStart;
    if (this.#streamOffset !== null) this.#streamOffset += newStart - start;
    return line;
  }

  #record(line: string): SourceRecord {
    return new SourceRecord({
      sourcePartition: this.#sourcePartition,
      sourceOffset: { [POSITION_FIELD]: this.#streamOffset },
      topic: this.#topic,
      kafkaPartition: null,
      keySchema: null,
      key: null,
      valueSchema: Schemas.STRING,
      value: line,
      timestamp: Date.now(),
    });
  }

  async #wait(): Promise<void> {
    await sleep(WAIT_MS, undefined, { signal: this.#stopped.signal }).catch(() => undefined);
  }
}

/** Standard input, buffered as it arrives, so that `poll` never blocks on it. */
class StdinReader {
  readonly #chunks: Buffer[] = [];
  readonly #onData = (chunk: Buffer) => this.#chunks.push(chunk);

  constructor() {
    process.stdin.on('data', this.#onData);
  }

  take(): Uint8Array | undefined {
    if (this.#chunks.length === 0) return undefined;
    const all = Buffer.concat(this.#chunks);
    this.#chunks.length = 0;
    return all;
  }

  close(): void {
    process.stdin.off('data', this.#onData);
    process.stdin.pause();
  }
}
