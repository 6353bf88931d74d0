import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addCopycatStack } from '../../infra/app-context.ts';
import { InfraValidationError } from '../../infra/errors.ts';
import { actionsOf, resourceOf, statementsOfRole, testApp, unexpectedStarActions } from './support.ts';

const CLUSTER = 'arn:aws:kafka:eu-west-1:123456789012:cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_copycat-AbCdEf';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const outdirs: string[] = [];
after(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

type Report = { pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[] };

/** Synthesizes the example app's stack for a context into a fresh directory; returns its template and validation report. */
function synthApp(context: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), 'copycat-app-'));
  outdirs.push(outdir);
  const app = testApp(context, { outdir });
  const stack = addCopycatStack(app);
  const template = Template.fromStack(stack);
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
  return { stack, template, json: template.toJSON() as Record<string, unknown>, report };
}

function contextError(context: Record<string, unknown>): InfraValidationError {
  try {
    addCopycatStack(testApp(context));
  } catch (error) {
    assert.ok(error instanceof InfraValidationError, String(error));
    return error;
  }
  assert.fail('the context was accepted');
}

// One synth of the app for the file: MSK with SCRAM, in a VPC by id, with given security groups.
const msk = synthApp({
  mskClusterArn: CLUSTER,
  saslSecretArn: SECRET,
  saslSecretKeyArn: KEY,
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: 'subnet-0aaaaaaaaaaaaaaa1, subnet-0bbbbbbbbbbbbbbb2',
  securityGroupIds: 'sg-0123456789abcdef0',
  removalPolicy: 'destroy',
  stackName: 'CopycatProd',
});

describe('the example app (infra/app.ts) and its context', () => {
  it('when the context names an MSK cluster with SCRAM, a VPC, subnets and security groups by id, it synthesizes with no lookup and uses them as given', () => {
    // Assess
    assert.equal(msk.stack.stackName, 'CopycatProd');
    for (const prefix of [
      'CopycatSourceTaskFunction',
      'CopycatSinkTaskFunction',
      'CopycatReconcilerFunction',
      'CopycatRestApiHandlerFunction',
    ])
      assert.deepEqual(resourceOf(msk.json, 'AWS::Lambda::Function', prefix).Properties.VpcConfig, {
        SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
        SecurityGroupIds: ['sg-0123456789abcdef0'],
      });
    msk.template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    const lookup = resourceOf(msk.json, 'Custom::CopycatMskBootstrapBrokers', 'CopycatBootstrapBrokers');
    assert.match(lookup.Properties.Create as string, /BootstrapBrokerStringSaslScram/);
    msk.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    msk.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: false });
  });

  it('when the SCRAM secret’s key is given, every function may decrypt the secret with it, through Secrets Manager only', () => {
    for (const role of ['CopycatSourceTaskRole', 'CopycatSinkTaskRole', 'CopycatReconcilerRole', 'CopycatRestApiHandlerRole']) {
      const decrypt = statementsOfRole(msk.json, role).find(
        (statement) => actionsOf(statement).includes('kms:Decrypt') && statement.Condition !== undefined,
      );
      assert.equal(decrypt?.Resource, KEY, role);
      assert.deepEqual(decrypt?.Condition, {
        StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      });
    }
  });

  it('when the app is synthesized, aws-cdk-lib’s CloudFormation validation report has no violation left', () => {
    for (const plugin of msk.report.pluginReports) assert.deepEqual(plugin.violations, [], plugin.pluginName);
  });

  it('when a statement names the resource "*", its actions are only those the API cannot scope', () => {
    assert.deepEqual(unexpectedStarActions(msk.json), []);
  });

  it('when a template breaks a CloudFormation rule, the same validation names it (so "no violation" means something)', () => {
    // Prepare
    const outdir = mkdtempSync(join(tmpdir(), 'copycat-invalid-'));
    outdirs.push(outdir);
    const app = testApp({ '@aws-cdk/core:validateAgainstDefaultRules': false }, { outdir });
    const stack = new Stack(app, 'Invalid');
    new CfnResource(stack, 'Broken', { type: 'AWS::Lambda::Function', properties: { Runtime: 'nodejs24.x', MemorySize: 'plenty' } });
    // Act
    app.synth();
    // Assess
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const violations = report.pluginReports.flatMap((plugin) => plugin.violations);
    assert.ok(violations.length > 0, JSON.stringify(report));
  });

  it('when the context names no Kafka cluster, it says which context to pass', () => {
    const error = contextError({});
    assert.equal(error.prop, '-c bootstrapServers');
    assert.match(error.message, /-c mskClusterArn=arn:aws:kafka:\.\.\. or -c bootstrapServers=host:9092/);
  });

  it('when a VPC is named without its subnets, it asks for them instead of looking them up', () => {
    assert.match(contextError({ bootstrapServers: 'b:9092', vpcId: 'vpc-1' }).message, /pass the subnets too \(-c subnetIds=/);
    assert.match(contextError({ bootstrapServers: 'b:9092', subnetIds: 'subnet-1' }).message, /need -c vpcId/);
  });

  it('when a context value is malformed, it names the key and the accepted values', () => {
    assert.match(contextError({ bootstrapServers: 'b:9092', removalPolicy: 'keep' }).message, /"keep" must be retain, snapshot or destroy/);
    assert.match(contextError({ bootstrapServers: 'b:9092', tls: 'yes' }).message, /"yes" must be true or false/);
    assert.match(contextError({ bootstrapServers: 'b:9092', saslMechanism: 'plain' }).message, /must be SCRAM-SHA-512 or SCRAM-SHA-256/);
    assert.match(contextError({ bootstrapServers: 'b:9092', provisionedPollers: '5' }).message, /"minimum,maximum"/);
    assert.match(contextError({ bootstrapServers: 'b:9092', saslSecretKeyArn: KEY }).message, /needs -c saslSecretArn/);
  });
});
