import { probeDynamoDb } from '../../stores/dynamodb/client.ts';
import type { JavaServiceSpec } from './java-service.ts';

export const dynamoDbPort = 8000;

/** Amazon's DynamoDB Local jar; its SQLite native library comes from Maven beside the jar. */
export const dynamoDbLocal: JavaServiceSpec = {
  name: 'dynamodb',
  profile: 'dynamodb',
  overrideVariable: 'DYNAMODB_ENDPOINT',
  title: 'DynamoDB Local',
  mainClass: 'com.amazonaws.services.dynamodbv2.local.main.ServerRunner',
  ports: [dynamoDbPort],
  jvmOptions: (ctx) => ['-Xmx512m', `-Dsqlite4java.library.path=${nativeLibraryDir(ctx.classpath)}`],
  args: (ctx) => ['-port', String(dynamoDbPort), '-dbPath', ctx.dataDir, '-sharedDb'],
  probe: () => probeDynamoDb(`http://127.0.0.1:${dynamoDbPort}`),
  startTimeoutMs: 60_000,
};

function nativeLibraryDir(classpath: string): string {
  const arch = process.arch === 'arm64' ? 'linux-aarch64' : 'linux-amd64';
  const library = classpath.split(':').find((entry) => entry.includes(`libsqlite4java-${process.platform === 'darwin' ? 'osx' : arch}`));
  return library === undefined ? '' : library.slice(0, library.lastIndexOf('/'));
}
