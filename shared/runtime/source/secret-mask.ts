import type { ConfigDef } from '../../api/config/index.ts';
import { isSecretKey, passwordKeys } from '../../api/config/secret-keys.ts';

export const MASK = '[hidden]';

/**
 * Hides a connector's secrets in text bound for logs and status traces: the values of PASSWORD
 * keys of its definitions and of any key whose name says it holds a secret, wherever they
 * appear (an error message quoting a JDBC URL, a stack trace).
 */
export class SecretMask {
  readonly #secrets: readonly string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so that a secret containing another is hidden whole.
    this.#secrets = [...new Set([...secrets].filter((secret) => secret.length >= 3))].sort((a, b) => b.length - a.length);
  }

  /** The secrets of these configs: PASSWORD keys of `defs`, and keys named like secrets. */
  static of(configs: readonly Readonly<Record<string, string>>[], defs: readonly (ConfigDef | undefined)[] = []): SecretMask {
    const declared = passwordKeys(defs);
    const secrets: string[] = [];
    for (const config of configs) for (const [key, value] of Object.entries(config)) if (isSecretKey(key, declared)) secrets.push(value);
    return new SecretMask(secrets);
  }

  apply(text: string): string {
    let masked = text;
    for (const secret of this.#secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }
}
