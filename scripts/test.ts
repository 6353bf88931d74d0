// `npm test`: brings up what the tests need (starting only what is not running yet), runs every
// unit, integration and infra test with Node's test runner, and stops what it started.
import { spawn } from 'node:child_process';
import { CopycatError } from '../shared/errors.ts';
import { stackAddresses, stackDown, stackUp } from '../shared/standalone/stack/local-stack.ts';

const [major] = process.versions.node.split('.').map(Number);
if ((major ?? 0) < 24) {
  console.error(
    `Copycat's tests need Node 24 or newer (this is ${process.version}). Run them with "npm test", which uses the Node the project pins.`,
  );
  process.exit(1);
}

let started: string[] = [];
let exitCode = 1;
try {
  const reports = await stackUp();
  started = reports.filter((report) => report.outcome === 'started').map((report) => report.name);
  for (const report of reports)
    console.log(`stack: ${report.title} at ${report.address} (${report.outcome}${report.note ? `, ${report.note}` : ''})`);
  const addresses = stackAddresses();
  exitCode = await runTests(process.argv.slice(2), {
    ...process.env,
    KAFKA_BROKERS: addresses.kafkaBrokers.join(','),
    DYNAMODB_ENDPOINT: addresses.dynamoDbEndpoint,
  });
} catch (error) {
  console.error(error instanceof CopycatError ? error.message : error);
} finally {
  if (started.length > 0) await stackDown(started);
}
process.exit(exitCode);

function runTests(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = [
    '--disable-warning=TimeoutNegativeWarning',
    '--test',
    '--test-timeout=180000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-summary.ts',
    '--test-reporter-destination=stdout',
    ...(files.length > 0 ? files : ['test/**/*.test.ts']),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
