// Every connector config in examples/ is valid for its plugin, as the REST API's validate answers.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Herder } from '../../shared/control/herder.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { createMemoryStores } from '../../shared/stores/memory/stores.ts';

const dir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('the example connector configs', () => {
  const stores = createMemoryStores();
  const herder = new Herder({ ...stores, registry: builtInPlugins, afterChange: async () => undefined, restart: async () => undefined });

  it('when listed, they cover every built-in connector', () => {
    const classes = new Set(
      examples.map(
        (file) => (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { config: Record<string, string> }).config['connector.class'],
      ),
    );
    const connectors = [...builtInPlugins.list('source'), ...builtInPlugins.list('sink')].map((plugin) => plugin.className);
    assert.deepEqual(
      connectors.filter((className) => !classes.has(className)),
      [],
    );
  });

  for (const file of examples) {
    it(`when ${file} is validated, it has no errors`, async () => {
      const { name, config } = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { name: string; config: Record<string, string> };
      const result = await herder.validate(config['connector.class'] as string, { ...config, name });
      const errors = result.configs.flatMap((entry) => (entry.value?.errors ?? []).map((error) => `${entry.value?.name}: ${error}`));
      assert.deepEqual(errors, []);
    });
  }
});
