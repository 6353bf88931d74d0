// The Copycat side of the differential test: the same cases through Copycat's record path, the one
// `copycat transform` and the runtimes use, answered in the harness's result format.
import { kafkaClassNameOf } from '../../shared/api/errors.ts';
import { formatJsonlRecord, type JsonlRecord, parseJsonlRecord } from '../../shared/cli/jsonl-records.ts';
import { builtInPlugins } from '../../shared/plugins/built-in.ts';
import { fromConnectRecord, toSinkRecord } from '../../shared/runtime/record-conversion.ts';
import { buildRecordPath, validateRecordPath } from '../../shared/runtime/record-path.ts';
import { StageError } from '../../shared/runtime/stage.ts';
import type { CaseResult, DifferentialCase, FailureStage, RecordOutcome } from './kafka-connect.ts';

export function runCopycat(cases: readonly DifferentialCase[]): CaseResult[] {
  return cases.map((testCase) => {
    const errors = validateRecordPath(testCase.config, builtInPlugins);
    if (errors.size > 0) {
      return {
        name: testCase.name,
        configError: [...errors].map(([key, messages]) => `${key}: ${messages.join('; ')}`).join('\n'),
        results: [],
      };
    }
    const path = buildRecordPath(testCase.config, builtInPlugins);
    try {
      return { name: testCase.name, results: testCase.records.map((record, i) => runRecord(path, record, `${testCase.name}#${i}`)) };
    } finally {
      path.chain.close();
    }
  });
}

function runRecord(path: ReturnType<typeof buildRecordPath>, input: JsonlRecord, where: string): RecordOutcome {
  const message = parseJsonlRecord(JSON.stringify(input), where, { topic: input.topic, offset: input.offset });
  try {
    const transformed = path.chain.apply(toSinkRecord(message, path.converters));
    if (transformed === null) return { offset: input.offset, outcome: 'filtered' };
    const converted = fromConnectRecord(transformed, path.converters);
    return {
      offset: input.offset,
      outcome: 'record',
      record: JSON.parse(formatJsonlRecord({ ...converted, offset: transformed.kafkaOffset })) as JsonlRecord,
    };
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    const cause = error.cause;
    return {
      offset: input.offset,
      outcome: 'error',
      stage: error.stage as FailureStage,
      exceptionClass: kafkaClassNameOf(cause),
      message: cause instanceof Error ? cause.message : String(cause),
    };
  }
}
