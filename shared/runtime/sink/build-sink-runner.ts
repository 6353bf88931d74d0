import type { ConnectorProps } from '../../api/connector/connector.ts';
import type { SinkTask } from '../../api/connector/sink-task.ts';
import { CopycatError } from '../../errors.ts';
import type { RecordProducer } from '../../kafka/record-producer.ts';
import type { PluginRegistry } from '../../plugins/registry.ts';
import { buildRecordPath } from '../record-path.ts';
import { type ConnectorTaskId, DeadLetterQueue } from './dead-letter-queue.ts';
import type { RetryClock } from './retry.ts';
import { sinkErrorSettings } from './sink-connector-config.ts';
import { SinkRunner } from './sink-runner.ts';

export interface BuildSinkRunnerOptions {
  readonly id: ConnectorTaskId;
  /** The task config: what `SinkTask.start` receives. */
  readonly taskConfig: ConnectorProps;
  /** The connector config, where converters, transforms and `errors.*` are read from (as Kafka Connect). @default taskConfig */
  readonly connectorConfig?: ConnectorProps;
  readonly task: SinkTask;
  readonly registry: PluginRegistry;
  /** The producer dead letters go through; required only when the config names a dead letter topic. */
  readonly producer?: RecordProducer;
  readonly clock?: RetryClock;
  readonly log?: (line: string) => void;
}

/** A runner for a validated sink config: its record path, error settings and dead letter queue. */
export function buildSinkRunner(options: BuildSinkRunnerOptions): SinkRunner {
  const { id, taskConfig, registry } = options;
  const connectorConfig = options.connectorConfig ?? taskConfig;
  const errors = sinkErrorSettings(connectorConfig, registry);
  if (errors.deadLetterTopic !== undefined && options.producer === undefined)
    throw new CopycatError(
      `Connector ${id.connector} names the dead letter topic ${errors.deadLetterTopic}, but the sink runtime has no Kafka producer; configure the Kafka connection of the sink function.`,
    );
  const deadLetterQueue =
    errors.deadLetterTopic === undefined || options.producer === undefined
      ? undefined
      : new DeadLetterQueue({ producer: options.producer, topic: errors.deadLetterTopic, id, contextHeaders: errors.contextHeaders });
  return new SinkRunner({
    id,
    task: options.task,
    taskConfig,
    recordPath: buildRecordPath(connectorConfig, registry),
    errors,
    ...(deadLetterQueue === undefined ? {} : { deadLetterQueue }),
    registry,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
