import { transformPlugins } from '../transforms/index.ts';
import { PluginRegistry } from './registry.ts';

/** Every plugin that ships with Copycat. */
export const builtInPlugins = new PluginRegistry([...transformPlugins]);
