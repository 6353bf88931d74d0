import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { EnvironmentError } from '../../errors.ts';
import { type SealContext, SealedSecretError, type SecretSealer, sealedPayload, sealedValue } from './secret-sealer.ts';

const SCHEME = 'local-aes-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals with AES-256-GCM under a key of this machine: the standalone worker's stand-in for KMS.
 * The connector and key name are the additional authenticated data, so a sealed value opens only
 * where it was sealed.
 */
export class LocalSecretSealer implements SecretSealer {
  readonly scheme = SCHEME;
  readonly #key: Uint8Array;

  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new EnvironmentError(`A local secret key must be ${KEY_BYTES} bytes, got ${key.length}.`);
    this.#key = key;
  }

  /**
   * The key in `file` (base64), made (readable by this user only) when the file does not exist yet.
   * Losing the file loses the stored secrets: connectors then need their configs written again.
   */
  static fromKeyFile(file: string): LocalSecretSealer {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    chmodSync(file, 0o600);
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES)
      throw new EnvironmentError(
        `${file} does not hold a ${KEY_BYTES}-byte base64 key; delete it to have a new one made (stored secrets are then lost).`,
      );
    return new LocalSecretSealer(key);
  }

  async seal(plaintext: string, context: SealContext): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(additionalData(context));
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return sealedValue(SCHEME, Buffer.concat([iv, cipher.getAuthTag(), encrypted]));
  }

  async open(sealed: string, context: SealContext): Promise<string> {
    const payload = sealedPayload(sealed, SCHEME, context);
    if (payload.length < IV_BYTES + TAG_BYTES) throw new SealedSecretError(context, 'the sealed value is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, payload.subarray(0, IV_BYTES));
      decipher.setAAD(additionalData(context));
      decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SealedSecretError(context, 'it was sealed under another key or for another connector or key', { cause: error });
    }
  }
}

function additionalData(context: SealContext): Buffer {
  return Buffer.from(`${context.connector}\u0000${context.key}`, 'utf8');
}
