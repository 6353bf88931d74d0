import { type ConfigKeyOptions, Importance, Type } from '../../api/config/index.ts';
import type { Field } from '../../api/data/schema.ts';
import type { Struct } from '../../api/data/struct.ts';

/** The `replace.null.with.default` setting Kafka Connect 3.7+ gives the transforms that copy struct fields. */
export const REPLACE_NULL_WITH_DEFAULT_CONFIG = 'replace.null.with.default';

export const REPLACE_NULL_WITH_DEFAULT_DOC =
  'Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.';

/** The `replace.null.with.default` key as those transforms define it: `.define(REPLACE_NULL_WITH_DEFAULT_KEY)`. */
export const REPLACE_NULL_WITH_DEFAULT_KEY: ConfigKeyOptions = Object.freeze({
  name: REPLACE_NULL_WITH_DEFAULT_CONFIG,
  type: Type.BOOLEAN,
  defaultValue: true,
  importance: Importance.MEDIUM,
  documentation: REPLACE_NULL_WITH_DEFAULT_DOC,
});

/** A struct field's value as the transform copies it: its default in place of null when `replaceNullWithDefault`. */
export function fieldValue(struct: Struct, field: Field | string, replaceNullWithDefault: boolean): unknown {
  return replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field);
}
