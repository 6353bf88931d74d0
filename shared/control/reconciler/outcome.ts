/** What a connector was left as by one reconciler run; DELETED when it has no config any more. */
export type ReconciledState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'DELETED';

/** The result of converging one connector. */
export interface ReconcileOutcome {
  readonly connector: string;
  readonly state: ReconciledState;
  /** The task-config generation after the run; 0 when no task configs were ever written. */
  readonly generation: number;
  /** How many tasks the connector has now (0 when STOPPED, FAILED before its first start, or DELETED). */
  readonly tasks: number;
  /** What this run changed, one line each; empty when everything already matched. */
  readonly changes: readonly string[];
  /** Why the connector is FAILED: the status trace. */
  readonly trace?: string;
  /** For an invalid config: every invalid key and its problems. */
  readonly errors?: ReadonlyMap<string, readonly string[]>;
  /** ISO-8601, by the reconciler's clock. */
  readonly reconciledAt: string;
}
