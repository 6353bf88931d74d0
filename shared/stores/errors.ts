import { CopycatError } from '../errors.ts';

/** The base of every error the state stores raise. */
export class StoreError extends CopycatError {
  constructor(message: string, options: { cause?: unknown; retriable?: boolean } = {}) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The store could not be reached or throttled the call; the same call may pass later. */
export class StoreUnavailableError extends StoreError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, retriable: true });
    this.name = 'StoreUnavailableError';
  }
}

/** `create` found a connector of that name already (Kafka Connect answers 409). */
export class ConnectorExistsError extends StoreError {
  readonly connector: string;

  constructor(connector: string, options: { cause?: unknown } = {}) {
    super(`Connector ${connector} already exists; update its config or delete it first.`, options);
    this.name = 'ConnectorExistsError';
    this.connector = connector;
  }
}

/** The connector has no config item (Kafka Connect answers 404). */
export class ConnectorNotFoundError extends StoreError {
  readonly connector: string;

  constructor(connector: string, options: { cause?: unknown } = {}) {
    super(`Connector ${connector} not found.`, options);
    this.name = 'ConnectorNotFoundError';
    this.connector = connector;
  }
}

/** What a {@link StaleVersionError} is about. */
export type VersionedSubject = 'config' | 'tasks' | 'connector status' | `task ${number} status`;

/**
 * A conditional write lost: another writer moved the config version or the task generation first,
 * or a status write came from an older generation than the stored one. Re-read and decide again;
 * retrying the same call cannot pass.
 */
export class StaleVersionError extends StoreError {
  readonly connector: string;
  readonly subject: VersionedSubject;
  /** The version (config) or generation (tasks, status) the write was based on. */
  readonly expected: number;
  /** What the store holds now; undefined when the item is gone. */
  readonly actual: number | undefined;

  constructor(
    connector: string,
    subject: VersionedSubject,
    expected: number,
    actual: number | undefined,
    options: { cause?: unknown } = {},
  ) {
    super(staleMessage(connector, subject, expected, actual), options);
    this.name = 'StaleVersionError';
    this.connector = connector;
    this.subject = subject;
    this.expected = expected;
    this.actual = actual;
  }
}

function staleMessage(connector: string, subject: VersionedSubject, expected: number, actual: number | undefined): string {
  const found = actual === undefined ? 'none is stored' : `the store has ${actual}`;
  switch (subject) {
    case 'config':
      return `Connector ${connector}: its config was written at version ${expected}, but ${found}; another writer changed it first. Read the config again and retry.`;
    case 'tasks':
      return `Connector ${connector}: task configs were computed for generation ${expected}, but ${found}; another writer changed them first. Recompute them from the current config.`;
    default:
      return `Connector ${connector}: ${subject} from generation ${expected} was ignored, ${found} (a newer generation); a status from an older generation never overwrites a newer one.`;
  }
}

/**
 * The caller no longer holds its task lease (it expired, or another owner took it), so its writes
 * were refused: a task that was superseded must stop without moving offsets.
 */
export class LeaseLostError extends StoreError {
  readonly connector: string;
  readonly taskId: number;
  readonly owner: string;
  /** Who holds the lease now, if anyone. */
  readonly holder: string | undefined;

  constructor(connector: string, taskId: number, owner: string, holder: string | undefined, options: { cause?: unknown } = {}) {
    const now = holder === undefined ? 'nobody holds it now' : holder === owner ? 'it has expired' : `${holder} holds it now`;
    super(`Connector ${connector} task ${taskId}: ${owner} lost its lease (${now}); the task must stop without committing.`, options);
    this.name = 'LeaseLostError';
    this.connector = connector;
    this.taskId = taskId;
    this.owner = owner;
    this.holder = holder;
  }
}

/** Another owner holds an unexpired lease on the task; try again after `expiresAt`. */
export class LeaseHeldError extends StoreError {
  readonly connector: string;
  readonly taskId: number;
  readonly holder: string;
  /** Epoch milliseconds, by the holder's clock. */
  readonly expiresAt: number;

  constructor(connector: string, taskId: number, holder: string, expiresAt: number, options: { cause?: unknown } = {}) {
    super(
      `Connector ${connector} task ${taskId} is leased by ${holder} until ${new Date(expiresAt).toISOString()}; another run of the task is still active.`,
      { ...options, retriable: true },
    );
    this.name = 'LeaseHeldError';
    this.connector = connector;
    this.taskId = taskId;
    this.holder = holder;
    this.expiresAt = expiresAt;
  }
}

/**
 * A connector config item does not have the documented format (e.g. written by hand with a
 * number where a map of strings belongs). The reconciler reports it in the connector's status.
 */
export class InvalidConfigItemError extends StoreError {
  readonly connector: string;
  readonly problem: string;

  constructor(connector: string, problem: string) {
    super(
      `Connector ${connector}: its config item is malformed: ${problem}. Expected "config" as a map of strings, "targetState" STARTED, PAUSED or STOPPED, "version" a number.`,
    );
    this.name = 'InvalidConfigItemError';
    this.connector = connector;
    this.problem = problem;
  }
}
