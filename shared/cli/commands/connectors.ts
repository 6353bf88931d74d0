import { readConnectorFile } from '../connector-file.ts';
import { json, table } from '../output.ts';
import { type RestCall, restCommand } from '../rest/rest-command.ts';

interface TaskState {
  id: number;
  state: string;
  worker_id: string;
  trace?: string;
}
interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string; trace?: string };
  tasks: TaskState[];
  type: string;
}
interface ConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: { connector: string; task: number }[];
  type: string;
}

const path = (name: string, suffix = '') => `connectors/${encodeURIComponent(name)}${suffix}`;

/** Prints the API's answer as JSON with --json, or as the given text otherwise. */
function print(call: RestCall, answer: unknown, text: () => string): void {
  call.io.stdout.write(call.json ? json(answer ?? null) : text());
}

function statusRows(statuses: readonly ConnectorStatus[]): string {
  return table(
    ['NAME', 'TYPE', 'STATE', 'TASKS', 'WORKER', 'TRACE'],
    statuses.map((status) => {
      const running = status.tasks.filter((task) => task.state === 'RUNNING').length;
      const trace = status.connector.trace ?? status.tasks.find((task) => task.trace)?.trace ?? '';
      return [
        status.name,
        status.type,
        status.connector.state,
        `${running}/${status.tasks.length} running`,
        status.connector.worker_id,
        trace.split('\n')[0] ?? '',
      ];
    }),
  );
}

function info(answer: ConnectorInfo | undefined): string {
  if (answer === undefined) return '';
  const keys = Object.keys(answer.config).sort();
  return `${answer.name} (${answer.type}, ${answer.tasks.length} tasks)\n${table(
    ['KEY', 'VALUE'],
    keys.map((key) => [key, answer.config[key] ?? '']),
  )}`;
}

/** `copycat connectors ...`: the connector side of the REST API. */
export const connectorsCommand = restCommand('connectors', 'list, create, change and control connectors through the REST API', [
  {
    name: 'list',
    args: '',
    summary: 'every connector with its state',
    minArgs: 0,
    async run(call) {
      const answer = await call.client.request<Record<string, { status: ConnectorStatus }>>('GET', 'connectors?expand=status');
      print(call, answer, () => statusRows(Object.values(answer ?? {}).map((entry) => entry.status)));
    },
  },
  {
    name: 'get',
    args: '<name>',
    summary: "a connector's config and tasks",
    minArgs: 1,
    async run(call) {
      const answer = await call.client.request<ConnectorInfo>('GET', path(call.args[0] as string));
      print(call, answer, () => info(answer));
    },
  },
  {
    name: 'create',
    args: '<connector.json|.properties> [--paused|--stopped]',
    summary: 'create a connector from a Kafka Connect config file',
    minArgs: 1,
    flags: { paused: { type: 'boolean' }, stopped: { type: 'boolean' } },
    async run(call) {
      const { name, config } = readConnectorFile(call.args[0] as string);
      const initialState = call.flags.stopped ? 'STOPPED' : call.flags.paused ? 'PAUSED' : undefined;
      const answer = await call.client.request<ConnectorInfo>('POST', 'connectors', {
        name,
        config,
        ...(initialState ? { initial_state: initialState } : {}),
      });
      print(call, answer, () => `Created ${answer?.name} (${answer?.type}).\n`);
    },
  },
  {
    name: 'update',
    args: '<name> <connector.json|.properties>',
    summary: "replace a connector's config (creates it when absent)",
    minArgs: 2,
    async run(call) {
      const { config } = readConnectorFile(call.args[1] as string);
      const answer = await call.client.request<ConnectorInfo>('PUT', path(call.args[0] as string, '/config'), config);
      print(call, answer, () => `Updated ${answer?.name}.\n`);
    },
  },
  {
    name: 'delete',
    args: '<name>',
    summary: 'delete a connector, its tasks, offsets and status',
    minArgs: 1,
    async run(call) {
      await call.client.request('DELETE', path(call.args[0] as string));
      print(call, null, () => `Deleted ${call.args[0]}.\n`);
    },
  },
  ...(['pause', 'resume', 'stop'] as const).map((action) => ({
    name: action,
    args: '<name>',
    summary: {
      pause: 'pause its tasks (schedules and mappings disabled)',
      resume: 'resume a paused or stopped connector',
      stop: 'stop it: tasks shut down, offsets editable',
    }[action],
    minArgs: 1,
    async run(call: RestCall) {
      await call.client.request('PUT', path(call.args[0] as string, `/${action}`));
      print(call, null, () => `${action === 'stop' ? 'Stopping' : action === 'pause' ? 'Pausing' : 'Resuming'} ${call.args[0]}.\n`);
    },
  })),
  {
    name: 'restart',
    args: '<name> [--include-tasks] [--only-failed]',
    summary: 'restart the connector (and its tasks)',
    minArgs: 1,
    flags: { 'include-tasks': { type: 'boolean' }, 'only-failed': { type: 'boolean' } },
    async run(call) {
      const query = `?includeTasks=${call.flags['include-tasks'] === true}&onlyFailed=${call.flags['only-failed'] === true}`;
      const answer = await call.client.request<ConnectorStatus>('POST', path(call.args[0] as string, `/restart${query}`));
      print(call, answer, () => (answer ? statusRows([answer]) : `Restarting ${call.args[0]}.\n`));
    },
  },
  {
    name: 'status',
    args: '[name]',
    summary: 'the state of one connector and its tasks, or of all',
    minArgs: 0,
    async run(call) {
      const name = call.args[0];
      if (name === undefined) {
        const answer = await call.client.request<Record<string, { status: ConnectorStatus }>>('GET', 'connectors?expand=status');
        print(call, answer, () => statusRows(Object.values(answer ?? {}).map((entry) => entry.status)));
        return;
      }
      const answer = await call.client.request<ConnectorStatus>('GET', path(name, '/status'));
      print(call, answer, () =>
        answer === undefined
          ? ''
          : `${statusRows([answer])}\n${table(
              ['TASK', 'STATE', 'WORKER', 'TRACE'],
              answer.tasks.map((task) => [String(task.id), task.state, task.worker_id, (task.trace ?? '').split('\n')[0] ?? '']),
            )}`,
      );
    },
  },
]);
