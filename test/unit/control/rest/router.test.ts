import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Herder } from '../../../../shared/control/herder.ts';
import { createRestRouter, type RestResponse, type RestRouter } from '../../../../shared/control/rest/router.ts';
import { createMemoryStores } from '../../../../shared/stores/memory/stores.ts';
import type { Stores } from '../../../../shared/stores/stores.ts';
import { fakeReconciler, memorySinkOffsets, registry, request, SINK_CLASS, SOURCE_CLASS } from './fixtures.ts';

let stores: Stores;
let reconciler: ReturnType<typeof fakeReconciler>;
let sinkOffsets: ReturnType<typeof memorySinkOffsets>;
let router: RestRouter;

beforeEach(() => {
  stores = createMemoryStores();
  reconciler = fakeReconciler(stores);
  sinkOffsets = memorySinkOffsets();
  router = createRestRouter(
    new Herder({
      ...stores,
      registry,
      afterChange: reconciler.afterChange,
      restart: reconciler.restart,
      sinkOffsets,
      serverInfo: { version: '0.1.0', commit: 'abc123', kafkaClusterId: async () => 'cluster-1' },
    }),
    { logger: { error: () => undefined } },
  );
});

const json = (response: RestResponse): unknown => JSON.parse(response.body);
const sourceConfig = { 'connector.class': SOURCE_CLASS, 'tasks.max': '2', file: '/tmp/in.txt' };
const sinkConfig = { 'connector.class': SINK_CLASS, topics: 'a, b', file: '/tmp/out.txt' };

async function create(name: string, config: Record<string, unknown> = sourceConfig, extra: Record<string, unknown> = {}) {
  const response = await router.handle(request('POST', '/connectors', { name, config, ...extra }));
  assert.equal(response.status, 201, response.body);
  return response;
}

function assertError(response: RestResponse, status: number, message?: string | RegExp) {
  assert.equal(response.status, status, response.body);
  const body = json(response) as { error_code: number; message: string };
  assert.equal(body.error_code, status);
  if (typeof message === 'string') assert.equal(body.message, message);
  else if (message) assert.match(body.message, message);
  return body.message;
}

describe('the REST API: server and connectors', () => {
  it('when asked for /, it answers the version, commit and Kafka cluster id', async () => {
    const response = await router.handle(request('GET', '/'));
    assert.equal(response.status, 200);
    assert.deepEqual(json(response), { version: '0.1.0', commit: 'abc123', kafka_cluster_id: 'cluster-1' });
  });

  it('when a connector is created, it answers 201 with name, config, tasks and type, and triggers the reconciler', async () => {
    // Act
    const response = await create('in');
    // Assess
    assert.equal(response.headers.location, '/connectors/in');
    assert.deepEqual(json(response), {
      name: 'in',
      config: { ...sourceConfig, name: 'in' },
      tasks: [
        { connector: 'in', task: 0 },
        { connector: 'in', task: 1 },
      ],
      type: 'source',
    });
    assert.deepEqual(reconciler.changes, ['in']);
    assert.equal((await stores.configs.get('in'))?.targetState, 'STARTED');
  });

  it('when created with initial_state PAUSED and numbers in the config, it stores PAUSED and the numbers as text', async () => {
    await create('in', { ...sourceConfig, 'tasks.max': 1 }, { initial_state: 'PAUSED' });
    const stored = await stores.configs.get('in');
    assert.equal(stored?.targetState, 'PAUSED');
    assert.equal(stored?.config['tasks.max'], '1');
  });

  it('when the connector exists, creating it again answers 409 and changes nothing', async () => {
    await create('in');
    const response = await router.handle(request('POST', '/connectors', { name: 'in', config: { ...sourceConfig, file: '/other' } }));
    assertError(response, 409, 'Connector in already exists');
    assert.equal((await stores.configs.get('in'))?.config.file, '/tmp/in.txt');
  });

  it('when connectors exist, GET /connectors lists names, and expand=status, expand=info or both add them', async () => {
    await create('a');
    await create('b', sinkConfig);
    assert.deepEqual(json(await router.handle(request('GET', '/connectors'))), ['a', 'b']);
    const status = json(await router.handle(request('GET', '/connectors', undefined, { expand: 'status' }))) as Record<string, object>;
    assert.deepEqual(Object.keys(status), ['a', 'b']);
    assert.deepEqual(Object.keys(status.a ?? {}), ['status']);
    assert.equal((status.b as { status: { type: string } }).status.type, 'sink');
    const info = json(await router.handle(request('GET', '/connectors', undefined, { expand: 'info' }))) as Record<
      string,
      { info: object }
    >;
    assert.deepEqual(info.a?.info, json(await router.handle(request('GET', '/connectors/a'))));
    const both = json(await router.handle(request('GET', '/connectors', undefined, { expand: ['status', 'info'] }))) as Record<
      string,
      object
    >;
    assert.deepEqual(Object.keys(both.a ?? {}).sort(), ['info', 'status']);
  });

  it('when asked for a connector and its config, it answers them', async () => {
    await create('in');
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/in/config'))), { ...sourceConfig, name: 'in' });
    assert.equal((json(await router.handle(request('GET', '/connectors/in'))) as { type: string }).type, 'source');
  });

  it('when PUT config names a new connector, it creates it (201); when it exists, it replaces the config (200)', async () => {
    const created = await router.handle(request('PUT', '/connectors/in/config', sourceConfig));
    assert.equal(created.status, 201, created.body);
    assert.equal(created.headers.location, '/connectors/in');
    const updated = await router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, 'tasks.max': '3' }));
    assert.equal(updated.status, 200, updated.body);
    assert.equal((json(updated) as { tasks: unknown[] }).tasks.length, 3);
    assert.equal((await stores.configs.get('in'))?.version, 2);
  });

  it('when PATCH config is sent, it merges the patch and a null value removes the key', async () => {
    await create('in', { ...sourceConfig, 'batch.size': '10' });
    const response = await router.handle(request('PATCH', '/connectors/in/config', { file: '/tmp/new.txt', 'batch.size': null }));
    assert.equal(response.status, 200, response.body);
    assert.deepEqual((await stores.configs.get('in'))?.config, { ...sourceConfig, name: 'in', file: '/tmp/new.txt' });
  });

  it('when a connector is deleted, it answers 204, removes it and triggers the reconciler', async () => {
    await create('in');
    const response = await router.handle(request('DELETE', '/connectors/in'));
    assert.equal(response.status, 204);
    assert.equal(response.body, '');
    assert.equal(await stores.configs.get('in'), undefined);
    assert.deepEqual(reconciler.changes, ['in', 'in']);
  });

  it('when two config updates of one connector race, exactly one answers 200 and the other 409', async () => {
    await create('in');
    const [first, second] = await Promise.all([
      router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, file: '/one' })),
      router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, file: '/two' })),
    ]);
    assert.deepEqual([first?.status, second?.status].sort(), [200, 409]);
    const loser = first?.status === 409 ? first : (second as RestResponse);
    assertError(loser, 409, /another writer changed it first/);
    const winner = first?.status === 200 ? '/one' : '/two';
    assert.equal((await stores.configs.get('in'))?.config.file, winner);
  });
});

describe('the REST API: bad input', () => {
  it('when the body is not JSON, it answers 400 and writes nothing', async () => {
    assertError(await router.handle(request('POST', '/connectors', '{"name": "in", "config": {')), 400, /not valid JSON/);
    assertError(await router.handle(request('PUT', '/connectors/in/config', 'nope')), 400, /not valid JSON/);
    assert.deepEqual(await stores.configs.list(), []);
  });

  it('when connector.class is unknown, it answers 400 listing the available connector plugins', async () => {
    const response = await router.handle(request('POST', '/connectors', { name: 'in', config: { 'connector.class': 'Nope' } }));
    assertError(
      response,
      400,
      `Failed to find any class that implements Connector and which name matches Nope, available connectors are: ${SOURCE_CLASS}, ${SINK_CLASS}`,
    );
    assert.deepEqual(await stores.configs.list(), []);
  });

  it('when connector.class is missing, it answers 400 as Kafka does', async () => {
    assertError(
      await router.handle(request('POST', '/connectors', { name: 'in', config: { file: 'x' } })),
      400,
      'Connector config {file=x, name=in} contains no connector type',
    );
  });

  it('when a required key is missing, it answers 400 naming it and writes nothing', async () => {
    const response = await router.handle(request('POST', '/connectors', { name: 'in', config: { 'connector.class': SOURCE_CLASS } }));
    assertError(
      response,
      400,
      'Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "file" which has no default value.\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
    );
    assert.deepEqual(await stores.configs.list(), []);
    assert.deepEqual(reconciler.changes, []);
  });

  it('when values have the wrong type and tasks.max is below 1, it answers 400 naming every invalid key', async () => {
    const response = await router.handle(
      request('POST', '/connectors', { name: 'in', config: { ...sourceConfig, 'batch.size': 'many', 'tasks.max': '0' } }),
    );
    const message = assertError(response, 400, /contains the following 2 error\(s\)/);
    assert.match(message, /Invalid value 0 for configuration tasks\.max: Value must be at least 1/);
    assert.match(message, /Invalid value many for configuration batch\.size: Not a number of type INT/);
  });

  it('when a sink has neither topics nor topics.regex, it answers 400 with Kafka’s message', async () => {
    const response = await router.handle(request('PUT', '/connectors/out/config', { 'connector.class': SINK_CLASS, file: 'x' }));
    assertError(response, 400, /Must configure one of topics or topics\.regex/);
  });

  it('when the connector name is empty or holds control characters, it answers 400 and writes nothing', async () => {
    assertError(
      await router.handle(request('POST', '/connectors', { name: '  ', config: sourceConfig })),
      400,
      /configuration name: String may not be empty/,
    );
    assertError(
      await router.handle(request('POST', '/connectors', { name: 'bad\nname', config: sourceConfig })),
      400,
      /String may not contain control sequences but had the following ASCII chars: 10/,
    );
    assert.deepEqual(await stores.configs.list(), []);
  });

  it('when the name in the config differs from the one in the URL, it answers 400', async () => {
    const response = await router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, name: 'other' }));
    assertError(response, 400, "Connector name configuration (other) doesn't match connector name in the URL (in)");
  });

  it('when a config value is an object or null, it answers 400', async () => {
    assertError(await router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, file: { a: 1 } })), 400, /must be a string/);
    assertError(
      await router.handle(request('PUT', '/connectors/in/config', { ...sourceConfig, file: null })),
      400,
      /Null value can not be supplied as the configuration value\./,
    );
  });

  it('when a connector is unknown, every endpoint about it answers 404', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/connectors/ghost'],
      ['DELETE', '/connectors/ghost'],
      ['GET', '/connectors/ghost/config'],
      ['PATCH', '/connectors/ghost/config', { file: 'x' }],
      ['GET', '/connectors/ghost/status'],
      ['POST', '/connectors/ghost/restart'],
      ['PUT', '/connectors/ghost/pause'],
      ['PUT', '/connectors/ghost/resume'],
      ['PUT', '/connectors/ghost/stop'],
      ['GET', '/connectors/ghost/tasks'],
      ['GET', '/connectors/ghost/tasks/0/status'],
      ['POST', '/connectors/ghost/tasks/0/restart'],
      ['GET', '/connectors/ghost/topics'],
      ['PUT', '/connectors/ghost/topics/reset'],
      ['GET', '/connectors/ghost/offsets'],
      ['PATCH', '/connectors/ghost/offsets', { offsets: [{ partition: { f: 1 }, offset: { p: 1 } }] }],
      ['DELETE', '/connectors/ghost/offsets'],
    ];
    for (const [method, path, body] of calls) assertError(await router.handle(request(method, path, body)), 404, /ghost/);
    assertError(await router.handle(request('GET', '/connectors/ghost')), 404, 'Connector ghost not found');
    assert.deepEqual(reconciler.changes, []);
  });

  it('when the path or method is unknown, it answers 404 or 405', async () => {
    assertError(await router.handle(request('GET', '/nowhere')), 404, 'HTTP 404 Not Found');
    assertError(await router.handle(request('POST', '/connectors/in/config')), 405, 'HTTP 405 Method Not Allowed');
  });
});

describe('the REST API: status, state and restarts', () => {
  it('when asked for status, it answers the connector and task states with worker ids and the plugin version', async () => {
    await create('in');
    const response = await router.handle(request('GET', '/connectors/in/status'));
    assert.deepEqual(json(response), {
      name: 'in',
      connector: { state: 'RUNNING', worker_id: 'worker-1', version: '1.2.3' },
      tasks: [
        { id: 0, state: 'RUNNING', worker_id: 'worker-1', version: '1.2.3' },
        { id: 1, state: 'RUNNING', worker_id: 'worker-1', version: '1.2.3' },
      ],
      type: 'source',
    });
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/in/tasks/1/status'))), {
      id: 1,
      state: 'RUNNING',
      worker_id: 'worker-1',
      version: '1.2.3',
    });
  });

  it('when a task failed, its status carries the trace', async () => {
    await create('in');
    await stores.statuses.putTask('in', 0, { state: 'FAILED', workerId: 'w', trace: 'Error: boom', generation: 1 });
    const status = json(await router.handle(request('GET', '/connectors/in/status'))) as { tasks: { trace?: string }[] };
    assert.equal(status.tasks[0]?.trace, 'Error: boom');
    assert.equal('trace' in (status.tasks[1] ?? {}), false);
  });

  it('when paused, resumed and stopped, it answers 202, 202 and 204 and stores the target state', async () => {
    await create('in');
    assert.equal((await router.handle(request('PUT', '/connectors/in/pause'))).status, 202);
    assert.equal((await stores.configs.get('in'))?.targetState, 'PAUSED');
    assert.equal((await router.handle(request('PUT', '/connectors/in/resume'))).status, 202);
    assert.equal((await stores.configs.get('in'))?.targetState, 'STARTED');
    const stop = await router.handle(request('PUT', '/connectors/in/stop'));
    assert.equal(stop.status, 204);
    assert.equal((await stores.configs.get('in'))?.targetState, 'STOPPED');
    assert.equal(
      (json(await router.handle(request('GET', '/connectors/in/status'))) as { connector: { state: string } }).connector.state,
      'STOPPED',
    );
  });

  it('when restarted without parameters, it answers 204 and restarts only the connector', async () => {
    await create('in');
    const response = await router.handle(request('POST', '/connectors/in/restart'));
    assert.equal(response.status, 204);
    assert.deepEqual(reconciler.restarts, [{ connector: 'in', request: { includeTasks: false, onlyFailed: false } }]);
  });

  it('when restarted with includeTasks and onlyFailed, it answers 202 with what restarts marked RESTARTING', async () => {
    await create('in');
    await stores.statuses.putTask('in', 1, { state: 'FAILED', workerId: 'w', generation: 1 });
    const response = await router.handle(
      request('POST', '/connectors/in/restart', undefined, { includeTasks: 'true', onlyFailed: 'true' }),
    );
    assert.equal(response.status, 202);
    const body = json(response) as { connector: { state: string }; tasks: { state: string }[] };
    assert.equal(body.connector.state, 'RUNNING');
    assert.deepEqual(
      body.tasks.map((task) => task.state),
      ['RUNNING', 'RESTARTING'],
    );
    assert.deepEqual(reconciler.restarts, [{ connector: 'in', request: { includeTasks: true, onlyFailed: true } }]);
  });

  it('when a task is restarted, it answers 204; an unknown task answers 404', async () => {
    await create('in');
    assert.equal((await router.handle(request('POST', '/connectors/in/tasks/1/restart'))).status, 204);
    assert.deepEqual(reconciler.restarts, [{ connector: 'in', request: { includeTasks: true, onlyFailed: false, task: 1 } }]);
    assertError(await router.handle(request('POST', '/connectors/in/tasks/7/restart')), 404, 'Unknown task: in-7');
    assertError(await router.handle(request('GET', '/connectors/in/tasks/7/status')), 404, 'No status found for task in-7');
  });

  it('when asked for tasks, it answers their ids and configs', async () => {
    await create('in');
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/in/tasks'))), [
      { id: { connector: 'in', task: 0 }, config: { task: '0' } },
      { id: { connector: 'in', task: 1 }, config: { task: '1' } },
    ]);
  });

  it('when asked for topics, a sink answers its topics and a source none; reset answers 202', async () => {
    await create('out', sinkConfig);
    await create('in');
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/out/topics'))), { out: { topics: ['a', 'b'] } });
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/in/topics'))), { in: { topics: [] } });
    assert.equal((await router.handle(request('PUT', '/connectors/in/topics/reset'))).status, 202);
  });
});

describe('the REST API: offsets', () => {
  const notStopped =
    "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/in/stop' endpoint";
  const alteration = { offsets: [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 42 } }] };

  it('when a source connector has offsets, GET answers them from the offset store', async () => {
    await create('in');
    await stores.offsets.alter('in', [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 7 } }]);
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/in/offsets'))), {
      offsets: [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 7 } }],
    });
  });

  it('when offsets are altered or reset while the connector is not STOPPED, it answers 400 with Kafka Connect’s message', async () => {
    await create('in');
    assertError(await router.handle(request('PATCH', '/connectors/in/offsets', alteration)), 400, notStopped);
    await router.handle(request('PUT', '/connectors/in/pause'));
    assertError(await router.handle(request('DELETE', '/connectors/in/offsets')), 400, notStopped);
    assert.deepEqual(await stores.offsets.list('in'), []);
  });

  it('when the alteration has no offsets, it answers 400 as Kafka does', async () => {
    await create('in');
    assertError(
      await router.handle(request('PATCH', '/connectors/in/offsets', { offsets: [] })),
      400,
      'Partitions / offsets need to be provided for an alter offsets request',
    );
  });

  it('when a STOPPED source connector’s offsets are altered and reset, the store follows', async () => {
    await create('in');
    await router.handle(request('PUT', '/connectors/in/stop'));
    const altered = await router.handle(request('PATCH', '/connectors/in/offsets', alteration));
    assert.equal(altered.status, 200, altered.body);
    assert.match(
      (json(altered) as { message: string }).message,
      /^The Connect framework-managed offsets for this connector have been altered successfully/,
    );
    assert.deepEqual(await stores.offsets.list('in'), [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 42 } }]);
    const reset = await router.handle(request('DELETE', '/connectors/in/offsets'));
    assert.equal(reset.status, 200);
    assert.deepEqual(await stores.offsets.list('in'), []);
  });

  it('when a STOPPED sink connector’s offsets are altered and reset, they go through the sink offsets port', async () => {
    await create('out', sinkConfig, { initial_state: 'STOPPED' });
    const altered = await router.handle(
      request('PATCH', '/connectors/out/offsets', {
        offsets: [{ partition: { kafka_topic: 'a', kafka_partition: '0' }, offset: { kafka_offset: 10 } }],
      }),
    );
    assert.deepEqual(json(altered), { message: 'The offsets for this connector have been altered successfully' });
    assert.deepEqual(json(await router.handle(request('GET', '/connectors/out/offsets'))), {
      offsets: [{ partition: { kafka_topic: 'a', kafka_partition: 0 }, offset: { kafka_offset: 10 } }],
    });
    assertError(
      await router.handle(request('PATCH', '/connectors/out/offsets', { offsets: [{ partition: { kafka_topic: 'a' }, offset: null }] })),
      400,
      "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'",
    );
    assert.equal((await router.handle(request('DELETE', '/connectors/out/offsets'))).status, 200);
    assert.equal(sinkOffsets.groups.has('out'), false);
  });
});

describe('the REST API: connector plugins', () => {
  it('when plugins are listed, it answers connectors only unless connectorsOnly=false', async () => {
    assert.deepEqual(json(await router.handle(request('GET', '/connector-plugins'))), [
      { class: SOURCE_CLASS, type: 'source', version: '1.2.3' },
      { class: SINK_CLASS, type: 'sink', version: '4.5.6' },
    ]);
    const all = json(await router.handle(request('GET', '/connector-plugins', undefined, { connectorsOnly: 'false' }))) as {
      type: string;
    }[];
    assert.deepEqual(
      all.map((plugin) => plugin.type),
      ['source', 'sink', 'converter'],
    );
  });

  it('when a plugin’s config is asked for, it answers its own keys then the common ones; an unknown plugin answers 404', async () => {
    const keys = json(await router.handle(request('GET', '/connector-plugins/TestSourceConnector/config'))) as { name: string }[];
    assert.deepEqual(
      keys.slice(0, 3).map((key) => key.name),
      ['file', 'batch.size', 'secret'],
    );
    assert.ok(keys.some((key) => key.name === 'tasks.max'));
    assertError(await router.handle(request('GET', '/connector-plugins/Nope/config')), 404, 'Unknown plugin Nope.');
  });

  it('when a config is validated, it answers ConfigInfos with every error and hides passwords', async () => {
    const response = await router.handle(
      request('PUT', '/connector-plugins/TestSourceConnector/config/validate', {
        'connector.class': SOURCE_CLASS,
        'tasks.max': '0',
        secret: 's3cr3t',
      }),
    );
    assert.equal(response.status, 200, response.body);
    assert.equal(response.body.includes('s3cr3t'), false);
    const infos = json(response) as { name: string; error_count: number; configs: { value: { name: string; value: string } | null }[] };
    assert.equal(infos.name, SOURCE_CLASS);
    assert.equal(infos.error_count, 3); // tasks.max, file, name (no name was given)
    assert.equal(infos.configs.find((config) => config.value?.name === 'secret')?.value?.value, '[hidden]');
  });

  it('when the validated config names another connector class, it answers 400', async () => {
    const response = await router.handle(request('PUT', '/connector-plugins/TestSinkConnector/config/validate', sourceConfig));
    assertError(response, 400, `Included connector type ${SOURCE_CLASS} does not match request type TestSinkConnector`);
  });
});
