import {
  ConnectorExistsError,
  ConnectorNotFoundError,
  InvalidConfigItemError,
  StaleVersionError,
  StoreUnavailableError,
} from '../../stores/errors.ts';
import { ControlPlaneError } from '../errors.ts';

/**
 * A REST request that fails with a given HTTP status; the router answers it as Kafka Connect's
 * `{"error_code": <status>, "message": "..."}` (Kafka's `ConnectRestException`).
 */
export class RestError extends ControlPlaneError {
  readonly status: number;

  constructor(status: number, message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'RestError';
    this.status = status;
  }
}

/** 400, as Kafka's `BadRequestException`. */
export function badRequest(message: string, cause?: unknown): RestError {
  return new RestError(400, message, { cause });
}

/** 404, as Kafka's `NotFoundException`. */
export function notFound(message: string, cause?: unknown): RestError {
  return new RestError(404, message, { cause });
}

/** The HTTP status of any error a request may end with: store errors map as Kafka Connect's equivalents. */
export function statusOf(error: unknown): number {
  if (error instanceof RestError) return error.status;
  if (error instanceof ConnectorNotFoundError) return 404;
  // Kafka answers 409 for an existing connector; a lost optimistic-concurrency race is a conflict too.
  if (error instanceof ConnectorExistsError || error instanceof StaleVersionError) return 409;
  if (error instanceof StoreUnavailableError) return 503;
  if (error instanceof InvalidConfigItemError) return 500;
  return 500;
}
