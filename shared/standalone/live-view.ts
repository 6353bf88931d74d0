import type { Herder } from '../control/herder.ts';
import { sinkGroupIds } from '../control/reconciler/index.ts';
import type { ConsumerLag } from '../kafka/consumer-lag.ts';
import { aliases } from '../runtime/connector-config.ts';
import type { MetricsTotals } from '../runtime/metrics.ts';

interface Row {
  readonly connector: string;
  readonly task: string;
  readonly state: string;
  readonly inRate: number;
  readonly outRate: number;
  readonly totalIn: number;
  readonly totalOut: number;
  readonly lag: string;
  readonly deadLettered: number;
}

/**
 * The standalone worker's live view: per connector and task, the state, records in/out per
 * second since the last frame, totals, consumer lag (sinks) and dead-lettered records.
 */
export class LiveView {
  readonly #herder: Herder;
  readonly #metrics: MetricsTotals;
  readonly #lag: ConsumerLag;
  #previous = new Map<string, { in: number; out: number; at: number }>();

  constructor(herder: Herder, metrics: MetricsTotals, lag: ConsumerLag) {
    this.#herder = herder;
    this.#metrics = metrics;
    this.#lag = lag;
  }

  /** A sink's lag over the consumer groups of its listed topics (`topics.regex` sinks show "?"). */
  async #sinkLag(connector: string, topicList: string): Promise<string> {
    const topics = aliases(topicList);
    if (topics.length === 0) return '?';
    try {
      let lag = 0;
      for (const [topic, groupId] of sinkGroupIds(connector, topics, false)) lag += await this.#lag.lag(groupId, [topic]);
      return String(lag);
    } catch {
      return '?';
    }
  }

  /** One frame of the view, as text. */
  async frame(now = Date.now()): Promise<string> {
    const rows: Row[] = [];
    const totals = this.#metrics.snapshot();
    const next = new Map<string, { in: number; out: number; at: number }>();
    for (const name of (await this.#herder.listConnectors([])) as string[]) {
      const status = await this.#herder.connectorStatus(name).catch(() => undefined);
      if (status === undefined) continue;
      const info = await this.#herder.connectorInfo(name).catch(() => undefined);
      const lag = status.type === 'sink' ? await this.#sinkLag(name, info?.config.topics ?? '') : '-';
      const tasks = status.tasks.length > 0 ? status.tasks : [{ id: 0, state: status.connector.state }];
      for (const task of tasks) {
        const total = totals.find((entry) => entry.connector === name && entry.task === task.id) ?? {
          recordsIn: 0,
          recordsOut: 0,
          deadLettered: 0,
        };
        const key = `${name}/${task.id}`;
        const before = this.#previous.get(key);
        const seconds = before === undefined ? 0 : (now - before.at) / 1000;
        rows.push({
          connector: name,
          task: String(task.id),
          state: task.state,
          inRate: seconds > 0 ? (total.recordsIn - (before?.in ?? 0)) / seconds : 0,
          outRate: seconds > 0 ? (total.recordsOut - (before?.out ?? 0)) / seconds : 0,
          totalIn: total.recordsIn,
          totalOut: total.recordsOut,
          lag,
          deadLettered: total.deadLettered,
        });
        next.set(key, { in: total.recordsIn, out: total.recordsOut, at: now });
      }
    }
    this.#previous = next;
    const header = ['CONNECTOR', 'TASK', 'STATE', 'IN/s', 'OUT/s', 'IN', 'OUT', 'LAG', 'DLQ'];
    const cells = rows.map((row) => [
      row.connector,
      row.task,
      row.state,
      row.inRate.toFixed(0),
      row.outRate.toFixed(0),
      String(row.totalIn),
      String(row.totalOut),
      row.lag,
      String(row.deadLettered),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
    const line = (c: readonly string[]) =>
      c
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    return `${new Date(now).toISOString()}\n${[line(header), ...cells.map(line)].join('\n')}\n`;
  }
}
