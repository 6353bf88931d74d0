import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Herder } from '../../../shared/control/herder.ts';
import { type RestServer, startRestServer } from '../../../shared/control/local/http-server.ts';
import { createRestRouter } from '../../../shared/control/rest/router.ts';
import { EnvironmentError } from '../../../shared/errors.ts';
import { createDynamoDbClient } from '../../../shared/stores/dynamodb/client.ts';
import { createDynamoDbStores } from '../../../shared/stores/dynamodb/stores.ts';
import { ensureTable } from '../../../shared/stores/dynamodb/table.ts';
import type { Stores } from '../../../shared/stores/stores.ts';
import { stack, uniqueName } from '../../support/stack.ts';
import { fakeReconciler, registry, SOURCE_CLASS } from '../../unit/control/rest/fixtures.ts';

const client = createDynamoDbClient(stack.dynamoDbEndpoint);
let stores: Stores;
let server: RestServer;

before(async () => {
  const tableName = uniqueName('rest-api');
  await ensureTable(client, tableName);
  stores = createDynamoDbStores({ client, tableName });
  const reconciler = fakeReconciler(stores);
  const herder = new Herder({ ...stores, registry, afterChange: reconciler.afterChange, restart: reconciler.restart });
  server = await startRestServer({ router: createRestRouter(herder), port: 0 });
});

after(async () => {
  await server?.close();
  client.destroy();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

describe('the REST API over HTTP on the DynamoDB stores', () => {
  it('when a connector is created, paused, stopped, its offsets altered and it is deleted, every step answers as Kafka Connect', async () => {
    const name = uniqueName('file-source');
    // Create
    const created = await call('POST', '/connectors', {
      name,
      config: { 'connector.class': SOURCE_CLASS, 'tasks.max': '1', file: '/tmp/in.txt' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    // Status
    const status = await call('GET', `/connectors/${name}/status`);
    assert.deepEqual(status.body, {
      name,
      connector: { state: 'RUNNING', worker_id: 'worker-1', version: '1.2.3' },
      tasks: [{ id: 0, state: 'RUNNING', worker_id: 'worker-1', version: '1.2.3' }],
      type: 'source',
    });
    // Pause
    assert.equal((await call('PUT', `/connectors/${name}/pause`)).status, 202);
    assert.equal(((await call('GET', `/connectors/${name}/status`)).body as { connector: { state: string } }).connector.state, 'PAUSED');
    const alteration = { offsets: [{ partition: { filename: '/tmp/in.txt' }, offset: { position: 42 } }] };
    const refused = await call('PATCH', `/connectors/${name}/offsets`, alteration);
    assert.equal(refused.status, 400);
    assert.match((refused.body as { message: string }).message, /^Connectors must be in the STOPPED state/);
    // Stop, then alter offsets
    assert.equal((await call('PUT', `/connectors/${name}/stop`)).status, 204);
    const altered = await call('PATCH', `/connectors/${name}/offsets`, alteration);
    assert.equal(altered.status, 200, JSON.stringify(altered.body));
    assert.deepEqual((await call('GET', `/connectors/${name}/offsets`)).body, alteration);
    // Delete
    assert.equal((await call('DELETE', `/connectors/${name}`)).status, 204);
    assert.equal((await call('GET', `/connectors/${name}`)).status, 404);
    assert.deepEqual(await stores.offsets.list(name), []);
    assert.equal(await stores.configs.get(name), undefined);
  });

  it('when the port is taken, starting another server fails naming the port', async () => {
    await assert.rejects(
      startRestServer({
        router: createRestRouter(new Herder({ ...stores, registry, afterChange: async () => undefined, restart: async () => undefined })),
        port: server.port,
      }),
      (error: unknown) => error instanceof EnvironmentError && error.message.includes(`127.0.0.1:${server.port}`),
    );
  });
});
