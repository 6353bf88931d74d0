import type { ConfigDef } from './config-def.ts';

/** Key names that say they hold a secret, whatever the plugin declares (`connection.password`, `sasl.jaas.config`, `aws.secret.access.key`). */
const SECRET_KEY_NAME = /password|secret|token|credential|jaas|api[._-]?key|private[._-]?key|access[._-]?key/i;

/** The PASSWORD keys these definitions declare. */
export function passwordKeys(defs: Iterable<ConfigDef | undefined>): Set<string> {
  const keys = new Set<string>();
  for (const def of defs) for (const key of def?.configKeys().values() ?? []) if (key.type === 'PASSWORD') keys.add(key.name);
  return keys;
}

/** Whether a config key holds a secret: declared PASSWORD, or named like a secret. */
export function isSecretKey(key: string, declaredPasswords: ReadonlySet<string> = new Set()): boolean {
  return declaredPasswords.has(key) || SECRET_KEY_NAME.test(key);
}
