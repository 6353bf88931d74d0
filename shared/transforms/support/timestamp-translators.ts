// The five timestamp representations Kafka Connect's TimestampConverter converts between, each
// read into one instant and written back out. The instant is kept as epoch milliseconds in a
// bigint, as Java's `long` inside `java.util.Date`, so that unix values far outside JavaScript's
// `Date` range still convert between precisions exactly as Java converts them.
import { ConnectDate, ConnectTime, Timestamp } from '../../api/data/logical-types.ts';
import type { Schema } from '../../api/data/schema.ts';
import { Schemas } from '../../api/data/schema-builder.ts';
import { DataException } from '../../api/errors.ts';
import { MS_PER_DAY } from './java-calendar.ts';
import { JavaRuntimeException } from './java-errors.ts';
import { javaClass } from './java-lang.ts';
import type { SimpleDateFormat } from './simple-date-format.ts';
import { DateParseError } from './simple-date-parse.ts';

export const TIMESTAMP_TYPES = ['string', 'unix', 'Date', 'Time', 'Timestamp'] as const;
export type TimestampType = (typeof TIMESTAMP_TYPES)[number];

export const UNIX_PRECISIONS = ['nanoseconds', 'microseconds', 'milliseconds', 'seconds'] as const;
export type UnixPrecision = (typeof UNIX_PRECISIONS)[number];

/** The parts of the converter's config the translators read. */
export interface TranslatorConfig {
  readonly format: SimpleDateFormat | null;
  readonly unixPrecision: UnixPrecision;
}

interface Translator {
  /** The instant a value of this representation stands for. */
  toRaw(config: TranslatorConfig, value: unknown): bigint;
  typeSchema(optional: boolean): Schema;
  toType(config: TranslatorConfig, raw: bigint): unknown;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const DAY = BigInt(MS_PER_DAY);

/** Java's `TimeUnit` conversions: multiplying saturates at the long range, dividing truncates toward zero. */
const scaleUp = (value: bigint, factor: bigint): bigint => {
  const scaled = value * factor;
  return scaled > LONG_MAX ? LONG_MAX : scaled < LONG_MIN ? LONG_MIN : scaled;
};

const UNIX_FACTORS: Readonly<Record<UnixPrecision, bigint>> = {
  seconds: 1000n,
  milliseconds: 1n,
  microseconds: 1000n,
  nanoseconds: 1_000_000n,
};

function requireFormat(config: TranslatorConfig): SimpleDateFormat {
  // Java dereferences the missing format and fails with a NullPointerException.
  if (config.format === null) {
    throw new JavaRuntimeException(
      'java.lang.NullPointerException',
      'Cannot invoke "java.text.SimpleDateFormat.parse(String)" because "config.format" is null',
    );
  }
  return config.format;
}

/** A `java.util.Date` for the instant; JavaScript's `Date` holds ±8.64e15 ms, Java's any long. */
function toDate(raw: bigint): Date {
  const date = new Date(Number(raw));
  if (Number.isNaN(date.getTime())) {
    throw new DataException(`The timestamp ${raw} ms lies outside the range a JavaScript Date can hold (±8640000000000000 ms).`);
  }
  return date;
}

function requireDate(value: unknown, what: string): bigint {
  if (!(value instanceof Date)) throw new DataException(`Expected ${what} to be a java.util.Date, but found ${javaClass(value)}`);
  const millis = value.getTime();
  if (Number.isNaN(millis)) throw new DataException(`The ${what} value is an invalid JavaScript Date (outside ±8640000000000000 ms).`);
  return BigInt(millis);
}

const floorMod = (a: bigint, b: bigint): bigint => ((a % b) + b) % b;

export const TRANSLATORS: Readonly<Record<TimestampType, Translator>> = {
  string: {
    toRaw(config, value) {
      if (typeof value !== 'string') throw new DataException(`Expected string timestamp to be a String, but found ${javaClass(value)}`);
      const format = requireFormat(config);
      try {
        return BigInt(format.parse(value));
      } catch (error) {
        if (!(error instanceof DateParseError)) throw error;
        const detail = error.detail === undefined ? '' : `: ${error.detail}`;
        throw new DataException(`Could not parse timestamp: value (${value}) does not match pattern (${format.toPattern()})${detail}`, {
          cause: error,
        });
      }
    },
    typeSchema: (optional) => (optional ? Schemas.OPTIONAL_STRING : Schemas.STRING),
    toType: (config, raw) => requireFormat(config).format(Number(raw)),
  },
  unix: {
    toRaw(config, value) {
      if (typeof value !== 'bigint') throw new DataException(`Expected Unix timestamp to be a Long, but found ${javaClass(value)}`);
      const factor = UNIX_FACTORS[config.unixPrecision];
      return config.unixPrecision === 'seconds' ? scaleUp(value, factor) : value / factor;
    },
    typeSchema: (optional) => (optional ? Schemas.OPTIONAL_INT64 : Schemas.INT64),
    toType(config, raw) {
      const factor = UNIX_FACTORS[config.unixPrecision];
      return config.unixPrecision === 'seconds' ? raw / factor : scaleUp(raw, factor);
    },
  },
  Date: {
    toRaw: (_config, value) => requireDate(value, 'Date'),
    typeSchema: (optional) => (optional ? OPTIONAL_DATE_SCHEMA : ConnectDate.schema()),
    toType: (_config, raw) => toDate(raw - floorMod(raw, DAY)),
  },
  Time: {
    toRaw: (_config, value) => requireDate(value, 'Time'),
    typeSchema: (optional) => (optional ? OPTIONAL_TIME_SCHEMA : ConnectTime.schema()),
    toType: (_config, raw) => toDate(floorMod(raw, DAY)),
  },
  Timestamp: {
    toRaw: (_config, value) => requireDate(value, 'Timestamp'),
    typeSchema: (optional) => (optional ? OPTIONAL_TIMESTAMP_SCHEMA : Timestamp.schema()),
    toType: (_config, raw) => toDate(raw),
  },
};

const OPTIONAL_DATE_SCHEMA = ConnectDate.builder().optional().build();
const OPTIONAL_TIME_SCHEMA = ConnectTime.builder().optional().build();
const OPTIONAL_TIMESTAMP_SCHEMA = Timestamp.builder().optional().build();
