// Every built-in single message transform and predicate, as plugins found by Kafka Connect's class names.
import type { PluginDescriptor } from '../plugins/plugin.ts';
import { plugins as cast } from './cast.ts';
import { plugins as extractField } from './extract-field.ts';
import { plugins as hoistField } from './hoist-field.ts';
import { plugins as insertField } from './insert-field.ts';
import { plugins as maskField } from './mask-field.ts';
import { plugins as replaceField } from './replace-field.ts';
import { plugins as setSchemaMetadata } from './set-schema-metadata.ts';
import { plugins as valueToKey } from './value-to-key.ts';

export { Cast } from './cast.ts';
export { ExtractField } from './extract-field.ts';
export { HoistField } from './hoist-field.ts';
export { InsertField } from './insert-field.ts';
export { MaskField } from './mask-field.ts';
export { ReplaceField } from './replace-field.ts';
export { SetSchemaMetadata } from './set-schema-metadata.ts';
export { ValueToKey } from './value-to-key.ts';

export const transformPlugins: readonly PluginDescriptor[] = [
  ...insertField,
  ...replaceField,
  ...maskField,
  ...valueToKey,
  ...extractField,
  ...hoistField,
  ...cast,
  ...setSchemaMetadata,
];
