// Where the integration tests find the real services: `npm test` exports the stack's addresses.
import { randomUUID } from 'node:crypto';
import { stackAddresses } from '../../shared/standalone/stack/local-stack.ts';

export const stack = stackAddresses();

/** A name no other test (or earlier run) uses, for topics, tables and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
