import type { PluginDescriptor, PluginKind } from './plugin.ts';

/**
 * Finds plugins by Kafka Connect class name or short alias, the way Kafka Connect resolves
 * `connector.class`, `*.converter` and `transforms.*.type`.
 */
export class PluginRegistry {
  readonly #byKind = new Map<PluginKind, Map<string, PluginDescriptor>>();
  readonly #descriptors: readonly PluginDescriptor[];

  constructor(descriptors: readonly PluginDescriptor[]) {
    this.#descriptors = descriptors;
    for (const descriptor of descriptors) {
      const names = this.#byKind.get(descriptor.kind) ?? new Map<string, PluginDescriptor>();
      this.#byKind.set(descriptor.kind, names);
      for (const name of [descriptor.className, simpleName(descriptor.className), ...(descriptor.aliases ?? [])]) {
        // The first plugin to claim an alias keeps it; a full class name always wins.
        if (!names.has(name) || name === descriptor.className) names.set(name, descriptor);
      }
    }
  }

  /** The plugin of this kind with this class name or alias, or undefined. */
  find<T>(kind: PluginKind, name: string): PluginDescriptor<T> | undefined {
    return this.#byKind.get(kind)?.get(name.trim()) as PluginDescriptor<T> | undefined;
  }

  /** Every plugin of a kind (all kinds when omitted), in registration order. */
  list(kind?: PluginKind): readonly PluginDescriptor[] {
    return kind === undefined ? this.#descriptors : this.#descriptors.filter((descriptor) => descriptor.kind === kind);
  }

  /** The class names of a kind, for messages that list what is available. */
  classNames(kind: PluginKind): string[] {
    return this.list(kind).map((descriptor) => descriptor.className);
  }
}

/** The part after the package: `InsertField$Value` for `org.apache.kafka.connect.transforms.InsertField$Value`. */
export function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}
