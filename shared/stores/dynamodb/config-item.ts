import type { ConnectorConfig, ConnectorConfigRecord, TargetState } from '../config-store.ts';
import { targetStates } from '../config-store.ts';
import { InvalidConfigItemError } from '../errors.ts';
import { type Item, n, s, stringMap, stringOf } from './items.ts';
import { configSortKey, connectorKey } from './table.ts';

// The config item is the one people may write by hand (console, AWS CLI, another program), so its
// format is plain and reading it is forgiving where Kafka Connect is: a number or boolean config
// value is taken as its string (Kafka Connect's REST API accepts `"tasks.max": 1` too); a missing
// targetState means STARTED, a missing version 0. Anything else that is off is reported by name.

/** The item `create` writes. */
export function configItem(record: ConnectorConfigRecord): Item {
  const item: Item = {
    pk: s(connectorKey(record.name)),
    sk: s(configSortKey),
    name: s(record.name),
    config: stringMap(record.config),
    targetState: s(record.targetState),
    version: n(record.version),
  };
  if (record.createdAt !== undefined) item.createdAt = s(record.createdAt);
  if (record.updatedAt !== undefined) item.updatedAt = s(record.updatedAt);
  return item;
}

/** Reads a config item (from GetItem, or a stream record's image); InvalidConfigItemError says what is wrong. */
export function parseConfigItem(name: string, item: Item): ConnectorConfigRecord {
  const storedName = item.name;
  if (storedName !== undefined && storedName.S !== name)
    throw new InvalidConfigItemError(
      name,
      `"name" is ${JSON.stringify(storedName.S ?? storedName)} but the key says ${JSON.stringify(name)}`,
    );
  return {
    name,
    config: parseConfig(name, item.config),
    targetState: parseTargetState(name, item.targetState),
    version: parseVersion(name, item.version),
    createdAt: stringOf(item, 'createdAt'),
    updatedAt: stringOf(item, 'updatedAt'),
  };
}

/** The version of a config item as stored (0 when it has none), for a StaleVersionError. */
export function storedVersion(item: Item): number {
  const version = Number(item.version?.N ?? 0);
  return Number.isFinite(version) ? version : 0;
}

function parseConfig(name: string, value: Item[string] | undefined): ConnectorConfig {
  if (value === undefined) throw new InvalidConfigItemError(name, '"config" is missing');
  if (value.M === undefined) throw new InvalidConfigItemError(name, `"config" is a ${typeOf(value)}, not a map (M)`);
  const config: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value.M)) {
    if (entry.S !== undefined) config[key] = entry.S;
    else if (entry.N !== undefined) config[key] = entry.N;
    else if (entry.BOOL !== undefined) config[key] = String(entry.BOOL);
    else throw new InvalidConfigItemError(name, `config key "${key}" is a ${typeOf(entry)}; config values are strings (S)`);
  }
  return config;
}

function parseTargetState(name: string, value: Item[string] | undefined): TargetState {
  if (value === undefined) return 'STARTED';
  const state = value.S;
  if (state === undefined || !(targetStates as readonly string[]).includes(state))
    throw new InvalidConfigItemError(
      name,
      `"targetState" is ${JSON.stringify(state ?? value)}; it must be the string STARTED, PAUSED or STOPPED`,
    );
  return state as TargetState;
}

function parseVersion(name: string, value: Item[string] | undefined): number {
  if (value === undefined) return 0;
  const version = value.N === undefined ? Number.NaN : Number(value.N);
  if (!Number.isSafeInteger(version) || version < 0)
    throw new InvalidConfigItemError(name, `"version" is ${JSON.stringify(value.N ?? value)}; it must be a whole number (N)`);
  return version;
}

function typeOf(value: Item[string]): string {
  return Object.entries(value).find(([, entry]) => entry !== undefined)?.[0] ?? 'empty value';
}
