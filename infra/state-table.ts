import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { attributeDefinitions, keySchema } from '../shared/stores/dynamodb/table.ts';

/** Props of {@link CopycatStateTable}. */
export interface CopycatStateTableProps {
  /**
   * What happens to the table (and every connector config, offset and status in it) when it is
   * removed from the stack. With anything but DESTROY, deletion protection is on too.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * A customer managed KMS key to encrypt the table (and its stream) with.
   * @default - the AWS managed key `aws/dynamodb`
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * The one table holding every connector's config, tasks, offsets, statuses and leases (layout in
 * shared/stores/dynamodb/table.ts, whose key schema this reuses): on-demand, point-in-time
 * recovery, encrypted with KMS, and a NEW_AND_OLD_IMAGES stream the reconciler reads.
 */
export class CopycatStateTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CopycatStateTableProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: keyAttribute('HASH'),
      sortKey: keyAttribute('RANGE'),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      ...(props.encryptionKey === undefined
        ? { encryption: dynamodb.TableEncryption.AWS_MANAGED }
        : { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }),
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy,
      deletionProtection: removalPolicy !== RemovalPolicy.DESTROY,
    });
  }
}

const ATTRIBUTE_TYPES: Record<string, dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

/** The table's key attribute of the given role, as the stores define it. */
function keyAttribute(keyType: 'HASH' | 'RANGE'): dynamodb.Attribute {
  const name = keySchema.find((element) => element.KeyType === keyType)?.AttributeName;
  const type = attributeDefinitions.find((definition) => definition.AttributeName === name)?.AttributeType;
  const attributeType = type === undefined ? undefined : ATTRIBUTE_TYPES[type];
  if (name === undefined || attributeType === undefined)
    throw new Error(`shared/stores/dynamodb/table.ts defines no ${keyType} key with a known type; the table cannot be built.`);
  return { name, type: attributeType };
}
