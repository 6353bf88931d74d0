import { CopycatError } from '../../errors.ts';
import { signForApiGateway } from './sigv4.ts';

/** A request to the Kafka Connect REST API failed; the message is the server's or the network's. */
export class RestError extends CopycatError {
  readonly status: number | undefined;

  constructor(message: string, status?: number, cause?: unknown) {
    super(message, { cause, retriable: status === undefined || status >= 500 });
    this.name = 'RestError';
    this.status = status;
  }
}

/** The Kafka Connect REST API at `baseUrl` (Copycat's, or any Kafka Connect worker's). */
export class RestClient {
  readonly baseUrl: URL;
  readonly #sign: boolean;

  constructor(baseUrl: string) {
    if (!URL.canParse(baseUrl)) throw new CopycatError(`--url "${baseUrl}" is not a URL (e.g. http://127.0.0.1:8083).`);
    this.baseUrl = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    // API Gateway endpoints are IAM-authorized: sign with the caller's AWS credentials.
    this.#sign = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/.test(this.baseUrl.hostname);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let headers: Record<string, string> = {
      accept: 'application/json',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    };
    if (this.#sign) headers = await signForApiGateway(method, url, headers, payload);
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: payload });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
      throw new RestError(
        `Cannot reach ${this.baseUrl.origin} (${reason}). Is the worker running (copycat standalone) or is --url right?`,
        undefined,
        cause,
      );
    }
    const text = await response.text();
    const json = text === '' ? undefined : parseJson(text);
    if (!response.ok) {
      const message = (json as { message?: string } | undefined)?.message ?? (text || response.statusText);
      throw new RestError(`${method} ${url.pathname} → ${response.status}: ${message}`, response.status);
    }
    return json as T | undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
