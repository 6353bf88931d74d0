import { datagenPlugin } from '../connectors/datagen/datagen-connector.ts';
import { dynamoDbSinkPlugin } from '../connectors/dynamodb/dynamodb-sink.ts';
import { fileStreamSinkPlugin } from '../connectors/file/file-stream-sink.ts';
import { fileStreamSourcePlugin } from '../connectors/file/file-stream-source-connector.ts';
import { jdbcPlugins } from '../connectors/jdbc/index.ts';
import { converterPlugins } from '../converters/index.ts';
import { predicatePlugins, transformPlugins } from '../transforms/index.ts';
import { PluginRegistry } from './registry.ts';

/** Every plugin that ships with Copycat. */
export const builtInPlugins = new PluginRegistry([
  ...jdbcPlugins,
  ...converterPlugins,
  ...transformPlugins,
  ...predicatePlugins,
  fileStreamSinkPlugin,
  dynamoDbSinkPlugin,
  fileStreamSourcePlugin,
  datagenPlugin,
]);
