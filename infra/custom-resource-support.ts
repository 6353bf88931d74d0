import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';

const ID = 'CopycatCustomResourceSupport';

/**
 * The role and log group of the stack's `AwsCustomResource` provider function (one per stack,
 * shared by every Copycat custom resource in it): the connectors' config items and the MSK
 * bootstrap broker lookup. Given explicitly so the provider gets no AWS managed policy and its
 * logs a retention; each custom resource adds only the calls it makes.
 */
export class CopycatCustomResourceSupport extends Construct {
  /** The one instance of the stack `scope` is in, created on first use. */
  static of(scope: IConstruct): CopycatCustomResourceSupport {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(ID) as CopycatCustomResourceSupport | undefined) ?? new CopycatCustomResourceSupport(stack, ID);
  }

  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copycat custom resources (connector config items, MSK bootstrap brokers)',
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    this.logGroup.grantWrite(this.role);
  }
}
