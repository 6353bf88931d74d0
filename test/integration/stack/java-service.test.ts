import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { after, describe, it } from 'node:test';
import { EnvironmentError } from '../../../shared/errors.ts';
import { type JavaServiceSpec, startService } from '../../../shared/standalone/stack/java-service.ts';
import { stackDataDir } from '../../../shared/standalone/stack/stack-paths.ts';
import { uniqueName } from '../../support/stack.ts';

// Services of the stack's own machinery, each under a throw-away name so the real broker and
// DynamoDB Local (and their pid files) are never touched.
function spec(overrides: Partial<JavaServiceSpec>): JavaServiceSpec {
  return {
    name: uniqueName('stack-test'),
    profile: 'dynamodb',
    overrideVariable: 'TEST_ENDPOINT',
    title: 'Test service',
    mainClass: 'com.amazonaws.services.dynamodbv2.local.main.ServerRunner',
    ports: [],
    jvmOptions: () => [],
    args: () => ['-inMemory', '-port', '1'],
    probe: () => Promise.reject(new Error('never ready')),
    startTimeoutMs: 3000,
    ...overrides,
  };
}

describe('starting a local stack service', () => {
  const names: string[] = [];
  const track = (s: JavaServiceSpec) => {
    names.push(s.name);
    return s;
  };
  after(() => {
    for (const name of names) rmSync(`${stackDataDir}/${name}`, { recursive: true, force: true });
  });

  it('when its port is held by a process Copycat did not start, it refuses and names the port and the variable', async () => {
    // Prepare
    const server: Server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      // Act
      const start = startService(track(spec({ ports: [port] })));
      // Assess
      await assert.rejects(start, (error: Error) => {
        assert.ok(error instanceof EnvironmentError);
        assert.match(error.message, new RegExp(`Port ${port} .*not start.*TEST_ENDPOINT`));
        return true;
      });
    } finally {
      server.close();
    }
  });

  it('when the JVM exits while starting, it says so with the last lines of its log', async () => {
    const start = startService(track(spec({ mainClass: 'does.not.Exist' })));
    await assert.rejects(start, /exited while starting[\s\S]*does\.not\.Exist/);
  });

  it('when the service never answers within its timeout, it stops it and shows the log', async () => {
    const port = await freePort();
    const start = startService(track(spec({ args: () => ['-inMemory', '-port', String(port)] })));
    await assert.rejects(start, /did not answer within 3 s \(last probe: never ready\)[\s\S]*DynamoDB Local/);
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
