// API Gateway proxy events (REST API payload 1.0, HTTP API payload 2.0) to and from the router's
// request and response. Kept apart from the Lambda entry point so that it is unit-tested.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RestRequest, RestResponse } from './router.ts';

export type ProxyEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** The router's request from either payload version; a stage or custom base path prefix is removed. */
export function fromProxyEvent(event: ProxyEvent): RestRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = value;
  const body =
    event.body === null || event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  if ('rawPath' in event) {
    // 2.0: rawPath keeps percent-encoding; a named stage appears as its first segment.
    const params = new URLSearchParams(event.rawQueryString ?? '');
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      const values = params.getAll(key);
      query[key] = values.length === 1 ? (values[0] as string) : values;
    }
    const stage = event.requestContext.stage;
    const path = stage && stage !== '$default' ? stripPrefix(event.rawPath, `/${stage}`) : event.rawPath;
    return { method: event.requestContext.http.method, path, query, headers, body };
  }
  // 1.0: `path` is decoded; with a `{proxy+}` resource the proxy parameter is the API path, which
  // leaves out any base path mapping. Each segment is re-encoded for the router.
  const proxy = event.pathParameters?.proxy;
  const decoded = proxy === undefined ? event.path : `/${proxy}`;
  const path = decoded
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const query: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(event.multiValueQueryStringParameters ?? {}))
    if (values !== undefined) query[key] = values.length === 1 ? (values[0] as string) : values;
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {}))
    if (!(key in query) && value !== undefined) query[key] = value;
  return { method: event.httpMethod, path, query, headers, body };
}

/** The proxy result (the same shape suits both payload versions). */
export function toProxyResult(response: RestResponse): APIGatewayProxyResult & APIGatewayProxyStructuredResultV2 {
  return { statusCode: response.status, headers: response.headers, body: response.body, isBase64Encoded: false };
}

function stripPrefix(path: string, prefix: string): string {
  return path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
