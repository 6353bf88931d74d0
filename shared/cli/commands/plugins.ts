import { readConnectorFile } from '../connector-file.ts';
import { json, table } from '../output.ts';
import { restCommand } from '../rest/rest-command.ts';

interface ConfigInfos {
  name: string;
  error_count: number;
  configs: { value: { name: string; errors: string[] } | null }[];
}

/** `copycat plugins ...`: what the worker can run, and config validation before a deploy. */
export const pluginsCommand = restCommand('plugins', 'list plugins and validate connector configs', [
  {
    name: 'list',
    args: '[--all]',
    summary: 'connector plugins (with --all: converters, transforms, predicates too)',
    minArgs: 0,
    flags: { all: { type: 'boolean' } },
    async run(call) {
      const answer = await call.client.request<{ class: string; type: string; version: string }[]>(
        'GET',
        `connector-plugins${call.flags.all ? '?connectorsOnly=false' : ''}`,
      );
      call.io.stdout.write(
        call.json
          ? json(answer)
          : table(
              ['CLASS', 'TYPE', 'VERSION'],
              (answer ?? []).map((plugin) => [plugin.class, plugin.type, plugin.version]),
            ),
      );
    },
  },
  {
    name: 'validate',
    args: '<connector.json|.properties>',
    summary: 'check a config against its plugin; exit 1 when invalid',
    minArgs: 1,
    async run(call) {
      const { name, config } = readConnectorFile(call.args[0] as string);
      const plugin = config['connector.class'] ?? '';
      const answer = await call.client.request<ConfigInfos>('PUT', `connector-plugins/${encodeURIComponent(plugin)}/config/validate`, {
        ...config,
        ...(name ? { name } : {}),
      });
      const problems = (answer?.configs ?? []).flatMap((entry) =>
        (entry.value?.errors ?? []).map((error) => [entry.value?.name ?? '', error]),
      );
      call.io.stdout.write(
        call.json ? json(answer) : problems.length === 0 ? `${call.args[0]}: valid.\n` : table(['KEY', 'PROBLEM'], problems),
      );
      return (answer?.error_count ?? 0) > 0 ? 1 : 0;
    },
  },
]);
