// Every built-in single message transform and predicate, as plugins found by Kafka Connect's class names.
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { plugins as cast } from './cast.ts';
import { plugins as dropHeaders } from './drop-headers.ts';
import { plugins as extractField } from './extract-field.ts';
import { plugins as filter } from './filter.ts';
import { plugins as flatten } from './flatten.ts';
import { plugins as headerFrom } from './header-from.ts';
import { plugins as hoistField } from './hoist-field.ts';
import { plugins as insertField } from './insert-field.ts';
import { plugins as insertHeader } from './insert-header.ts';
import { plugins as maskField } from './mask-field.ts';
import { plugins as hasHeaderKey } from './predicates/has-header-key.ts';
import { plugins as recordIsTombstone } from './predicates/record-is-tombstone.ts';
import { plugins as topicNameMatches } from './predicates/topic-name-matches.ts';
import { plugins as regexRouter } from './regex-router.ts';
import { plugins as replaceField } from './replace-field.ts';
import { plugins as setSchemaMetadata } from './set-schema-metadata.ts';
import { plugins as timestampConverter } from './timestamp-converter.ts';
import { plugins as timestampRouter } from './timestamp-router.ts';
import { plugins as valueToKey } from './value-to-key.ts';

export { Cast } from './cast.ts';
export { DropHeaders } from './drop-headers.ts';
export { ExtractField } from './extract-field.ts';
export { Filter } from './filter.ts';
export { Flatten } from './flatten.ts';
export { HeaderFrom } from './header-from.ts';
export { HoistField } from './hoist-field.ts';
export { InsertField } from './insert-field.ts';
export { InsertHeader } from './insert-header.ts';
export { MaskField } from './mask-field.ts';
export { HasHeaderKey } from './predicates/has-header-key.ts';
export { RecordIsTombstone } from './predicates/record-is-tombstone.ts';
export { TopicNameMatches } from './predicates/topic-name-matches.ts';
export { RegexRouter } from './regex-router.ts';
export { ReplaceField } from './replace-field.ts';
export { SetSchemaMetadata } from './set-schema-metadata.ts';
export { TimestampConverter } from './timestamp-converter.ts';
export { TimestampRouter } from './timestamp-router.ts';
export { ValueToKey } from './value-to-key.ts';

/** The transforms, in the order Kafka Connect's documentation lists them. */
export const transformPlugins: readonly PluginDescriptor[] = [
  ...cast,
  ...dropHeaders,
  ...extractField,
  ...filter,
  ...flatten,
  ...headerFrom,
  ...hoistField,
  ...insertField,
  ...insertHeader,
  ...maskField,
  ...regexRouter,
  ...replaceField,
  ...setSchemaMetadata,
  ...timestampConverter,
  ...timestampRouter,
  ...valueToKey,
];

/** The predicates transforms can be bound to with `transforms.<alias>.predicate`. */
export const predicatePlugins: readonly PluginDescriptor[] = [...hasHeaderKey, ...recordIsTombstone, ...topicNameMatches];
