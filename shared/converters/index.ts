// Kafka Connect's bundled converters and header converters, and the Values utility they share.
import type { Converter, HeaderConverter } from '../api/converter.ts';
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { BooleanConverter } from './boolean-converter.ts';
import { ByteArrayConverter } from './byte-array-converter.ts';
import { JsonConverter } from './json/json-converter.ts';
import { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converters.ts';
import { SimpleHeaderConverter } from './simple-header-converter.ts';
import { StringConverter } from './string-converter.ts';

export { BooleanConverter } from './boolean-converter.ts';
export { ByteArrayConverter } from './byte-array-converter.ts';
export { charsetForName, decodeUtf8, encodeUtf8, type JavaCharset, SUPPORTED_CHARSETS } from './charsets.ts';
export { CONVERTER_TYPE_CONFIG, type ConverterType, newConverterConfigDef, withConverterType } from './converter-config.ts';
export { JsonConverter } from './json/json-converter.ts';
export { type DecimalFormat, JsonConverterConfig } from './json/json-converter-config.ts';
export { parseJson, parseJsonSchemaless } from './json/json-parser.ts';
export { JsonFloat, JsonObject, JsonParseException, type JsonValue, MISSING } from './json/json-tree.ts';
export { jsonString } from './json/json-writer.ts';
export { DoubleConverter, FloatConverter, IntegerConverter, LongConverter, ShortConverter } from './number-converters.ts';
export { SerializationException } from './serialization-exception.ts';
export { SimpleHeaderConverter } from './simple-header-converter.ts';
export { ENCODING_CONFIG, StringConverter } from './string-converter.ts';
/** The Values functions under one name, as Kafka's `Values.parseString(...)` reads. */
export * as Values from './values/values.ts';
export {
  convertTo,
  convertToBoolean,
  convertToByte,
  convertToDate,
  convertToDecimal,
  convertToDouble,
  convertToFloat,
  convertToInteger,
  convertToList,
  convertToLong,
  convertToMap,
  convertToShort,
  convertToString,
  convertToStruct,
  convertToTime,
  convertToTimestamp,
  inferSchema,
  NumberFormatException,
  parseString,
} from './values/values.ts';

type Both = Converter & HeaderConverter;

/** A converter class usable both ways gets two descriptors, as Kafka lists it under both plugin types. */
function both(className: string, create: () => Both): PluginDescriptor[] {
  const simple = className.slice(className.lastIndexOf('.') + 1);
  return [
    // Kafka's alias for a converter is also its simple name without "Converter" (`Json`, `String`).
    { kind: 'converter', className, aliases: [simple.replace(/Converter$/, '')], create },
    { kind: 'header-converter', className, create },
  ];
}

/** Every converter and header converter, under Kafka Connect's class names. */
export const converterPlugins: PluginDescriptor[] = [
  ...both('org.apache.kafka.connect.json.JsonConverter', () => new JsonConverter()),
  ...both('org.apache.kafka.connect.storage.StringConverter', () => new StringConverter()),
  ...both('org.apache.kafka.connect.converters.ByteArrayConverter', () => new ByteArrayConverter()),
  ...both('org.apache.kafka.connect.converters.IntegerConverter', () => new IntegerConverter()),
  ...both('org.apache.kafka.connect.converters.LongConverter', () => new LongConverter()),
  ...both('org.apache.kafka.connect.converters.FloatConverter', () => new FloatConverter()),
  ...both('org.apache.kafka.connect.converters.DoubleConverter', () => new DoubleConverter()),
  ...both('org.apache.kafka.connect.converters.ShortConverter', () => new ShortConverter()),
  ...both('org.apache.kafka.connect.converters.BooleanConverter', () => new BooleanConverter()),
  {
    kind: 'header-converter',
    className: 'org.apache.kafka.connect.storage.SimpleHeaderConverter',
    aliases: ['Simple'],
    create: () => new SimpleHeaderConverter(),
  },
];
