import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import type { KafkaConnectionPlan } from './kafka-connection.ts';

// The Kafka permissions of the functions' roles. With MSK IAM authentication every Kafka request is
// authorized against the role, so each function gets the kafka-cluster actions of what it does,
// on this cluster's topics and groups only: connectors pick their topics at run time, so topics
// are not narrowed further.

/** What a function does with Kafka. */
export type KafkaUse =
  /** Reads metadata only (topic listing for `topics.regex`). */
  | 'metadata'
  /** Produces records, idempotently, and creates the topics it writes to (source records, dead letters). */
  | 'produce'
  /** Consumes through a Lambda event source mapping, which runs as the function's role. */
  | 'consume';

/** The cluster, topic and group ARN patterns of an MSK cluster ARN (`...:cluster/<name>/<uuid>`). */
export function mskResourceArns(clusterArn: string): { cluster: string; topics: string; groups: string } {
  if (!Token.isUnresolved(clusterArn))
    return {
      cluster: clusterArn,
      topics: `${clusterArn.replace(':cluster/', ':topic/')}/*`,
      groups: `${clusterArn.replace(':cluster/', ':group/')}/*`,
    };
  const parts = Fn.split('/', clusterArn, 3);
  const prefix = Fn.select(0, Fn.split(':cluster', Fn.select(0, parts), 2));
  const suffix = `${Fn.select(1, parts)}/${Fn.select(2, parts)}/*`;
  return { cluster: clusterArn, topics: `${prefix}:topic/${suffix}`, groups: `${prefix}:group/${suffix}` };
}

const CLUSTER_ACTIONS: Record<KafkaUse, string[]> = {
  metadata: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
  produce: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:WriteDataIdempotently'],
  consume: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', 'kafka-cluster:DescribeClusterDynamicConfiguration'],
};
const TOPIC_ACTIONS: Record<KafkaUse, string[]> = {
  metadata: ['kafka-cluster:DescribeTopic'],
  produce: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData', 'kafka-cluster:CreateTopic'],
  consume: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
};
const GROUP_ACTIONS: Record<KafkaUse, string[]> = {
  metadata: [],
  produce: [],
  consume: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
};

/** The network actions Lambda's Kafka pollers need to reach brokers inside a VPC (MSK always is). */
const MAPPING_NETWORK_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeVpcs',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
];

/**
 * Grants a function's role what its Kafka uses need: the SCRAM secret, or (MSK IAM) the
 * kafka-cluster actions on the cluster's resources. For `consume`, also what Lambda checks on
 * the role when the reconciler creates a Kafka event source mapping on the function.
 */
export function grantKafka(
  role: iam.IRole,
  plan: KafkaConnectionPlan,
  uses: readonly KafkaUse[],
  options: { readonly mappingsInVpc?: boolean } = {},
): void {
  if (plan.secret !== undefined) {
    plan.secret.grantRead(role);
    // grantRead leaves out the key of an imported secret; MSK requires SCRAM secrets to use a
    // customer managed key, read through Secrets Manager only.
    const key = plan.secret.encryptionKey;
    if (key !== undefined)
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(role).region}.amazonaws.com` } },
        }),
      );
  }
  if (plan.mskClusterArn !== undefined && plan.authentication === 'iam') {
    const arns = mskResourceArns(plan.mskClusterArn);
    const actions = (table: Record<KafkaUse, string[]>) => [...new Set(uses.flatMap((use) => table[use]))];
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: actions(CLUSTER_ACTIONS), resources: [arns.cluster] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: actions(TOPIC_ACTIONS), resources: [arns.topics] }));
    const groupActions = actions(GROUP_ACTIONS);
    if (groupActions.length > 0) role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: groupActions, resources: [arns.groups] }));
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Connectors pick their topics (and sinks their consumer groups, connect-<name>) at run time, so the kafka-cluster actions are granted on the topics and groups of this one cluster, not narrowed further.',
          appliesTo: [{ regex: '/^Resource::.*:(topic|group)\\/.*\\/\\*$/' }],
        },
      ],
      true,
    );
  }
  if (!uses.includes('consume')) return;
  if (plan.mskClusterArn !== undefined)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'], resources: [plan.mskClusterArn] }),
    );
  if (plan.mskClusterArn !== undefined || options.mappingsInVpc === true) {
    // The pollers' network interfaces in the cluster's subnets: the Describe actions have no
    // resource-level permissions and Lambda checks the others against "*" when it creates the mapping.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: MAPPING_NETWORK_ACTIONS, resources: ['*'] }));
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "Lambda's Kafka pollers attach network interfaces in the cluster's subnets as the function's role: the ec2 Describe actions have no resource-level permissions, and Lambda checks the others against \"*\" when it creates the mapping.",
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }
}
