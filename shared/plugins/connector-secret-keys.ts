import { isSecretKey, passwordKeys } from '../api/config/secret-keys.ts';
import type { Connector } from '../api/connector/connector.ts';
import type { SecretKeyTest } from '../stores/sealed/sealed-config-store.ts';
import type { PluginRegistry } from './registry.ts';

/**
 * Which keys of a connector's configs hold secrets: the PASSWORD keys its plugin declares (found
 * by `connector.class`), and any key named like a secret, also for plugins Copycat does not have.
 */
export function connectorSecretKeys(registry: PluginRegistry): SecretKeyTest {
  const declared = new Map<string, ReadonlySet<string>>();
  const passwordsOf = (className: string): ReadonlySet<string> => {
    let keys = declared.get(className);
    if (keys === undefined) {
      const plugin = registry.find<Connector>('source', className) ?? registry.find<Connector>('sink', className);
      try {
        keys = passwordKeys([plugin?.create().config()]);
      } catch {
        keys = new Set();
      }
      declared.set(className, keys);
    }
    return keys;
  };
  return (key, connectorConfig) => isSecretKey(key, passwordsOf(connectorConfig['connector.class']?.trim() ?? ''));
}
