// The example CDK app (`cdk.json` runs it): one stack with the Copycat platform, configured by
// context so that `npx cdk synth` works offline, with no account and no lookups:
//   npx cdk synth -c bootstrapServers=broker-1:9092,broker-2:9092
//   npx cdk deploy -c mskClusterArn=arn:aws:kafka:...:cluster/name/uuid -c vpcId=vpc-... -c subnetIds=subnet-a,subnet-b
// The keys are listed in app-context.ts.
import { App, Stack } from 'aws-cdk-lib';
import { APP_CONTEXT_KEYS, platformPropsFromContext } from './app-context.ts';
import { CopycatPlatform } from './copycat-platform.ts';

const app = new App();
const stackName = String(app.node.tryGetContext(APP_CONTEXT_KEYS.stackName) ?? 'Copycat');
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
const stack = new Stack(app, stackName, {
  description: 'Copycat: Kafka Connect, serverless (functions, state table, control plane, REST API, alarms)',
  // With credentials the CLI fills these in; without (an offline synth) the stack is environment-agnostic.
  ...(account !== undefined && region !== undefined ? { env: { account, region } } : {}),
});
new CopycatPlatform(stack, 'Copycat', platformPropsFromContext(stack, (key) => app.node.tryGetContext(key)));
app.synth();
