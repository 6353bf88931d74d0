// What the source and sink task benchmarks share: what a run needs beyond a function process, and
// what one process yields (its figures, each invocation by label, and the DynamoDB requests each
// invocation made, counted by the recorder in front of DynamoDB Local).
import type { Kafka } from 'kafkajs';
import type { createDynamoDbStores } from '../../shared/stores/index.ts';
import { countOperations, type DynamoDbRecorder, dynamoDbBusyMs, type RecordedRequest } from './dynamodb-recorder.ts';
import type { FunctionProcessContext } from './function-process.ts';
import type { ChildFigures, InvocationFigures } from './protocol.ts';

/** The function processes' context, plus the stores the connectors are configured in and a Kafka admin. */
export interface TaskContext extends FunctionProcessContext {
  readonly stores: ReturnType<typeof createDynamoDbStores>;
  readonly admin: ReturnType<Kafka['admin']>;
}

/** One process of a task benchmark, with its invocations under their labels (`cold`, `warm`, …). */
export type TaskRep<Label extends string> = {
  readonly child: ChildFigures;
  /** Requests per operation, per invocation. */
  readonly dynamodb: Record<Label, Record<string, number>>;
  /** Time DynamoDB Local was busy answering, per invocation. */
  readonly dynamodbMs: Record<Label, number>;
} & { readonly [L in Label]: InvocationFigures };

/** Picks the `labels` invocations out of `child` (throwing if one is missing or failed) and counts their DynamoDB requests. */
export function taskRep<const Label extends string>(
  child: ChildFigures,
  labels: readonly Label[],
  recorder: DynamoDbRecorder,
): TaskRep<Label> {
  const runs = Object.fromEntries(labels.map((label) => [label, invocation(child, label)])) as Record<Label, InvocationFigures>;
  const during = <T>(measure: (requests: readonly RecordedRequest[], fromEpochMs: number, toEpochMs: number) => T) =>
    Object.fromEntries(
      labels.map((label) => [label, measure(recorder.requests, runs[label].startEpochMs - 5, runs[label].endEpochMs + 5)]),
    ) as Record<Label, T>;
  return { child, ...runs, dynamodb: during(countOperations), dynamodbMs: during(dynamoDbBusyMs) } as TaskRep<Label>;
}

function invocation(figures: ChildFigures, label: string): InvocationFigures {
  const found = figures.invocations.find((entry) => entry.label === label);
  if (found === undefined) throw new Error(`no invocation ${label}`);
  if (found.error !== undefined) throw new Error(`invocation ${label} failed: ${found.error}`);
  return found;
}
