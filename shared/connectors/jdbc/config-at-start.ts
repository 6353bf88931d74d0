import { ConfigException } from '../../api/config/index.ts';
import { ConnectException } from '../../api/errors.ts';

/**
 * A JDBC connector's or task's config, read in `start` with Confluent's messages: an invalid key
 * fails with "Couldn't start <who> due to configuration error: ...", and the first problem across
 * keys (when `problems` is given) with "Couldn't start <who>: <key>: <problem>".
 */
export function configAtStart<C>(who: string, read: () => C, problems?: (config: C) => Record<string, string[]>): C {
  let config: C;
  try {
    config = read();
  } catch (error) {
    if (error instanceof ConfigException)
      throw new ConnectException(`Couldn't start ${who} due to configuration error: ${error.message}`, { cause: error });
    throw error;
  }
  const first = Object.entries(problems?.(config) ?? {})[0];
  if (first !== undefined) throw new ConnectException(`Couldn't start ${who}: ${first[0]}: ${first[1][0]}`);
  return config;
}
