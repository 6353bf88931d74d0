export { BigDecimal } from './big-decimal.ts';
export { ConnectSchema, javaClassOf, type SchemaParts, schemasEqual, schemaTypeOf, validateValue } from './connect-schema.ts';
export { ConnectDate, ConnectTime, Decimal, fromTwosComplement, Timestamp, twosComplement } from './logical-types.ts';
export { type Field, isPrimitive, type Schema, type SchemaType, SchemaTypes } from './schema.ts';
export { SchemaBuilder, Schemas } from './schema-builder.ts';
export { SizedNumber } from './sized-number.ts';
export { Struct } from './struct.ts';
export { valuesEqual } from './values-equal.ts';
