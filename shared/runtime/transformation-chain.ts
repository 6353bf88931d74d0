import { ConfigException } from '../api/config/index.ts';
import type { ConnectRecord } from '../api/record/connect-record.ts';
import type { Predicate, Transformation } from '../api/transformation.ts';
import type { PluginKind } from '../plugins/plugin.ts';
import type { PluginRegistry } from '../plugins/registry.ts';
import { aliases } from './connector-config.ts';
import { atStage } from './stage.ts';

/** One configured transform with its optional predicate (Kafka Connect's `TransformationStage`). */
interface TransformationStage {
  readonly alias: string;
  readonly className: string;
  readonly transformation: Transformation;
  readonly predicate: Predicate | undefined;
  readonly negate: boolean;
}

/**
 * The SMT chain of a connector: each transform runs in order when its predicate (if any) matches,
 * XOR `negate`; a null result drops the record and ends the chain. Failures are tagged
 * TRANSFORMATION with the transform's class.
 */
export class TransformationChain {
  readonly #stages: readonly TransformationStage[];

  constructor(stages: readonly TransformationStage[]) {
    this.#stages = stages;
  }

  /**
   * Builds the chain from a validated connector config: `transforms`, `transforms.<alias>.type`,
   * `.predicate`, `.negate` and the transform's own keys, `predicates` and `predicates.<alias>.*`.
   */
  static fromConfig(props: Readonly<Record<string, string>>, registry: PluginRegistry): TransformationChain {
    const predicates = new Map<string, Predicate>();
    for (const alias of aliases(props.predicates)) {
      const prefix = `predicates.${alias}.`;
      const predicate = createPlugin<Predicate>(registry, 'predicate', props[`${prefix}type`] ?? '', `${prefix}type`);
      configurePlugin(prefix, () => predicate.configure(withPrefix(props, prefix)));
      predicates.set(alias, predicate);
    }
    const stages = aliases(props.transforms).map((alias): TransformationStage => {
      const prefix = `transforms.${alias}.`;
      const { predicate, negate, ...configs } = withPrefix(props, prefix);
      const className = props[`${prefix}type`] ?? '';
      const transformation = createPlugin<Transformation>(registry, 'transformation', className, `${prefix}type`);
      configurePlugin(prefix, () => transformation.configure(configs));
      return {
        alias,
        className,
        transformation,
        predicate: predicate === undefined || predicate === '' ? undefined : predicates.get(predicate.trim()),
        negate: negate?.trim().toLowerCase() === 'true',
      };
    });
    return new TransformationChain(stages);
  }

  get size(): number {
    return this.#stages.length;
  }

  apply<R extends ConnectRecord>(record: R): R | null {
    let current: R | null = record;
    for (const stage of this.#stages) {
      if (current === null) return null;
      const input: R = current;
      current = atStage('TRANSFORMATION', stage.className, () => {
        if (stage.predicate !== undefined && stage.predicate.test(input) === stage.negate) return input;
        return stage.transformation.apply(input) as R | null;
      });
    }
    return current;
  }

  close(): void {
    for (const stage of this.#stages) {
      stage.transformation.close?.();
      stage.predicate?.close?.();
    }
  }
}

/** A new instance of the plugin a config key names; a ConfigException on that key when none is installed. */
export function createPlugin<T>(registry: PluginRegistry, kind: PluginKind, className: string, key: string): T {
  const descriptor = registry.find<T>(kind, className);
  if (descriptor === undefined) throw ConfigException.invalidValue(key, className, `Class ${className} could not be found.`);
  return descriptor.create();
}

/**
 * Runs a plugin's `configure`; whatever it throws becomes a ConfigException on the plugin's key
 * (e.g. `transforms.route.regex`), since a plugin that cannot be configured is a config problem.
 */
export function configurePlugin(prefix: string, configure: () => void): void {
  try {
    configure();
  } catch (error) {
    const key = error instanceof ConfigException && error.key !== undefined ? error.key : 'type';
    throw new ConfigException(error instanceof Error ? error.message : String(error), { key: `${prefix}${key}`, cause: error });
  }
}

/** The settings under a prefix, with the prefix removed (Kafka's `originalsWithPrefix`). */
export function withPrefix(props: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) if (key.startsWith(prefix)) result[key.slice(prefix.length)] = value;
  return result;
}
