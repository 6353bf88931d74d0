// What bench/lambda.ts and its child process (bench/lambda/child.mjs) exchange: the plan the
// parent writes and the figures the child writes back.

/** What the parent asks for (JSON in the file named by the first argument). */
export interface ChildPlan {
  /** Absolute path of the bundled module. */
  readonly module: string;
  /** Where the figures are written. */
  readonly result: string;
  readonly invocations: readonly PlannedInvocation[];
}

export interface PlannedInvocation {
  readonly label: string;
  /** A JSON file holding the event (read and parsed before the clock starts, as the runtime does). */
  readonly eventFile: string;
  /** `context.invokedFunctionArn` (the sink reads its connector from the alias in it). */
  readonly invokedFunctionArn: string;
  /** The function timeout: `context.getRemainingTimeInMillis()` counts down from it. */
  readonly timeoutMs: number;
  /** `context.memoryLimitInMB`: the function's configured memory. */
  readonly memoryMb: number;
}

/** What one invocation did, as the child saw it. */
export interface InvocationFigures {
  readonly label: string;
  /** Epoch ms (Date.now(), the clock the parent's observations use) the handler was called and returned. */
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly handlerMs: number;
  readonly output?: unknown;
  readonly error?: string;
  /** Bytes the invocation wrote to stdout and stderr: what the function's log group ingests. */
  readonly logBytes: number;
  readonly rssAfterBytes: number;
}

export interface ChildFigures {
  /** Process start to the child's first line: Node's boot. */
  readonly bootMs: number;
  /** The bundle's `import()`: module load and the function's top level (environment, clients). */
  readonly importMs: number;
  /** Process start until the handler is ready. */
  readonly readyMs: number;
  readonly readyEpochMs: number;
  readonly invocations: readonly InvocationFigures[];
  readonly maxRssBytes: number;
}
