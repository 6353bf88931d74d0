import { type AttributeValue, ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { StoreError, StoreUnavailableError } from '../errors.ts';

// The DynamoDB layer turns the SDK's failures into the stores' errors, as Powertools' persistence
// layers do: a failed condition becomes the domain error (decided by each store), anything else a
// StoreUnavailableError (retriable: throttling, server faults, the network) or a StoreError.

const retriableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

/** The item a failed condition saw (ReturnValuesOnConditionCheckFailure ALL_OLD), or undefined when there was none. */
export function conditionFailure(error: unknown): { item: Record<string, AttributeValue> | undefined } | undefined {
  if (error instanceof ConditionalCheckFailedException) return { item: error.Item };
  return undefined;
}

/** Why each part of a cancelled transaction failed ('None' for parts that would have passed), with the item each condition saw. */
export function cancellationReasons(error: unknown): { code: string; item: Record<string, AttributeValue> | undefined }[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => ({ code: reason.Code ?? 'None', item: reason.Item }));
}

/** A failure no store decided about: unavailable (retriable) or a plain StoreError. */
export function storeFailure(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof Error ? error.name : String(error);
  const message = error instanceof Error ? error.message : String(error);
  const reasons = cancellationReasons(error);
  if (reasons?.some((reason) => reason.code === 'TransactionConflict' || reason.code === 'ThrottlingError'))
    return new StoreUnavailableError(`DynamoDB refused ${doing} because of a concurrent transaction or throttling; retry it.`, {
      cause: error,
    });
  if (isRetriable(error))
    return new StoreUnavailableError(`DynamoDB is unavailable while ${doing} (${name}: ${message}); retry later.`, { cause: error });
  return new StoreError(`DynamoDB failed while ${doing} (${name}: ${message}).`, { cause: error });
}

function isRetriable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const details = error as { name?: unknown; $fault?: unknown; $retryable?: unknown; $metadata?: unknown };
  if (typeof details.name === 'string' && retriableNames.has(details.name)) return true;
  if (details.$retryable !== undefined || details.$fault === 'server') return true;
  // No response at all: the network, a timeout, a refused connection.
  return details.$metadata === undefined || (details.$metadata as { httpStatusCode?: number }).httpStatusCode === undefined;
}
