import { readFileSync } from 'node:fs';
import { CopycatError } from '../errors.ts';

/** A connector config file that cannot be read or parsed; names the file and what to fix. */
export class ConnectorFileError extends CopycatError {
  constructor(file: string, problem: string, cause?: unknown) {
    super(`${file}: ${problem}`, { cause });
    this.name = 'ConnectorFileError';
  }
}

/**
 * Reads a connector config in any of the forms Kafka Connect users have: the REST body
 * `{"name": ..., "config": {...}}`, a flat JSON map, or a `.properties` file (`key=value` lines,
 * as `connect-standalone` takes). Values must be strings, as Kafka Connect's are; numbers and
 * booleans in JSON are accepted and turned into their text.
 */
export function readConnectorFile(file: string): { name: string | undefined; config: Record<string, string> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConnectorFileError(file, `cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`, cause);
  }
  const config = file.endsWith('.properties') ? parseProperties(text) : parseJsonConfig(file, text);
  return { name: config.name, config };
}

function parseJsonConfig(file: string, text: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConnectorFileError(
      file,
      `is not valid JSON (${(cause as Error).message}); expected {"name": ..., "config": {...}} or a flat map of strings`,
      cause,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConnectorFileError(file, 'must hold a JSON object');
  const body = json as Record<string, unknown>;
  const nested = body.config !== undefined && typeof body.config === 'object' && body.config !== null && !Array.isArray(body.config);
  const source = nested ? (body.config as Record<string, unknown>) : body;
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') config[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') config[key] = String(value);
    else
      throw new ConnectorFileError(
        file,
        `"${key}" must be a string (Kafka Connect configs are string maps), not ${value === null ? 'null' : typeof value}`,
      );
  }
  if (nested && typeof body.name === 'string') config.name ??= body.name;
  return config;
}

/** Java `.properties` essentials: `#`/`!` comments, `=` or `:` separators, trailing-backslash continuations. */
function parseProperties(text: string): Record<string, string> {
  const config: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? '').trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + (lines[++i] ?? '').trimStart();
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match === null) config[line.trim()] = '';
    else config[(match[1] ?? '').replace(/\\(.)/g, '$1')] = (match[2] ?? '').trimEnd();
  }
  return config;
}
