// One fresh process of `npm run bench:lambda` (bench/lambda.ts): stands in for a Lambda execution
// environment. It imports a function's bundled `index.mjs` as the Node.js runtime would (its top
// level is the function's cold start) and then, if the plan lists any, invokes the handler with
// each event in turn, with a fake Lambda context. Figures go to the plan's result file as JSON.
//
// Plain JavaScript, and nothing imported statically: the first line must run as early as possible,
// so that the time from process start (`performance.timeOrigin`) to it is Node's own boot and the
// time after it the bundle's module load (a .ts child would add Node's type stripper, ~35 ms, to
// the boot). The plan and figures are typed in protocol.ts.
const firstLineMs = performance.now();

const fs = process.getBuiltinModule('node:fs');
const { pathToFileURL } = process.getBuiltinModule('node:url');
const { randomUUID } = process.getBuiltinModule('node:crypto');
const planFile = process.argv[2];
if (planFile === undefined) throw new Error('usage: node bench/lambda/child.mjs <plan.json>');
/** @type {import('./protocol.ts').ChildPlan} */
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));

const beforeImportMs = performance.now();
const loaded = await import(pathToFileURL(plan.module).href);
const readyMs = performance.now();
const readyEpochMs = Date.now();

// Count what the handler logs; the parent keeps the text in its log file.
let logBytes = 0;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    return write(chunk, ...rest);
  };
}

/** @type {import('./protocol.ts').InvocationFigures[]} */
const invocations = [];
for (const planned of plan.invocations) {
  // A pause between invocations keeps each one's DynamoDB requests apart in the parent's record.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const event = JSON.parse(fs.readFileSync(planned.eventFile, 'utf8'));
  const deadline = Date.now() + planned.timeoutMs;
  const functionName = planned.invokedFunctionArn.split(':')[6] ?? 'copycat-bench';
  const context = {
    awsRequestId: randomUUID(),
    invokedFunctionArn: planned.invokedFunctionArn,
    functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(planned.memoryMb),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  logBytes = 0;
  const startEpochMs = Date.now();
  const start = performance.now();
  let output;
  let error;
  try {
    output = await loaded.handler(event, context);
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
  const handlerMs = performance.now() - start;
  const endEpochMs = Date.now();
  invocations.push({
    label: planned.label,
    startEpochMs,
    endEpochMs,
    handlerMs,
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
    logBytes,
    rssAfterBytes: process.memoryUsage().rss,
  });
}

/**
 * The process's peak resident set: Linux's VmHWM, which starts afresh at exec. `maxRSS` (getrusage)
 * does not: it keeps the RSS of the parent at fork, which here is the benchmark's own.
 */
function peakRssBytes() {
  try {
    const line = fs
      .readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmHWM:'));
    if (line !== undefined) return Number.parseInt(line.replace(/\D+/g, ''), 10) * 1024;
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** @type {import('./protocol.ts').ChildFigures} */
const figures = {
  bootMs: firstLineMs,
  importMs: readyMs - beforeImportMs,
  readyMs,
  readyEpochMs,
  invocations,
  maxRssBytes: peakRssBytes(),
};
fs.writeFileSync(plan.result, `${JSON.stringify(figures)}\n`);
// Lambda freezes a warm environment; here open Kafka sockets would keep the process alive.
process.exit(0);
