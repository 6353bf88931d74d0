import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { type SealContext, SealedSecretError, type SecretSealer, sealedPayload, sealedValue } from './secret-sealer.ts';

const SCHEME = 'aws-kms';

/**
 * Seals with AWS KMS: each secret is one `Encrypt` under the platform's key, with the connector and
 * key name as encryption context (so a ciphertext opens only where it was sealed, and CloudTrail
 * shows which connector's secret was read). KMS limits plaintexts to 4 KB, which config values fit.
 */
export class KmsSecretSealer implements SecretSealer {
  readonly scheme = SCHEME;
  readonly #client: Pick<KMSClient, 'send'>;
  readonly #keyId: string;

  constructor(options: { client: Pick<KMSClient, 'send'>; keyId: string }) {
    this.#client = options.client;
    this.#keyId = options.keyId;
  }

  async seal(plaintext: string, context: SealContext): Promise<string> {
    const { CiphertextBlob } = await this.#client.send(
      new EncryptCommand({ KeyId: this.#keyId, Plaintext: Buffer.from(plaintext, 'utf8'), EncryptionContext: encryptionContext(context) }),
    );
    if (CiphertextBlob === undefined) throw new SealedSecretError(context, 'KMS answered Encrypt without a ciphertext');
    return sealedValue(SCHEME, CiphertextBlob);
  }

  async open(sealed: string, context: SealContext): Promise<string> {
    const ciphertext = sealedPayload(sealed, SCHEME, context);
    let plaintext: Uint8Array | undefined;
    try {
      ({ Plaintext: plaintext } = await this.#client.send(
        new DecryptCommand({ KeyId: this.#keyId, CiphertextBlob: ciphertext, EncryptionContext: encryptionContext(context) }),
      ));
    } catch (error) {
      throw new SealedSecretError(context, `KMS refused to decrypt it (${error instanceof Error ? error.name : String(error)})`, {
        cause: error,
      });
    }
    if (plaintext === undefined) throw new SealedSecretError(context, 'KMS answered Decrypt without a plaintext');
    return Buffer.from(plaintext).toString('utf8');
  }
}

function encryptionContext(context: SealContext): Record<string, string> {
  return { 'copycat:connector': context.connector, 'copycat:config-key': context.key };
}
