// A pass-through HTTP proxy in front of DynamoDB Local that notes every request's operation
// (`X-Amz-Target`) and when it was made, so the Lambda benchmark can count the DynamoDB requests of
// each invocation (what on-demand capacity bills) without touching the function's code: the
// bundled function is pointed at the proxy through COPYCAT_DYNAMODB_ENDPOINT.
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';

/** One DynamoDB request as the proxy saw it. */
export interface RecordedRequest {
  /** The operation, e.g. `GetItem`, `TransactWriteItems`. */
  readonly operation: string;
  /** Epoch ms when the request arrived. */
  readonly atEpochMs: number;
  /** Epoch ms when its answer was sent back (undefined while in flight). */
  endEpochMs?: number;
}

/** The proxy: `endpoint` for the function, `requests` so far, `close()` after use. */
export interface DynamoDbRecorder {
  readonly endpoint: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a recorder on a free local port forwarding to `target` (DynamoDB Local's URL). */
export async function startDynamoDbRecorder(target: string): Promise<DynamoDbRecorder> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const header = incoming.headers['x-amz-target'];
    const operation = (Array.isArray(header) ? header[0] : header)?.split('.').pop() ?? 'unknown';
    const recorded: RecordedRequest = { operation, atEpochMs: Date.now() };
    requests.push(recorded);
    outgoing.on('finish', () => {
      recorded.endEpochMs = Date.now();
    });
    const forwarded = request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', (error) => {
      outgoing.writeHead(502);
      outgoing.end(String(error));
    });
    incoming.pipe(forwarded);
  });
  // The SDK keeps connections alive; they must not keep the benchmark from ending.
  server.keepAliveTimeout = 1000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the DynamoDB recorder has no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The requests made between two epoch instants, counted by operation. */
export function countOperations(requests: readonly RecordedRequest[], fromEpochMs: number, toEpochMs: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { operation, atEpochMs } of requests)
    if (atEpochMs >= fromEpochMs && atEpochMs <= toEpochMs) counts[operation] = (counts[operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * How long, between two epoch instants, at least one DynamoDB request was in flight (requests
 * sent in parallel count once): the part of an invocation spent waiting for DynamoDB Local.
 */
export function dynamoDbBusyMs(requests: readonly RecordedRequest[], fromEpochMs: number, toEpochMs: number): number {
  const intervals = requests
    .filter(({ atEpochMs }) => atEpochMs >= fromEpochMs && atEpochMs <= toEpochMs)
    .map(({ atEpochMs, endEpochMs }) => [atEpochMs, Math.min(endEpochMs ?? toEpochMs, toEpochMs)] as const)
    .sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of intervals) {
    const from = Math.max(start, coveredUntil);
    if (end > from) busy += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return busy;
}
