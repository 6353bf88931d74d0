import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { CopycatPlatform, type CopycatPlatformProps } from '../../infra/copycat-platform.ts';
import { InfraValidationError } from '../../infra/errors.ts';
import { testApp } from './support.ts';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const brokers = { kafka: { bootstrapServers: ['broker-1:9092'] } } satisfies CopycatPlatformProps;

/** Builds a platform (no synth: validation happens in the constructors) and returns what it threw. */
function build(props: CopycatPlatformProps | ((stack: Stack) => CopycatPlatformProps)): unknown {
  const stack = new Stack(testApp(), 'Test');
  try {
    new CopycatPlatform(stack, 'Copycat', typeof props === 'function' ? props(stack) : props);
    return undefined;
  } catch (error) {
    return error;
  }
}

function assertRejected(error: unknown, prop: string, message: RegExp): void {
  assert.ok(error instanceof InfraValidationError, `expected an InfraValidationError, got ${String(error)}`);
  assert.equal(error.prop, prop);
  assert.match(error.message, message);
}

describe('CopycatPlatform prop validation', () => {
  it('when neither an MSK cluster ARN nor bootstrap servers are given, it refuses to build and says which props to set', () => {
    assertRejected(build({ kafka: {} }), 'kafka.mskClusterArn', /set either mskClusterArn \(Amazon MSK\) or bootstrapServers/);
  });

  it('when the sink timeout exceeds the 14 minutes a Kafka event source mapping allows, it refuses to build', () => {
    const error = build({ ...brokers, sinkTask: { timeout: Duration.minutes(15) } });
    assertRejected(error, 'timeout', /must be from 1 second to 14 minutes, got 15 minutes \(the trigger allows no more\)/);
    assert.match((error as Error).message, /^Test\/Copycat\/SinkTask: /);
  });

  it('when the sink timeout is exactly 14 minutes, it builds', () => {
    assert.equal(build({ ...brokers, sinkTask: { timeout: Duration.minutes(14) } }), undefined);
  });

  it('when a bootstrap server is not host:port, it names it', () => {
    assertRejected(
      build({ kafka: { bootstrapServers: ['broker-1:9092', 'broker-2'] } }),
      'kafka.bootstrapServers',
      /"broker-2" is not host:port/,
    );
  });

  it('when the MSK cluster ARN is malformed, it says what an MSK ARN looks like', () => {
    assertRejected(
      build({ kafka: { mskClusterArn: 'arn:aws:kafka:eu-west-1:123456789012:topic/x' } }),
      'kafka.mskClusterArn',
      /is not an MSK cluster ARN/,
    );
  });

  it('when MSK is asked for SCRAM-SHA-256 or plaintext, it refuses: MSK has SCRAM-SHA-512 over TLS only', () => {
    assertRejected(
      build((stack) => ({
        kafka: {
          mskClusterArn: CLUSTER,
          saslScramSecret: secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'AmazonMSK_copycat'),
          saslMechanism: 'SCRAM-SHA-256',
        },
      })),
      'kafka.saslMechanism',
      /SCRAM-SHA-512 only/,
    );
    assertRejected(build({ kafka: { mskClusterArn: CLUSTER, tls: false } }), 'kafka.tls', /over TLS only/);
  });

  it('when a SCRAM mechanism is named without the secret, it asks for the secret', () => {
    assertRejected(
      build({ kafka: { bootstrapServers: ['b:9096'], saslMechanism: 'SCRAM-SHA-256' } }),
      'kafka.saslMechanism',
      /saslScramSecret is not set/,
    );
  });

  it('when partial batch responses are asked for on on-demand mappings, it refuses: they need provisioned pollers', () => {
    assertRejected(build({ ...brokers, reportBatchItemFailures: true }), 'reportBatchItemFailures', /only in provisioned mode/);
  });

  it('when provisioned pollers are out of range or inverted, it names the bound', () => {
    assertRejected(build({ ...brokers, provisionedPollers: { minimum: 0 } }), 'provisionedPollers.minimum', /from 1 to 200, got 0/);
    assertRejected(build({ ...brokers, provisionedPollers: { maximum: 2001 } }), 'provisionedPollers.maximum', /from 1 to 2000, got 2001/);
    assertRejected(
      build({ ...brokers, provisionedPollers: { minimum: 5, maximum: 2 } }),
      'provisionedPollers',
      /minimum \(5\) exceeds maximum \(2\)/,
    );
  });

  it('when subnets or security groups are given without a VPC, it asks for the VPC', () => {
    assertRejected(
      build((stack) => ({ ...brokers, vpcSubnets: { subnets: [ec2.Subnet.fromSubnetId(stack, 'S', 'subnet-1')] } })),
      'vpcSubnets',
      /needs vpc/,
    );
  });

  it('when the reconcile interval is under a minute or not whole minutes, it refuses', () => {
    assertRejected(
      build({ ...brokers, reconcileInterval: Duration.seconds(30) }),
      'reconcileInterval',
      /whole minutes from 1 minute to 1 day/,
    );
    assertRejected(build({ ...brokers, reconcileInterval: Duration.seconds(90) }), 'reconcileInterval', /whole minutes/);
  });

  it('when a function’s memory is outside 128–10240 MB, it refuses', () => {
    assertRejected(build({ ...brokers, reconciler: { memorySize: 64 } }), 'memorySize', /from 128 to 10240, got 64/);
  });

  it('when the REST API stage name or throttling is invalid, it refuses', () => {
    assertRejected(build({ ...brokers, restApi: { stageName: 'v 1' } }), 'stageName', /letters, digits/);
    assertRejected(build({ ...brokers, restApi: { throttlingBurstLimit: 10_000 } }), 'throttlingBurstLimit', /0 to 5000/);
  });

  it('when values are unresolved tokens (deploy-time parameters), it leaves them to CloudFormation', () => {
    const error = build((stack) => ({
      kafka: { bootstrapServers: new CfnParameter(stack, 'Brokers', { type: 'CommaDelimitedList' }).valueAsList },
      sinkTask: { memorySize: new CfnParameter(stack, 'SinkMemory', { type: 'Number' }).valueAsNumber },
    }));
    assert.equal(error, undefined);
  });
});
