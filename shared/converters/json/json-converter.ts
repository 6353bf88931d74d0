import type { ConfigDef } from '../../api/config/index.ts';
import { type Converter, type HeaderConverter, NULL_SCHEMA_AND_VALUE, type SchemaAndValue } from '../../api/converter.ts';
import type { Schema } from '../../api/data/schema.ts';
import { ConnectException, DataException } from '../../api/errors.ts';
import type { KafkaHeader } from '../../api/record/kafka-header.ts';
import { withConverterType } from '../converter-config.ts';
import { utf8Bytes } from '../utf8-slab.ts';
import { connectToJson, type JsonWriteOptions } from './connect-to-json.ts';
import { JsonConverterConfig } from './json-converter-config.ts';
import { ParsedEnvelope, parseEnvelope, parseJson, parseJsonSchemaless } from './json-parser.ts';
import { JsonSchemaWriter, readJsonSchema } from './json-schema.ts';
import type { JsonReadOptions } from './json-to-connect.ts';
import { jsonToConnect } from './json-to-connect.ts';
import { JsonParseException, MISSING } from './json-tree.ts';
import { schemalessJsonBytes } from './schemaless-json-bytes.ts';

const ENVELOPE_REQUIRED =
  'JsonConverter with schemas.enable requires "schema" and "payload" fields and may not contain additional fields.' +
  ' If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.';
// How many schema texts the parser compares before reading a schema: most topics carry one or a few.
const RECENT_SCHEMAS = 4;
const READ_FAILED = 'Converting byte[] to Kafka Connect data failed due to serialization error: ';

// Jackson skips a byte order mark and rejects bytes that are not UTF-8.
const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A schema read from an envelope, with its JSON text (a copy, not a slice of some message). */
interface CachedSchema {
  readonly text: string;
  readonly schema: Schema | null;
}

interface Settings {
  readonly config: JsonConverterConfig;
  readonly read: JsonReadOptions;
  readonly write: JsonWriteOptions;
  readonly schemaWriter: JsonSchemaWriter;
  /** Schemas read from envelopes, by their JSON text; most recently used last. */
  readonly schemaCache: Map<string, CachedSchema>;
  /** The last few schema texts (objects only), most recent first, which the parser recognises without reading them. */
  readonly recentSchemas: string[];
  /** `schema.content`: the schema of every message, which then carries only its payload. */
  readonly fixedSchema: Schema | null;
}

/**
 * Kafka Connect's `org.apache.kafka.connect.json.JsonConverter`: Connect data as JSON, with the
 * schema in a `{"schema":...,"payload":...}` envelope unless `schemas.enable=false`. Reads and
 * writes the same bytes as Kafka's; usable for keys, values and headers.
 */
export class JsonConverter implements Converter, HeaderConverter {
  #settings: Settings | undefined;

  config(): ConfigDef {
    return JsonConverterConfig.configDef();
  }

  /** `isKey` given: configured as a key or value converter; omitted: as a header converter. */
  configure(configs: Readonly<Record<string, string>>, isKey?: boolean): void {
    const config = new JsonConverterConfig(withConverterType(configs, isKey));
    const read: JsonReadOptions = { replaceNullWithDefault: config.replaceNullWithDefault };
    const write: JsonWriteOptions = {
      replaceNullWithDefault: config.replaceNullWithDefault,
      decimalNumeric: config.decimalFormat === 'NUMERIC',
    };
    let fixedSchema: Schema | null = null;
    if (config.schemaContent !== null) {
      let node: ReturnType<typeof parseJson>;
      try {
        node = parseJson(config.schemaContent);
      } catch (error) {
        throw new DataException('Failed to parse schema in converter config due to serialization error: ', { cause: error });
      }
      if (node === MISSING) throw new DataException("Schema must contain 'type' field");
      fixedSchema = readJsonSchema(node, read);
    }
    this.#settings = {
      config,
      read,
      write,
      schemaWriter: new JsonSchemaWriter(write, config.schemaCacheSize > 0),
      schemaCache: new Map(),
      recentSchemas: [],
      fixedSchema,
    };
  }

  fromConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null {
    const settings = this.#configured();
    if ((schema === null || schema === undefined) && (value === null || value === undefined)) return null;
    const schemaless = schema === null || schema === undefined;
    // Plain JSON of schemaless data, the common case, goes straight to bytes.
    if (schemaless && !settings.config.schemasEnabled) return schemalessJsonBytes(value, settings.write);
    let json: string | null;
    if (settings.config.schemasEnabled) {
      const schemaJson = settings.schemaWriter.write(schema);
      json = `{"schema":${schemaJson},"payload":${connectToJson(schema ?? null, value, settings.write) ?? 'null'}}`;
    } else {
      json = connectToJson(schema ?? null, value, settings.write);
    }
    return json === null ? null : utf8Bytes(json);
  }

  toConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue {
    const settings = this.#configured();
    if (value === null || value === undefined) return NULL_SCHEMA_AND_VALUE;
    try {
      const text = decodeUtf8(value);
      if (!settings.config.schemasEnabled) return { schema: null, value: parseJsonSchemaless(text) };
      if (settings.fixedSchema !== null) {
        const node = parseJson(text);
        return { schema: settings.fixedSchema, value: jsonToConnect(settings.fixedSchema, node, settings.read) };
      }
      const envelope = parseEnvelope(text, settings.recentSchemas);
      if (
        !(envelope instanceof ParsedEnvelope) ||
        envelope.schemaText === undefined ||
        envelope.entries.size !== 1 ||
        !envelope.entries.has('payload')
      ) {
        throw new DataException(ENVELOPE_REQUIRED);
      }
      const schema = this.#schemaOf(settings, envelope.schemaText);
      return { schema, value: jsonToConnect(schema, envelope.entries.get('payload'), settings.read) };
    } catch (error) {
      if (error instanceof JsonParseException) throw new DataException(READ_FAILED, { cause: error });
      throw error;
    }
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, undefined, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, undefined, value);
  }

  close(): void {}

  /** The schema of an envelope's `schema` text, from the cache when this text was seen recently. */
  #schemaOf(settings: Settings, schemaText: string): Schema | null {
    const cache = settings.schemaCache;
    let entry = cache.get(schemaText);
    if (entry !== undefined) {
      if (settings.recentSchemas[0] !== entry.text) {
        // Least recently used goes first: move this one to the end.
        cache.delete(entry.text);
        cache.set(entry.text, entry);
      }
    } else {
      const node = parseJson(schemaText);
      const schema = node === MISSING ? null : readJsonSchema(node, settings.read);
      // The text is a slice of the whole message; a copy keeps the message from being retained.
      entry = { text: Buffer.from(schemaText, 'utf8').toString('utf8'), schema };
      const size = settings.config.schemaCacheSize;
      if (size > 0) {
        cache.set(entry.text, entry);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
    }
    const recent = settings.recentSchemas;
    if (recent[0] !== entry.text && entry.text.startsWith('{')) {
      const at = recent.indexOf(entry.text);
      if (at >= 0) recent.splice(at, 1);
      else if (recent.length >= RECENT_SCHEMAS) recent.pop();
      recent.unshift(entry.text);
    }
    return entry.schema;
  }

  #configured(): Settings {
    if (this.#settings === undefined) throw new ConnectException('JsonConverter was used before configure() was called.');
    return this.#settings;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  const text = utf8.decode(bytes);
  if (text.includes('\uFFFD')) {
    try {
      strictUtf8.decode(bytes);
    } catch {
      throw new JsonParseException('Invalid UTF-8 byte sequence in the input');
    }
  }
  return text;
}
