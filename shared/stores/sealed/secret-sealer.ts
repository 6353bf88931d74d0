import { CopycatError } from '../../errors.ts';

/** Where a sealed value belongs: its ciphertext is bound to it, so it cannot be copied to another connector or key. */
export interface SealContext {
  readonly connector: string;
  readonly key: string;
}

/**
 * Encrypts config values that hold secrets before they are stored, and decrypts them when read:
 * AWS KMS in the platform, a local AES-GCM key in standalone. A sealed value is text,
 * `copycat:sealed:<scheme>:<base64>`, so it sits in the config map like any other value.
 */
export interface SecretSealer {
  /** The scheme this sealer writes (`aws-kms`, `local-aes-gcm`). */
  readonly scheme: string;
  seal(plaintext: string, context: SealContext): Promise<string>;
  /** The plaintext of a value this sealer's scheme sealed; throws {@link SealedSecretError} otherwise. */
  open(sealed: string, context: SealContext): Promise<string>;
}

const PREFIX = 'copycat:sealed:';

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

export function sealedValue(scheme: string, payload: Uint8Array): string {
  return `${PREFIX}${scheme}:${Buffer.from(payload).toString('base64')}`;
}

/** The payload of a sealed value of `scheme`; a {@link SealedSecretError} naming the key when it is of another scheme or malformed. */
export function sealedPayload(sealed: string, scheme: string, context: SealContext): Uint8Array {
  const rest = sealed.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const found = colon < 0 ? '' : rest.slice(0, colon);
  if (found !== scheme)
    throw new SealedSecretError(
      context,
      `it was sealed with ${found === '' ? 'an unknown scheme' : `"${found}"`}, and this deployment opens "${scheme}" only (a config copied from another deployment?)`,
    );
  return Buffer.from(rest.slice(colon + 1), 'base64');
}

/** A sealed config value that cannot be opened; the message names the connector and key and what to do. */
export class SealedSecretError extends CopycatError {
  constructor(context: SealContext, reason: string, options: { cause?: unknown } = {}) {
    super(
      `The secret in "${context.key}" of connector ${context.connector} cannot be opened: ${reason}. Write the connector's config again (PUT /connectors/${context.connector}/config) with the secret in clear; Copycat seals it.`,
      options,
    );
    this.name = 'SealedSecretError';
  }
}
