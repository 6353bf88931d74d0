/** The kinds of plugin Copycat finds by class name, as Kafka Connect's plugin types. */
export type PluginKind = 'source' | 'sink' | 'converter' | 'header-converter' | 'transformation' | 'predicate';

/**
 * How a plugin is found and made. `className` is Kafka Connect's (or the connector vendor's)
 * fully qualified class name, so existing configs run unchanged; aliases are the short names
 * Kafka Connect also accepts (the simple class name, e.g. `InsertField$Value`).
 */
export interface PluginDescriptor<T = unknown> {
  readonly kind: PluginKind;
  readonly className: string;
  /** Extra names besides the simple class name, which is always an alias. */
  readonly aliases?: readonly string[];
  readonly create: () => T;
}
