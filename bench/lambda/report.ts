// The summary bench/lambda.ts prints: a table of the functions' bundles and cold starts, then the
// source and sink task figures, each as median (min–max).
import { MiB, type Summary } from './summary.ts';

/** The parts of bench/results/lambda.json the summary shows. */
export interface ReportedResults {
  date: string;
  node: string;
  machine: string;
  functions: Record<
    string,
    {
      memoryMb: number;
      architecture: string;
      bundle: { moduleBytes: number; gzippedBytes: number };
      coldStart: Record<
        'withSourceMaps' | 'withoutSourceMaps',
        { processStartToReadyMs: Summary; moduleLoadMs: Summary; peakRssMiB: Summary }
      >;
    }
  >;
  source: {
    records: number;
    firstRecord: { fromModuleLoadStartMs: Summary; fromInvokeMs: Summary };
    warmRunMs: Summary;
    emptyRunOverheadMs: Summary;
    warmMsPerRecord: Summary;
    coldMsPerRecord: Summary;
    peakRssMiB: Summary;
    dynamodbRequests?: Record<string, Record<string, number>>;
    dynamodbLocalMs: Record<string, Summary>;
  };
  sink: {
    records: number;
    recordBytes: number;
    coldBatchMs: Summary;
    warmBatchMs: Summary;
    oneRecordBatchMs: Summary;
    warmMsPerRecord: Summary;
    warmMarginalMsPerRecord: Summary;
    peakRssMiB: Summary;
    dynamodbRequests?: Record<string, Record<string, number>>;
    dynamodbLocalMs: Record<string, Summary>;
  };
  seconds: number;
}

/** Prints `result` to stdout as a Markdown table and a few lines per task. */
export function printSummary(result: ReportedResults): void {
  const cell = (s: Summary, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
  const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
  const lines = [
    `Lambda functions, ${result.node} on ${result.machine}, ${result.date} (${result.seconds} s); median (min–max)`,
    '',
    '| function | memory | bundle (gzipped) | cold start: process start → handler ready, ms | of which module load, ms | without source maps, ms | peak RSS after load |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(result.functions).map(
      ([key, fn]) =>
        `| ${key} | ${fn.memoryMb} MB ${fn.architecture} | ${mb(fn.bundle.moduleBytes)} (${mb(fn.bundle.gzippedBytes)}) | ${cell(fn.coldStart.withSourceMaps.processStartToReadyMs)} | ${cell(fn.coldStart.withSourceMaps.moduleLoadMs)} | ${cell(fn.coldStart.withoutSourceMaps.processStartToReadyMs)} | ${cell(fn.coldStart.withSourceMaps.peakRssMiB)} MiB |`,
    ),
    '',
    `Source task (datagen, ${result.source.records.toLocaleString('en-US')} records per run):`,
    `  module load start → first record in the topic: ${cell(result.source.firstRecord.fromModuleLoadStartMs)} ms (invoke → first record ${cell(result.source.firstRecord.fromInvokeMs)} ms)`,
    `  warm run: ${cell(result.source.warmRunMs)} ms; ${cell(result.source.warmMsPerRecord, 4)} ms per record (cold run ${cell(result.source.coldMsPerRecord, 4)})`,
    `  fixed cost of a run (empty run less the idle wait): ${cell(result.source.emptyRunOverheadMs)} ms (DynamoDB Local ${cell(result.source.dynamodbLocalMs.empty ?? { median: 0, min: 0, max: 0 })} ms); peak RSS ${cell(result.source.peakRssMiB)} MiB`,
    `  DynamoDB requests, warm run: ${JSON.stringify(result.source.dynamodbRequests?.warm ?? {})}; empty run: ${JSON.stringify(result.source.dynamodbRequests?.empty ?? {})}`,
    '',
    `Sink task (FileStreamSink, ${result.sink.records.toLocaleString('en-US')} records of ${result.sink.recordBytes} B JSON per event):`,
    `  cold event: ${cell(result.sink.coldBatchMs)} ms; warm event: ${cell(result.sink.warmBatchMs)} ms = ${cell(result.sink.warmMsPerRecord, 4)} ms per record`,
    `  one-record event (fixed cost of a batch): ${cell(result.sink.oneRecordBatchMs, 1)} ms, of which waiting for DynamoDB Local ${cell(result.sink.dynamodbLocalMs.one ?? { median: 0, min: 0, max: 0 }, 1)} ms; marginal ${cell(result.sink.warmMarginalMsPerRecord, 4)} ms per record; peak RSS ${cell(result.sink.peakRssMiB)} MiB`,
    `  DynamoDB requests, warm event: ${JSON.stringify(result.sink.dynamodbRequests?.warm ?? {})}; cold: ${JSON.stringify(result.sink.dynamodbRequests?.cold ?? {})}`,
  ];
  console.log(lines.join('\n'));
}
