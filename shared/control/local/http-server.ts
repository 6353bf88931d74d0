// The REST API on a local port (Kafka Connect's default 8083), for the standalone worker and tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../../errors.ts';
import type { RestRequest, RestRouter } from '../rest/router.ts';

export interface RestServerOptions {
  readonly router: RestRouter;
  /** @default 8083; 0 picks a free port. */
  readonly port?: number;
  /** @default '127.0.0.1' (local only: the API has no authentication of its own). */
  readonly host?: string;
}

export interface RestServer {
  /** `http://<host>:<port>`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts serving; rejects with an EnvironmentError naming the port when it is taken. */
export async function startRestServer(options: RestServerOptions): Promise<RestServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8083;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const response = await options.router.handle(await toRestRequest(req));
        res.writeHead(response.status, response.headers);
        res.end(response.body);
      } catch (error) {
        // Only reading the request can fail here: the router answers every error itself.
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error_code: 400,
            message: `Could not read the request: ${error instanceof Error ? error.message : String(error)}`,
          }),
        );
      }
    })();
  });
  await listen(server, port, host);
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE')
        reject(
          new EnvironmentError(
            `Cannot serve the REST API on ${host}:${port}: the port is already in use (another Copycat or Kafka Connect worker?). Stop that process or choose another port.`,
            { cause: error },
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new EnvironmentError(`Cannot serve the REST API on ${host}:${port}: permission denied; choose a port above 1023.`, {
            cause: error,
          }),
        );
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function toRestRequest(req: IncomingMessage): Promise<RestRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8');
  // `url.pathname` keeps percent-encoding, so a `%2F` inside a connector name stays in its segment.
  return { method: req.method ?? 'GET', path: url.pathname, query, headers, body };
}
