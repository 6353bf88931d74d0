import { AbstractConfig, type ConfigDef, Importance, Type, Width } from '../api/config/index.ts';
import type { Converter, HeaderConverter, SchemaAndValue } from '../api/converter.ts';
import type { Schema } from '../api/data/schema.ts';
import { Schemas } from '../api/data/schema-builder.ts';
import type { KafkaHeader } from '../api/record/kafka-header.ts';
import { charsetForName, type JavaCharset, SUPPORTED_CHARSETS } from './charsets.ts';
import { CONVERTER_TYPE_CONFIG, newConverterConfigDef, withConverterType } from './converter-config.ts';
import { javaToString } from './java-objects.ts';
import { SerializationException } from './serialization-exception.ts';

export const ENCODING_CONFIG = 'converter.encoding';

const CONFIG_DEF: ConfigDef = newConverterConfigDef().define({
  name: ENCODING_CONFIG,
  type: Type.STRING,
  defaultValue: 'UTF-8',
  importance: Importance.HIGH,
  documentation: 'The name of the Java character set to use for encoding strings as byte arrays.',
  width: Width.MEDIUM,
  displayName: 'Encoding',
});

// Charsets Java has and Copycat does not, named so that the error can say so.
const KNOWN_UNSUPPORTED =
  /^(utf-?32(be|le)?|windows-125\d|cp125\d|iso-8859-\d+|shift_jis|sjis|euc-jp|euc-kr|gbk|gb2312|gb18030|big5|koi8-[ru]|cesu-8|ibm\d+)$/i;

/**
 * Kafka Connect's `org.apache.kafka.connect.storage.StringConverter`: values as text in
 * `converter.encoding` (UTF-8 by default; also US-ASCII, ISO-8859-1 and UTF-16, UTF-16BE,
 * UTF-16LE). Writing uses Java's `toString()` of any value; reading always gives an optional
 * string schema. Usable for keys, values and headers.
 */
export class StringConverter implements Converter, HeaderConverter {
  // Unconfigured, Kafka's serializers use UTF-8.
  #encoder: JavaCharset = lookUp('UTF-8');
  #decoder: JavaCharset = lookUp('UTF-8');

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  /** `isKey` given: configured as a key or value converter; omitted: as a header converter. */
  configure(configs: Readonly<Record<string, string>>, isKey?: boolean): void {
    const settings = withConverterType(configs, isKey);
    const config = new AbstractConfig(CONFIG_DEF, settings);
    const encoding = config.getString(ENCODING_CONFIG) ?? 'UTF-8';
    // Kafka's StringSerializer/Deserializer prefer their own key./value.-prefixed encoding setting.
    const prefix = config.getString(CONVERTER_TYPE_CONFIG) === 'key' ? 'key' : 'value';
    this.#encoder = lookUp(settings[`${prefix}.serializer.encoding`] ?? encoding);
    this.#decoder = lookUp(settings[`${prefix}.deserializer.encoding`] ?? encoding);
  }

  fromConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, schema: Schema | null, value: unknown): Uint8Array | null {
    if (value === null || value === undefined) return null;
    return this.#encoder.encode(javaToString(schema, value));
  }

  toConnectData(_topic: string, _headers: readonly KafkaHeader[] | undefined, value: Uint8Array | null): SchemaAndValue {
    return { schema: Schemas.OPTIONAL_STRING, value: value === null || value === undefined ? null : this.#decoder.decode(value) };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Uint8Array | null {
    return this.fromConnectData(topic, undefined, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, value: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, undefined, value);
  }

  close(): void {}
}

function lookUp(name: string): JavaCharset {
  const charset = charsetForName(name);
  if (charset !== undefined) return charset;
  const supported = KNOWN_UNSUPPORTED.test(name) ? `: Copycat supports only ${SUPPORTED_CHARSETS.join(', ')}` : '';
  throw new SerializationException(`Unsupported encoding ${name}${supported}`);
}
