import { DataException } from '../errors.ts';
import { BigDecimal } from './big-decimal.ts';
import type { Schema } from './schema.ts';
import { SchemaBuilder } from './schema-builder.ts';

const MS_PER_DAY = 86_400_000;

/** `org.apache.kafka.connect.data.Decimal`: BYTES holding the unscaled two's-complement value; parameter `scale`. */
export const Decimal = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Decimal',
  SCALE_FIELD: 'scale',
  builder: (scale: number) => SchemaBuilder.bytes().name(Decimal.LOGICAL_NAME).parameter(Decimal.SCALE_FIELD, String(scale)).version(1),
  schema: (scale: number) => Decimal.builder(scale).build(),
  /** The scale a Decimal schema declares. */
  scaleOf(schema: Schema): number {
    const scale = schema.parameters?.[Decimal.SCALE_FIELD];
    if (scale === undefined) throw new DataException(`Invalid Decimal schema: scale parameter not found.`);
    const parsed = Number(scale);
    if (!Number.isInteger(parsed))
      throw new DataException('Invalid scale parameter found in Decimal schema: ', { cause: new Error(`For input string: "${scale}"`) });
    return parsed;
  },
  fromLogical(schema: Schema, value: BigDecimal): Uint8Array {
    if (value.scale !== Decimal.scaleOf(schema)) {
      throw new DataException(
        `BigDecimal has mismatching scale value for given Decimal schema. Expected scale: ${Decimal.scaleOf(schema)}, actual: ${value.scale}`,
      );
    }
    return twosComplement(value.unscaled);
  },
  toLogical(schema: Schema, bytes: Uint8Array): BigDecimal {
    return new BigDecimal(fromTwosComplement(bytes), Decimal.scaleOf(schema));
  },
} as const;

/** `org.apache.kafka.connect.data.Date`: INT32 days since the epoch; the time of day must be zero. */
export const ConnectDate = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Date',
  builder: () => SchemaBuilder.int32().name(ConnectDate.LOGICAL_NAME).version(1),
  schema: () => ConnectDate.builder().build(),
  fromLogical(_schema: Schema, value: Date): number {
    const ms = value.getTime();
    if (ms % MS_PER_DAY !== 0) throw new DataException('Kafka Connect Date type should not have any time fields set to non-zero values.');
    return ms / MS_PER_DAY;
  },
  toLogical: (_schema: Schema, days: number) => new Date(days * MS_PER_DAY),
} as const;

/** `org.apache.kafka.connect.data.Time`: INT32 milliseconds since midnight; the date must be the epoch's. */
export const ConnectTime = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Time',
  builder: () => SchemaBuilder.int32().name(ConnectTime.LOGICAL_NAME).version(1),
  schema: () => ConnectTime.builder().build(),
  fromLogical(_schema: Schema, value: Date): number {
    const ms = value.getTime();
    if (ms < 0 || ms > MS_PER_DAY)
      throw new DataException('Kafka Connect Time type should not have any date fields set to non-zero values.');
    return ms;
  },
  toLogical(_schema: Schema, ms: number): Date {
    if (ms < 0 || ms > MS_PER_DAY)
      throw new DataException('Time values must use number of milliseconds greater than 0 and less than 86400000');
    return new Date(ms);
  },
} as const;

/** `org.apache.kafka.connect.data.Timestamp`: INT64 milliseconds since the epoch. */
export const Timestamp = {
  LOGICAL_NAME: 'org.apache.kafka.connect.data.Timestamp',
  builder: () => SchemaBuilder.int64().name(Timestamp.LOGICAL_NAME).version(1),
  schema: () => Timestamp.builder().build(),
  fromLogical: (_schema: Schema, value: Date): bigint => BigInt(value.getTime()),
  toLogical: (_schema: Schema, ms: bigint): Date => new Date(Number(ms)),
} as const;

/** Java's `BigInteger.toByteArray()`: the shortest big-endian two's complement. */
export function twosComplement(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0xffn);
    bytes.unshift(byte);
    rest >>= 8n;
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(bytes);
}

export function fromTwosComplement(bytes: Uint8Array): bigint {
  if (bytes.length === 0) throw new DataException('Zero length BigInteger');
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return (bytes[0] as number) & 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}
