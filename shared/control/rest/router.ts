// Kafka Connect's REST API as one framework-free function: a request in, a response out. The
// local HTTP server and the API Gateway Lambda both serve it. Paths, status codes and JSON shapes
// are Kafka Connect's (`ConnectorsResource`, `ConnectorPluginsResource`, `RootResource`).

import type { RequestedConfig } from '../connector-validation.ts';
import type { Herder } from '../herder.ts';
import type { RequestedOffset } from './entities.ts';
import { badRequest, RestError, statusOf } from './errors.ts';

export interface RestRequest {
  readonly method: string;
  /** The path without the query string, still URL-encoded (a `%2F` in a connector name stays in its segment). */
  readonly path: string;
  /** Query parameters; a repeated one (`expand=status&expand=info`) as an array. */
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string | undefined;
}

export interface RestResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** JSON, or empty for 202/204 answers without a body. */
  readonly body: string;
}

export interface RestRouter {
  handle(request: RestRequest): Promise<RestResponse>;
}

/** Where unexpected (500) failures are reported; request bodies are never passed (configs may hold secrets). */
export interface RouterLogger {
  error(message: string, error?: unknown): void;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

/** The router over a herder. Every error answers `{"error_code": <status>, "message": "..."}`. */
export function createRestRouter(herder: Herder, options: { readonly logger?: RouterLogger } = {}): RestRouter {
  const logger = options.logger ?? { error: (message, error) => console.error(message, error) };
  return {
    async handle(request) {
      try {
        return respond(await route(herder, request));
      } catch (error) {
        const status = statusOf(error);
        if (status >= 500 && !(error instanceof RestError))
          logger.error(`Uncaught error in REST call to ${request.method} ${request.path}`, error);
        const message = error instanceof Error ? error.message : String(error);
        return respond({ status, body: { error_code: status, message } });
      }
    },
  };
}

function respond(reply: Reply): RestResponse {
  if (reply.body === undefined) return { status: reply.status, headers: { ...reply.headers }, body: '' };
  return {
    status: reply.status,
    headers: { 'content-type': 'application/json', ...reply.headers },
    body: JSON.stringify(reply.body),
  };
}

const notFoundRoute = () => new RestError(404, 'HTTP 404 Not Found');
const notAllowed = () => new RestError(405, 'HTTP 405 Method Not Allowed');

async function route(herder: Herder, request: RestRequest): Promise<Reply> {
  const segments = pathSegments(request.path);
  const method = request.method.toUpperCase();
  const [root, id, sub, taskOrReset, action] = segments;
  const n = segments.length;
  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) throw notAllowed();
  };

  if (n === 0) {
    allow('GET');
    return ok(await herder.serverInfo());
  }
  if (root === 'connectors') {
    if (n === 1) {
      allow('GET', 'POST');
      if (method === 'GET') return ok(await herder.listConnectors(queryValues(request.query, 'expand')));
      const body = jsonObject(request.body, 'The request body must be a JSON object with "name" and "config".');
      const name = body.name === undefined || body.name === null ? '' : String(body.name).trim();
      const config = configOf(body.config, 'config');
      const initial = body.initial_state === undefined || body.initial_state === null ? undefined : String(body.initial_state);
      const info = await herder.createConnector(name, config, initial);
      return { status: 201, body: info, headers: { location: `/connectors/${encodeURIComponent(name)}` } };
    }
    const c = id as string;
    if (n === 2) {
      allow('GET', 'DELETE');
      if (method === 'GET') return ok(await herder.connectorInfo(c));
      await herder.deleteConnector(c);
      return { status: 204 };
    }
    if (n === 3) {
      switch (sub) {
        case 'config': {
          allow('GET', 'PUT', 'PATCH');
          if (method === 'GET') return ok(await herder.connectorConfig(c));
          const config = configOf(parseJson(request.body), 'the request body');
          if (method === 'PATCH') return ok(await herder.patchConnectorConfig(c, config));
          const { created, info } = await herder.putConnectorConfig(c, config);
          return created ? { status: 201, body: info, headers: { location: `/connectors/${encodeURIComponent(c)}` } } : ok(info);
        }
        case 'status':
          allow('GET');
          return ok(await herder.connectorStatus(c));
        case 'restart': {
          allow('POST');
          const status = await herder.restartConnector(
            c,
            flag(request.query, 'includeTasks', false),
            flag(request.query, 'onlyFailed', false),
          );
          return status === undefined ? { status: 204 } : { status: 202, body: status };
        }
        case 'pause':
        case 'resume':
        case 'stop':
          allow('PUT');
          await herder.setTargetState(c, sub === 'pause' ? 'PAUSED' : sub === 'resume' ? 'STARTED' : 'STOPPED');
          return { status: sub === 'stop' ? 204 : 202 };
        case 'tasks':
          allow('GET');
          return ok(await herder.taskConfigs(c));
        case 'topics':
          allow('GET');
          return ok(await herder.activeTopics(c));
        case 'offsets':
          allow('GET', 'PATCH', 'DELETE');
          if (method === 'GET') return ok(await herder.offsets(c));
          if (method === 'DELETE') return ok(await herder.resetOffsets(c));
          return ok(await herder.alterOffsets(c, offsetsOf(request.body)));
      }
    }
    if (n === 4 && sub === 'topics' && taskOrReset === 'reset') {
      allow('PUT');
      await herder.resetActiveTopics(c);
      return { status: 202 };
    }
    if (n === 5 && sub === 'tasks' && (action === 'status' || action === 'restart')) {
      // Jersey answers 404 when an Integer path parameter does not parse.
      if (!/^\d+$/.test(taskOrReset ?? '')) throw notFoundRoute();
      const task = Number(taskOrReset);
      if (action === 'status') {
        allow('GET');
        return ok(await herder.taskStatus(c, task));
      }
      allow('POST');
      await herder.restartTask(c, task);
      return { status: 204 };
    }
  }
  if (root === 'connector-plugins') {
    if (n === 1) {
      allow('GET');
      return ok(herder.plugins(flag(request.query, 'connectorsOnly', true)));
    }
    if (n === 3 && sub === 'config') {
      allow('GET');
      return ok(herder.pluginConfig(id as string));
    }
    if (n === 4 && sub === 'config' && taskOrReset === 'validate') {
      allow('PUT');
      return ok(await herder.validate(id as string, configOf(parseJson(request.body), 'the request body')));
    }
  }
  throw notFoundRoute();
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function pathSegments(path: string): string[] {
  const raw = path.split('/').filter((segment) => segment !== '');
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch (error) {
    throw badRequest(`The path ${path} is not validly URL-encoded.`, error);
  }
}

function queryValues(query: RestRequest['query'], name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** A JAX-RS boolean query parameter: "true" in any case is true, anything else false, absent the default. */
function flag(query: RestRequest['query'], name: string, fallback: boolean): boolean {
  const [value] = queryValues(query, name);
  return value === undefined ? fallback : value.toLowerCase() === 'true';
}

function parseJson(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') throw badRequest('The request has no body; a JSON body is required.');
  try {
    return JSON.parse(body);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function jsonObject(body: string | undefined, expected: string): Record<string, unknown> {
  const value = parseJson(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(expected);
  return value as Record<string, unknown>;
}

/**
 * A config map as Jackson reads `Map<String, String>`: strings as they are, numbers and booleans
 * as their text, nulls kept (validation reports them); objects and arrays are refused.
 */
function configOf(value: unknown, what: string): RequestedConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`Expected ${what} to be a JSON object of config keys to string values.`);
  const config: Record<string, string | null> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || typeof entry === 'string') config[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') config[key] = String(entry);
    else throw badRequest(`The value of config key "${key}" must be a string, not ${Array.isArray(entry) ? 'an array' : 'an object'}.`);
  }
  return config;
}

function offsetsOf(body: string | undefined): RequestedOffset[] {
  const value = jsonObject(body, 'The request body must be a JSON object with "offsets", a list of {"partition", "offset"}.');
  const offsets = value.offsets;
  if (offsets === undefined || offsets === null || (Array.isArray(offsets) && offsets.length === 0))
    throw badRequest('Partitions / offsets need to be provided for an alter offsets request');
  if (!Array.isArray(offsets)) throw badRequest('"offsets" must be a list of {"partition", "offset"}.');
  return offsets.map((entry: unknown) => {
    const { partition, offset } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const asMap = (map: unknown) =>
      typeof map === 'object' && map !== null && !Array.isArray(map) ? (map as Record<string, unknown>) : null;
    if (offset !== undefined && offset !== null && asMap(offset) === null) throw badRequest('Offsets must be specified as a Map');
    return { partition: asMap(partition), offset: asMap(offset) };
  });
}
