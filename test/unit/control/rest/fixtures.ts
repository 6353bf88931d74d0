// Shared by the REST API's unit and integration tests: a registry with one tiny source and one
// tiny sink connector, a stand-in for the reconciler, and a sink offsets port in memory.
import { ConfigDef, Importance, Type } from '../../../../shared/api/config/index.ts';
import type { SinkConnector, SourceConnector } from '../../../../shared/api/connector/connector.ts';
import type { RestartRequest } from '../../../../shared/control/herder.ts';
import type { RestRequest } from '../../../../shared/control/rest/router.ts';
import type { SinkOffsetsPort, SinkPartitionOffset } from '../../../../shared/control/rest/sink-offsets.ts';
import { PluginRegistry } from '../../../../shared/plugins/registry.ts';
import type { Stores } from '../../../../shared/stores/stores.ts';

export const SOURCE_CLASS = 'com.example.TestSourceConnector';
export const SINK_CLASS = 'com.example.TestSinkConnector';

function source(): SourceConnector {
  let props: Readonly<Record<string, string>> = {};
  return {
    type: 'source',
    version: () => '1.2.3',
    start: (given) => {
      props = given;
    },
    taskClass: () => 'com.example.TestSourceTask',
    taskConfigs: (maxTasks) => Array.from({ length: maxTasks }, (_, i) => ({ file: props.file ?? '', part: String(i) })),
    stop: () => undefined,
    config: () =>
      new ConfigDef()
        .define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: 'The file to read.' })
        .define({ name: 'batch.size', type: Type.INT, defaultValue: 2000, importance: Importance.LOW, documentation: 'Lines per poll.' })
        .define({ name: 'secret', type: Type.PASSWORD, defaultValue: null, importance: Importance.LOW, documentation: 'A password.' }),
  };
}

function sink(): SinkConnector {
  return {
    type: 'sink',
    version: () => '4.5.6',
    start: () => undefined,
    taskClass: () => 'com.example.TestSinkTask',
    taskConfigs: (maxTasks) => Array.from({ length: maxTasks }, () => ({})),
    stop: () => undefined,
    config: () =>
      new ConfigDef().define({ name: 'file', type: Type.STRING, importance: Importance.HIGH, documentation: 'The file to write.' }),
    alterOffsets: () => true,
  };
}

export const registry = new PluginRegistry([
  { kind: 'source', className: SOURCE_CLASS, create: source },
  { kind: 'sink', className: SINK_CLASS, create: sink },
  { kind: 'converter', className: 'com.example.TestConverter', create: () => ({ config: () => new ConfigDef() }) },
]);

/**
 * What the reconciler does, reduced to what the REST API shows: task configs (`tasks.max` of
 * them) and a status per target state. Records every call.
 */
export function fakeReconciler(stores: Pick<Stores, 'configs' | 'statuses'>) {
  const changes: string[] = [];
  const restarts: { connector: string; request: RestartRequest }[] = [];
  return {
    changes,
    restarts,
    async afterChange(connector: string): Promise<void> {
      changes.push(connector);
      const record = await stores.configs.get(connector);
      if (record === undefined) return;
      const count = record.targetState === 'STOPPED' ? 0 : Number(record.config['tasks.max'] ?? '1');
      const current = await stores.configs.getTasks(connector);
      const generation = await stores.configs.putTasks(
        connector,
        Array.from({ length: count }, (_, task) => ({ task: String(task) })),
        current?.generation ?? 0,
      );
      const state = record.targetState === 'STARTED' ? 'RUNNING' : record.targetState === 'PAUSED' ? 'PAUSED' : 'STOPPED';
      await stores.statuses.putConnector(connector, { state, workerId: 'worker-1', generation });
      await stores.statuses.deleteTasksAbove(connector, count);
      for (let task = 0; task < count; task++)
        await stores.statuses.putTask(connector, task, {
          state: state === 'STOPPED' ? 'UNASSIGNED' : state,
          workerId: 'worker-1',
          generation,
        });
    },
    async restart(connector: string, request: RestartRequest): Promise<void> {
      restarts.push({ connector, request });
    },
  };
}

/** Sink offsets in memory, as the Kafka admin adapter keeps them in the consumer group. */
export function memorySinkOffsets(): SinkOffsetsPort & { readonly groups: Map<string, SinkPartitionOffset[]> } {
  const groups = new Map<string, SinkPartitionOffset[]>();
  return {
    groups,
    read: async (connector) => [...(groups.get(connector) ?? [])],
    alter: async (connector, offsets) => {
      const current = new Map((groups.get(connector) ?? []).map((o) => [`${o.topic}-${o.partition}`, o]));
      for (const o of offsets) {
        if (o.offset === null) current.delete(`${o.topic}-${o.partition}`);
        else current.set(`${o.topic}-${o.partition}`, o);
      }
      groups.set(connector, [...current.values()]);
    },
    reset: async (connector) => {
      groups.delete(connector);
    },
  };
}

/** A request with defaults: no query, no headers, a JSON body when one is given. */
export function request(method: string, path: string, body?: unknown, query: RestRequest['query'] = {}): RestRequest {
  return {
    method,
    path,
    query,
    headers: {},
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
}
