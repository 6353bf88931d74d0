// The connector configs of every scenario, identical for both workers, and the data they move.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { ConnectorSpec } from './workers.ts';

export const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const FILE_SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';
const STRING_CONVERTER = 'org.apache.kafka.connect.storage.StringConverter';
const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';
const SMT = 'org.apache.kafka.connect.transforms';

/** How records are encoded on the topic: lines as text, or JSON with schemas and a 3-SMT chain on each side. */
export type Encoding = 'string' | 'json';

const STRING_CONVERTERS = { 'key.converter': STRING_CONVERTER, 'value.converter': STRING_CONVERTER };
const JSON_CONVERTERS = {
  'key.converter': JSON_CONVERTER,
  'key.converter.schemas.enable': 'true',
  'value.converter': JSON_CONVERTER,
  'value.converter.schemas.enable': 'true',
};

/**
 * Source side of scenario 3: a line (a STRING record) becomes a struct `{line}`, gains a static
 * field and a schema name: `{"schema":{"type":"struct",…,"name":"bench.Line","version":1},"payload":{"line":…,"source":"bench-file"}}`.
 */
export const SOURCE_CHAIN: Readonly<Record<string, string>> = {
  transforms: 'hoist,insert,metadata',
  'transforms.hoist.type': `${SMT}.HoistField$Value`,
  'transforms.hoist.field': 'line',
  'transforms.insert.type': `${SMT}.InsertField$Value`,
  'transforms.insert.static.field': 'source',
  'transforms.insert.static.value': 'bench-file',
  'transforms.metadata.type': `${SMT}.SetSchemaMetadata$Value`,
  'transforms.metadata.schema.name': 'bench.Line',
  'transforms.metadata.schema.version': '1',
};

/** Sink side of scenario 3: the struct read back renamed, extended and masked: `Struct{text=…,source=,sink=bench-file}` per line. */
export const SINK_CHAIN: Readonly<Record<string, string>> = {
  transforms: 'rename,insert,mask',
  'transforms.rename.type': `${SMT}.ReplaceField$Value`,
  'transforms.rename.renames': 'line:text',
  'transforms.insert.type': `${SMT}.InsertField$Value`,
  'transforms.insert.static.field': 'sink',
  'transforms.insert.static.value': 'bench-file',
  'transforms.mask.type': `${SMT}.MaskField$Value`,
  'transforms.mask.fields': 'source',
};

export function fileSource(name: string, file: string, topic: string, encoding: Encoding): ConnectorSpec {
  const extra = encoding === 'json' ? { ...JSON_CONVERTERS, ...SOURCE_CHAIN } : STRING_CONVERTERS;
  return { name, config: { 'connector.class': FILE_SOURCE, 'tasks.max': '1', file, topic, ...extra } };
}

export function fileSink(name: string, file: string, topic: string, encoding: Encoding): ConnectorSpec {
  const extra = encoding === 'json' ? { ...JSON_CONVERTERS, ...SINK_CHAIN } : STRING_CONVERTERS;
  return { name, config: { 'connector.class': FILE_SINK, 'tasks.max': '1', file, topics: topic, ...extra } };
}

/** Every input line is this long, newline excluded. */
export const LINE_BYTES = 199;
const PAD = 'x'.repeat(LINE_BYTES);

/** Line `i` of the throughput input: ~200 ASCII bytes, distinct, the same every run. */
export function inputLine(i: number): string {
  const prefix = `line ${String(i).padStart(9, '0')} order=${(i * 7919) % 100_003} customer=customer-${i % 10_007} `;
  return prefix + PAD.slice(0, LINE_BYTES - prefix.length);
}

/** Line `seq` of the latency writer: its sequence number first, so the tail can find when it was appended. */
export function latencyLine(seq: number): string {
  const prefix = `seq ${String(seq).padStart(9, '0')} `;
  return prefix + PAD.slice(0, LINE_BYTES - prefix.length);
}

export function latencySeq(line: string): number | undefined {
  const match = /^seq (\d{9}) /.exec(line);
  return match === null ? undefined : Number(match[1]);
}

/** Writes the throughput input file; answers the mean line size in bytes, newline included. */
export function writeInputFile(file: string, count: number): number {
  const fd = openSync(file, 'w');
  try {
    for (let start = 0; start < count; start += 10_000) {
      const chunk: string[] = [];
      for (let i = start; i < Math.min(count, start + 10_000); i++) chunk.push(inputLine(i));
      writeSync(fd, `${chunk.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return LINE_BYTES + 1;
}
