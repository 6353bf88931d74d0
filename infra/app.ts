// The example CDK app (`cdk.json` runs it): one stack with the Copycat platform, configured by
// context so that `npx cdk synth` works offline, with no account and no lookups:
//   npx cdk synth -c bootstrapServers=broker-1:9092,broker-2:9092
//   npx cdk deploy -c mskClusterArn=arn:aws:kafka:...:cluster/name/uuid -c vpcId=vpc-... -c subnetIds=subnet-a,subnet-b
// The context keys are listed in app-context.ts.
import { App } from 'aws-cdk-lib';
import { addCopycatStack } from './app-context.ts';

const app = new App();
addCopycatStack(app, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION });
app.synth();
