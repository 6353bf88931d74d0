// The JSON bodies of Kafka Connect's REST API (`org.apache.kafka.connect.runtime.rest.entities`),
// field for field, so that tools written for Kafka Connect read Copycat's answers unchanged.
import type { ConnectorConfig } from '../../stores/config-store.ts';

/** `GET /`: Kafka's `ServerInfo`. */
export interface ServerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string | null;
}

/** Kafka's `ConnectorType`, lower case as it serialises. */
export type ConnectorType = 'source' | 'sink' | 'unknown';

/** Kafka's `ConnectorTaskId`. */
export interface ConnectorTaskId {
  connector: string;
  task: number;
}

/** `GET /connectors/{c}` and the answer of every config write: Kafka's `ConnectorInfo`. */
export interface ConnectorInfo {
  name: string;
  config: ConnectorConfig;
  tasks: ConnectorTaskId[];
  type: ConnectorType;
}

/** `GET /connectors/{c}/tasks`: Kafka's `TaskInfo`. */
export interface TaskInfo {
  id: ConnectorTaskId;
  config: ConnectorConfig;
}

/** The connector part of a status; `trace` only when there is one, `version` only when known (Kafka 4.x). */
export interface ConnectorStateEntity {
  state: string;
  worker_id: string;
  trace?: string;
  version?: string;
}

export interface TaskStateEntity extends ConnectorStateEntity {
  id: number;
}

/** `GET /connectors/{c}/status`: Kafka's `ConnectorStateInfo`. */
export interface ConnectorStateInfo {
  name: string;
  connector: ConnectorStateEntity;
  tasks: TaskStateEntity[];
  type: ConnectorType;
}

/** Kafka's `PluginType`, as it serialises. */
export type PluginTypeName = 'source' | 'sink' | 'converter' | 'header_converter' | 'transformation' | 'predicate';

/** `GET /connector-plugins`: Kafka's `PluginInfo`. */
export interface PluginInfo {
  class: string;
  type: PluginTypeName;
  version: string;
}

/** One entry of `GET|PATCH /connectors/{c}/offsets`; PATCH allows a null offset (remove it). */
export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

/** An entry of an offsets PATCH body as sent: the partition may be missing (Kafka then answers 400). */
export interface RequestedOffset {
  partition: Record<string, unknown> | null;
  offset: Record<string, unknown> | null;
}

/** Kafka's `ConnectorOffsets`. */
export interface ConnectorOffsets {
  offsets: ConnectorOffset[];
}

/** Kafka's `Message`, the answer of offsets PATCH and DELETE. */
export interface MessageEntity {
  message: string;
}
