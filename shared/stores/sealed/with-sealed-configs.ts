import type { Stores } from '../stores.ts';
import { SealedConfigStore, type SecretKeyTest } from './sealed-config-store.ts';
import type { SecretSealer } from './secret-sealer.ts';

/** The stores with their config store sealing secrets (see {@link SealedConfigStore}). */
export function withSealedConfigs(stores: Stores, sealer: SecretSealer, isSecret: SecretKeyTest): Stores {
  return { ...stores, configs: new SealedConfigStore({ inner: stores.configs, sealer, isSecret }) };
}
