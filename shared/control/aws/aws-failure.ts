import type { AwsFailure } from '../errors.ts';

// AWS SDK errors are recognised by name and by the metadata the SDK puts on them, so that this
// file needs no SDK import and serves Scheduler and Lambda alike.

/** Errors that say "try again later": throttling, busy or concurrently modified resources, service faults. */
const RETRIABLE_NAMES = new Set([
  'ThrottlingException', // Scheduler
  'TooManyRequestsException', // Lambda
  'RequestLimitExceeded',
  'InternalServerException', // Scheduler
  'ServiceException', // Lambda
  'ServiceUnavailableException',
  'ConflictException', // Scheduler: a concurrent change to the same schedule
  'ResourceConflictException', // Lambda: another operation on the same alias/mapping is in progress
  'ResourceInUseException', // Lambda: the mapping is still Creating/Updating/Deleting
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/** Whether the error is the AWS error `name` (e.g. `ResourceNotFoundException`). */
export function isAwsError(error: unknown, name: string): boolean {
  return shape(error).name === name;
}

/** Whether the same call may pass later: throttling, 5xx, a busy resource or a network failure. */
export function isRetriableAwsError(error: unknown): boolean {
  const e = shape(error);
  if (typeof e.name === 'string' && RETRIABLE_NAMES.has(e.name)) return true;
  if (e.$fault === 'server' || e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  return typeof e.code === 'string' && NETWORK_CODES.has(e.code);
}

/** The AWS error as the adapters report it. */
export function awsFailure(error: unknown): AwsFailure {
  const e = shape(error);
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : String(error);
  const requestId = typeof e.$metadata?.requestId === 'string' ? ` (request id ${e.$metadata.requestId})` : '';
  return { detail: `${name}: ${message}${requestId}`, retriable: isRetriableAwsError(error), cause: error };
}
