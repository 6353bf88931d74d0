// A tiny source and sink connector and port fakes that record what the reconciler asks of them.
// The fakes are the port interfaces themselves, not AWS mocks: what they record is the contract.

import { ConfigDef, Importance, Range, Type } from '../../../shared/api/config/index.ts';
import type { ConnectorProps, SinkConnector, SourceConnector } from '../../../shared/api/connector/connector.ts';
import { type EventSourceMappingPort, normalizeSinkMapping, type SinkMapping } from '../../../shared/control/ports/event-source-mapping.ts';
import type { SchedulerPort, TaskSchedule } from '../../../shared/control/ports/scheduler.ts';
import { converterPlugins } from '../../../shared/converters/index.ts';
import { PluginRegistry } from '../../../shared/plugins/registry.ts';

export const SOURCE_CLASS = 'test.copycat.PartitionedSourceConnector';
export const SINK_CLASS = 'test.copycat.ListSinkConnector';

/** One task per partition of `source.partitions`, at most `tasks.max`; `overshoot=true` returns one too many. */
class PartitionedSource implements SourceConnector {
  readonly type = 'source';
  #props: ConnectorProps = {};

  version(): string {
    return '1.0.0';
  }
  start(props: ConnectorProps): void {
    if (props['fail.on.start'] === 'true') throw new Error('the source system refused the connection');
    this.#props = props;
  }
  taskClass(): string {
    return 'test.copycat.PartitionedSourceTask';
  }
  taskConfigs(maxTasks: number): ConnectorProps[] {
    const partitions = Number(this.#props['source.partitions'] ?? '4');
    const count = this.#props.overshoot === 'true' ? maxTasks + 1 : Math.min(partitions, maxTasks);
    return Array.from({ length: count }, (_, task) => ({
      'source.name': this.#props['source.name'] ?? '',
      'task.partitions': Array.from({ length: partitions }, (_, p) => p)
        .filter((p) => p % count === task)
        .join(','),
    }));
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef()
      .define({ name: 'source.name', type: Type.STRING, importance: Importance.HIGH, documentation: 'What to read.' })
      .define({
        name: 'source.partitions',
        type: Type.INT,
        defaultValue: 4,
        validator: Range.atLeast(1),
        importance: Importance.MEDIUM,
        documentation: 'How many partitions the source has.',
      });
  }
}

/** As many tasks as `tasks.max`. */
class ListSink implements SinkConnector {
  readonly type = 'sink';

  version(): string {
    return '1.0.0';
  }
  start(): void {}
  taskClass(): string {
    return 'test.copycat.ListSinkTask';
  }
  taskConfigs(maxTasks: number): ConnectorProps[] {
    return Array.from({ length: maxTasks }, () => ({}));
  }
  stop(): void {}
  config(): ConfigDef {
    return new ConfigDef();
  }
}

export function testRegistry(): PluginRegistry {
  return new PluginRegistry([
    { kind: 'source', className: SOURCE_CLASS, create: () => new PartitionedSource() },
    { kind: 'sink', className: SINK_CLASS, create: () => new ListSink() },
    // The converters every connector runs with by default.
    ...converterPlugins,
  ]);
}

/** A scheduler port in memory that records every call. */
export class RecordingScheduler implements SchedulerPort {
  readonly schedules = new Map<string, Required<TaskSchedule>>();
  readonly calls: string[] = [];

  async list(connector?: string): Promise<TaskSchedule[]> {
    return [...this.schedules.values()]
      .filter((schedule) => connector === undefined || schedule.connector === connector)
      .map((schedule) => ({ ...schedule }));
  }
  async put(schedule: TaskSchedule): Promise<void> {
    this.calls.push(`put ${schedule.connector}/${schedule.task}`);
    this.schedules.set(`${schedule.connector}/${schedule.task}`, { intervalMinutes: 1, ...schedule });
  }
  async remove(connector: string, task: number): Promise<void> {
    this.calls.push(`remove ${connector}/${task}`);
    this.schedules.delete(`${connector}/${task}`);
  }
}

/** An event source mapping port in memory that records every call. */
export class RecordingMappings implements EventSourceMappingPort {
  readonly mappings = new Map<string, SinkMapping>();
  readonly calls: string[] = [];

  async list(connector?: string): Promise<SinkMapping[]> {
    return [...this.mappings.values()].filter((mapping) => connector === undefined || mapping.connector === connector);
  }
  async put(mapping: SinkMapping): Promise<void> {
    this.calls.push(`put ${mapping.connector}/${mapping.topic}`);
    this.mappings.set(`${mapping.connector}/${mapping.topic}`, normalizeSinkMapping(mapping));
  }
  async remove(connector: string, topic?: string): Promise<void> {
    this.calls.push(`remove ${connector}${topic === undefined ? '' : `/${topic}`}`);
    for (const [key, mapping] of this.mappings)
      if (mapping.connector === connector && (topic === undefined || mapping.topic === topic)) this.mappings.delete(key);
  }
}
