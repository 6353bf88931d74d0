import type { ConfigDef } from '../config/index.ts';

/** The settings of a connector or task: Kafka Connect's flat string map. */
export type ConnectorProps = Readonly<Record<string, string>>;

/**
 * What the runtime offers a connector (Kafka Connect's `ConnectorContext`). A connector asks for
 * its tasks to be recomputed when the source system changes shape (e.g. a new table appears),
 * or reports a failure it cannot recover from.
 */
export interface ConnectorContext {
  requestTaskReconfiguration(): void;
  raiseError(error: Error): void;
}

/**
 * A connector: the part of a plugin that validates its config and splits the work into task
 * configs (Kafka Connect's `Connector`). It moves no data itself.
 *
 * Lifecycle, run by the reconciler whenever the connector's config changes:
 * 1. `config()` and `validate(props)` check the config; errors are reported per key.
 * 2. `start(props)` with the validated config; the connector may look at the source system.
 * 3. `taskConfigs(maxTasks)` returns at most `tasks.max` task configs; each becomes a task.
 * 4. `stop()` when the connector is deleted, paused, reconfigured or the worker shuts down.
 * A connector object may be discarded after `stop()`; nothing may be kept in it between runs.
 */
export interface Connector {
  /** The connector's version, reported by `GET /connector-plugins`. */
  version(): string;
  initialize?(context: ConnectorContext): void;
  start(props: ConnectorProps): void | Promise<void>;
  /** The task class that runs this connector's work. */
  taskClass(): string;
  taskConfigs(maxTasks: number): ConnectorProps[] | Promise<ConnectorProps[]>;
  stop(): void | Promise<void>;
  /** The settings this connector declares (its own keys; the common ones are added by the runtime). */
  config(): ConfigDef;
  /** Extra validation beyond the declared keys; returns problems per key. Optional. */
  validate?(props: ConnectorProps): Readonly<Record<string, readonly string[]>> | Promise<Readonly<Record<string, readonly string[]>>>;
}

/** How a source connector supports exactly-once delivery (KIP-618). */
export type ExactlyOnceSupport = 'SUPPORTED' | 'UNSUPPORTED';

/** A connector that reads from a source system into Kafka (Kafka Connect's `SourceConnector`). */
export interface SourceConnector extends Connector {
  readonly type: 'source';
  exactlyOnceSupport?(props: ConnectorProps): ExactlyOnceSupport;
  /**
   * Rewrites or checks offsets a user asks to alter (KIP-875); return true when the connector
   * handled them. Optional: without it, alterations are stored as given.
   */
  alterOffsets?(props: ConnectorProps, offsets: ReadonlyMap<string, unknown>): boolean | Promise<boolean>;
}

/** A connector that writes from Kafka into a sink system (Kafka Connect's `SinkConnector`). */
export interface SinkConnector extends Connector {
  readonly type: 'sink';
  alterOffsets?(props: ConnectorProps, offsets: ReadonlyMap<string, unknown>): boolean | Promise<boolean>;
}
