// Field paths as Kafka Connect's transforms read them (KIP-821: `FieldSyntaxVersion`,
// `SingleFieldPath`). V1 names one top-level field; V2 walks nested structs and maps with dots,
// and backticks wrap a step that contains dots (`` `a.b`.c ``).
import type { AbstractConfig } from '../../api/config/abstract-config.ts';
import type { ConfigDef } from '../../api/config/config-def.ts';
import { ConfigException } from '../../api/config/config-exception.ts';
import { Importance, Type } from '../../api/config/types.ts';
import { CaseInsensitiveValidString } from '../../api/config/validators.ts';
import type { Field, Schema } from '../../api/data/schema.ts';
import type { Struct } from '../../api/data/struct.ts';
import { illegalArgument } from './java-errors.ts';
import { requireStructOf } from './java-lang.ts';
import { requireMapOrNull } from './requirements.ts';

export type FieldSyntaxVersion = 'V1' | 'V2';

export const FIELD_SYNTAX_VERSION_CONFIG = 'field.syntax.version';

const FIELD_SYNTAX_VERSION_DOC =
  'Defines the version of the syntax to access fields. If set to <code>V1</code>, then the field paths are limited to access the ' +
  'elements at the root level of the struct or map. If set to <code>V2</code>, the syntax will support accessing nested elements. ' +
  'To access nested elements, dotted notation is used. If dots are already included in the field name, then backtick pairs can ' +
  'be used to wrap field names containing dots. E.g. to access the subfield <code>baz</code> from a field named "foo.bar" in a ' +
  'struct/map the following format can be used to access its elements: "<code>foo.bar</code>.baz".';

/** Adds `field.syntax.version` (V1 or V2, any case, default V1) to a transform's definition. */
export function defineFieldSyntaxVersion(definition: ConfigDef): ConfigDef {
  return definition.define({
    name: FIELD_SYNTAX_VERSION_CONFIG,
    type: Type.STRING,
    defaultValue: 'V1',
    validator: CaseInsensitiveValidString.in('V1', 'V2'),
    importance: Importance.HIGH,
    documentation: FIELD_SYNTAX_VERSION_DOC,
  });
}

/** The configured syntax version (`FieldSyntaxVersion.fromConfig`). */
export function fieldSyntaxVersionOf(config: AbstractConfig): FieldSyntaxVersion {
  const text = config.getString(FIELD_SYNTAX_VERSION_CONFIG) ?? '';
  const version = text.toUpperCase();
  if (version !== 'V1' && version !== 'V2')
    throw ConfigException.invalidValue(FIELD_SYNTAX_VERSION_CONFIG, text, 'Unrecognized field syntax version');
  return version;
}

/** A path to one field, in a schema, a struct or a schemaless map. */
export class SingleFieldPath {
  readonly version: FieldSyntaxVersion;
  readonly steps: readonly string[];

  /** @throws ConfigException when a V2 path opens a backtick it never closes. */
  constructor(pathText: string, version: FieldSyntaxVersion) {
    this.version = version;
    this.steps = version === 'V1' ? [pathText] : parseV2(pathText);
  }

  /** The field the path names in `schema`, or undefined; throws a DataException when a step is not a struct. */
  fieldFrom(schema: Schema | null): Field | undefined {
    if (schema === null) return undefined;
    let current = schema;
    for (const step of this.#stepsWithoutLast()) {
      const field = current.field(step);
      if (field === undefined) return undefined;
      current = field.schema;
    }
    return current.field(this.#lastStep());
  }

  /** The value at the path in a struct, or null; `withDefault` falls back to the last field's default when it is null. */
  valueFromStruct(struct: Struct | null, withDefault = true): unknown {
    if (struct === null) return null;
    let current = struct;
    for (const step of this.#stepsWithoutLast()) {
      const field = current.schema.field(step);
      if (field === undefined) return null;
      const next = current.get(field);
      if (next === null || next === undefined) return null;
      current = requireStructOf(next, field.schema, 'nested field access');
    }
    const last = current.schema.field(this.#lastStep());
    if (last === undefined) return null;
    return withDefault ? current.get(last) : current.getWithoutDefault(last);
  }

  /** The value at the path in a schemaless map, or null. */
  valueFromMap(map: Map<unknown, unknown> | null): unknown {
    if (map === null) return null;
    let current = map;
    for (const step of this.#stepsWithoutLast()) {
      const next = requireMapOrNull(current.get(step), 'nested field access');
      if (next === null) return null;
      current = next;
    }
    return current.get(this.#lastStep()) ?? null;
  }

  toString(): string {
    return `SingleFieldPath{version=${this.version}, path=${this.steps.join('.')}}`;
  }

  #stepsWithoutLast(): readonly string[] {
    // An empty V2 path has no steps; Java's `subList(0, -1)` fails the same way.
    if (this.steps.length === 0) throw illegalArgument('fromIndex(0) > toIndex(-1)');
    return this.steps.slice(0, -1);
  }

  #lastStep(): string {
    return this.steps[this.steps.length - 1] as string;
  }
}

/** Splits a V2 path into steps: dots separate, backticks quote, a backslash escapes a backtick before a dot. */
function parseV2(path: string): string[] {
  const steps: string[] = [];
  let index = 0;
  while (index < path.length) {
    if (path[index] !== '`') {
      const dot = path.indexOf('.', index);
      steps.push(path.slice(index, dot < 0 ? undefined : dot));
      if (dot < 0) break;
      index = dot + 1;
    } else {
      index = quotedStep(path, index, steps);
    }
  }
  if (path.endsWith('.')) steps.push('');
  return steps;
}

/** Reads the backtick-quoted step opening at `opening`; returns the index after it (and after its dot). */
function quotedStep(path: string, opening: number, steps: string[]): number {
  let step = '';
  let start = opening + 1;
  let index = start;
  for (;;) {
    index = path.indexOf('`', index);
    if (index < 0) throw incompleteBacktickPair(path, opening);
    const escaped = path[index - 1] === '\\';
    if (index >= path.length - 1) {
      if (escaped) throw incompleteBacktickPair(path, opening);
      steps.push(step + path.slice(start, index));
      return index + 1;
    }
    if (path[index + 1] !== '.') {
      // A backtick inside the name: keep it and look for the one that ends the step.
      index++;
    } else if (escaped) {
      step += `${path.slice(start, index - 1)}\``;
      index++;
      start = index;
    } else {
      steps.push(step + path.slice(start, index));
      return index + 2;
    }
  }
}

function incompleteBacktickPair(path: string, backtickAt: number): ConfigException {
  return new ConfigException(
    `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${backtickAt} to escape it`,
  );
}
