import { Fn, Token } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { KAFKA_ENV } from '../shared/kafka/connection-settings.ts';
import { InfraValidationError } from './errors.ts';

/**
 * The Kafka cluster Copycat connects to: an Amazon MSK cluster (IAM authentication, or SASL/SCRAM
 * with `saslScramSecret`), or a self-managed cluster by its bootstrap servers (optionally SASL/SCRAM,
 * optionally TLS). Exactly one of `mskClusterArn` and `bootstrapServers` is required, except that
 * an MSK cluster may also be given its bootstrap servers to skip the deploy-time lookup.
 */
export interface CopycatKafkaProps {
  /**
   * ARN of the Amazon MSK cluster (`arn:<partition>:kafka:<region>:<account>:cluster/<name>/<uuid>`).
   * Sink event source mappings read from it by ARN; the functions authenticate with IAM (their
   * roles get `kafka-cluster:*` grants scoped to this cluster), or with SCRAM when
   * `saslScramSecret` is set.
   * @default - none: a self-managed cluster, `bootstrapServers` required
   */
  readonly mskClusterArn?: string;
  /**
   * The brokers, `host:port` each (1 or more). For a self-managed cluster, required. For an MSK
   * cluster, the brokers of the authentication in use (port 9098 for IAM, 9096 for SCRAM).
   * @default - required without `mskClusterArn`; with it, looked up at deploy time (kafka:GetBootstrapBrokers)
   */
  readonly bootstrapServers?: readonly string[];
  /**
   * Secrets Manager secret holding `{"username": ..., "password": ...}` for SASL/SCRAM. Read by the
   * functions and by the sink event source mappings (through the sink function's role). For MSK the
   * secret must be encrypted with a customer managed key: import it with `encryptionKey` so the
   * roles may decrypt it.
   * @default - no SASL/SCRAM (MSK: IAM authentication; self-managed: no authentication)
   */
  readonly saslScramSecret?: secretsmanager.ISecret;
  /**
   * The SCRAM mechanism. MSK supports SCRAM-SHA-512 only.
   * @default 'SCRAM-SHA-512'
   */
  readonly saslMechanism?: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  /**
   * Whether the brokers are reached over TLS. MSK always uses TLS for IAM and SCRAM.
   * @default - true for MSK and for SCRAM, false otherwise (PLAINTEXT)
   */
  readonly tls?: boolean;
  /**
   * The Kafka client id of the functions' producers and admin clients (1–249 characters).
   * @default - the runtime's default ('copycat')
   */
  readonly clientId?: string;
}

/** The Kafka connection after validation: what the environment variables and the grants are made from. */
export interface KafkaConnectionPlan {
  readonly mskClusterArn: string | undefined;
  readonly authentication: 'iam' | 'scram' | 'none';
  readonly saslMechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | undefined;
  readonly secret: secretsmanager.ISecret | undefined;
  readonly securityProtocol: 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
  /** Comma-separated `host:port` list, or undefined when it is to be looked up (MSK only). */
  readonly bootstrapServers: string | undefined;
  readonly clientId: string | undefined;
}

const MSK_CLUSTER_ARN = /^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/;
const BROKER = /^(?:[^\s:/]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/;

/**
 * Validates the Kafka props (unresolved tokens are taken as they come) and works out the security
 * protocol and authentication the runtime will use.
 * @throws InfraValidationError naming the prop to change.
 */
export function planKafkaConnection(scope: IConstruct, props: CopycatKafkaProps): KafkaConnectionPlan {
  const fail = (prop: string, message: string): never => {
    throw new InfraValidationError(scope, `kafka.${prop}`, message);
  };
  const { mskClusterArn, bootstrapServers, saslScramSecret } = props;
  if (mskClusterArn === undefined && bootstrapServers === undefined)
    fail(
      'mskClusterArn',
      'set either mskClusterArn (Amazon MSK) or bootstrapServers (a self-managed cluster): Copycat needs a Kafka cluster.',
    );
  if (mskClusterArn !== undefined && !Token.isUnresolved(mskClusterArn) && !MSK_CLUSTER_ARN.test(mskClusterArn))
    fail('mskClusterArn', `"${mskClusterArn}" is not an MSK cluster ARN (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>).`);
  if (bootstrapServers !== undefined && !Token.isUnresolved(bootstrapServers)) {
    if (bootstrapServers.length === 0) fail('bootstrapServers', 'list at least one broker as host:port.');
    for (const broker of bootstrapServers)
      if (!Token.isUnresolved(broker) && !BROKER.test(broker)) fail('bootstrapServers', `"${broker}" is not host:port.`);
  }
  const msk = mskClusterArn !== undefined;
  const scram = saslScramSecret !== undefined;
  if (props.saslMechanism !== undefined && !scram)
    fail('saslMechanism', `is ${props.saslMechanism} but saslScramSecret is not set: SCRAM needs the secret with the credentials.`);
  const saslMechanism = scram ? (props.saslMechanism ?? 'SCRAM-SHA-512') : undefined;
  if (msk && saslMechanism === 'SCRAM-SHA-256') fail('saslMechanism', 'Amazon MSK supports SCRAM-SHA-512 only.');
  const tls = props.tls ?? (msk || scram);
  if (msk && !tls) fail('tls', 'Amazon MSK authenticates (IAM or SCRAM) over TLS only; leave tls unset or true.');
  const clientId = props.clientId;
  if (clientId !== undefined && !Token.isUnresolved(clientId) && (clientId.length === 0 || clientId.length > 249))
    fail('clientId', `must be 1–249 characters, got ${clientId.length}.`);
  const authentication = scram ? 'scram' : msk ? 'iam' : 'none';
  return {
    mskClusterArn,
    authentication,
    saslMechanism,
    secret: saslScramSecret,
    securityProtocol: authentication === 'none' ? (tls ? 'SSL' : 'PLAINTEXT') : tls ? 'SASL_SSL' : 'SASL_PLAINTEXT',
    bootstrapServers:
      bootstrapServers === undefined
        ? undefined
        : Token.isUnresolved(bootstrapServers)
          ? Fn.join(',', [...bootstrapServers]) // a list token: only Fn::Join can join it
          : bootstrapServers.join(','),
    clientId,
  };
}

/**
 * The Kafka client's environment (shared/kafka/connection-settings.ts reads it) for the given
 * bootstrap servers (a literal list, or the deploy-time lookup's token).
 */
export function kafkaClientEnvironment(plan: KafkaConnectionPlan, bootstrapServers: string): Record<string, string> {
  const mechanism = plan.authentication === 'iam' ? 'AWS_MSK_IAM' : plan.saslMechanism;
  return {
    [KAFKA_ENV.bootstrapServers]: bootstrapServers,
    [KAFKA_ENV.securityProtocol]: plan.securityProtocol,
    ...(mechanism === undefined ? {} : { [KAFKA_ENV.saslMechanism]: mechanism }),
    ...(plan.secret === undefined ? {} : { [KAFKA_ENV.saslSecretId]: plan.secret.secretArn }),
    ...(plan.clientId === undefined ? {} : { [KAFKA_ENV.clientId]: plan.clientId }),
  };
}

/**
 * The cluster part of the control plane's environment (shared/control/aws/aws-control-plane.ts):
 * how the reconciler creates sink event source mappings. A self-managed cluster is named by
 * KAFKA_BOOTSTRAP_SERVERS and KAFKA_SASL_MECHANISM, which the client environment already holds.
 */
export function mappingClusterEnvironment(
  plan: KafkaConnectionPlan,
  network: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] } | undefined,
): Record<string, string> {
  const secret: Record<string, string> = plan.secret === undefined ? {} : { COPYCAT_ESM_SASL_SECRET_ARN: plan.secret.secretArn };
  if (plan.mskClusterArn !== undefined) return { COPYCAT_MSK_CLUSTER_ARN: plan.mskClusterArn, ...secret };
  return {
    ...secret,
    ...(network === undefined
      ? {}
      : {
          COPYCAT_ESM_SUBNET_IDS: network.subnetIds.join(','),
          COPYCAT_ESM_SECURITY_GROUP_IDS: network.securityGroupIds.join(','),
        }),
  };
}
