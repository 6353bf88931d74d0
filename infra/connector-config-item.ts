import { Annotations, Token } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IDependable } from 'constructs';
import type { TargetState } from '../shared/stores/config-store.ts';
import { configItem } from '../shared/stores/dynamodb/config-item.ts';
import { partitionKeyName, sortKeyName } from '../shared/stores/dynamodb/table.ts';
import { CopycatCustomResourceSupport } from './custom-resource-support.ts';

/** Props of {@link ConnectorConfigItem}. */
export interface ConnectorConfigItemProps {
  /** The platform's state table. */
  readonly table: dynamodb.ITable;
  /** The connector name. */
  readonly name: string;
  /** The connector config (flat string map, `name` included). */
  readonly config: Readonly<Record<string, string>>;
  /** The target state to write. @default - STARTED for a new connector, unchanged for an existing one */
  readonly targetState?: TargetState;
  /** Written only after this exists (the reconciler's stream mapping). @default - no extra dependency */
  readonly after?: IDependable;
}

/** Keys whose literal values would sit in the CloudFormation template in clear. */
const SECRET_KEY = /(password|secret|credentials?|token|api\.?key)$/i;

/**
 * A connector's config item in the state table, written at deploy time by a custom resource
 * (`AwsCustomResource`: one DynamoDB call each way, no code of its own) and deleted when the
 * construct is removed. The item is the one the config store reads (shared/stores/dynamodb/config-item.ts):
 * `name`, `config` (map of strings), `targetState` and `version`, which every write bumps so that
 * writers holding an older version (REST API, CLI) see a conflict. Like any config write it
 * reaches the reconciler through the table stream.
 */
export class ConnectorConfigItem extends Construct {
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: ConnectorConfigItemProps) {
    super(scope, id);
    for (const [key, value] of Object.entries(props.config))
      if (SECRET_KEY.test(key) && !Token.isUnresolved(value) && value !== '')
        Annotations.of(this).addWarningV2(
          'copycat:connectorSecretInTemplate',
          `Connector ${props.name}: "${key}" is a literal, so it is stored in the CloudFormation template in clear. Pass a token (e.g. from SSM or Secrets Manager) or write this connector through the REST API.`,
        );

    const write = connectorConfigWrite(props.table.tableName, props.name, props.config, props.targetState);
    const support = CopycatCustomResourceSupport.of(this);
    this.resource = new cr.AwsCustomResource(this, 'Resource', {
      resourceType: 'Custom::CopycatConnectorConfig',
      onCreate: write,
      onUpdate: write,
      onDelete: {
        service: 'DynamoDB',
        action: 'deleteItem',
        parameters: { TableName: props.table.tableName, Key: write.parameters.Key },
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'], resources: [props.table.tableArn] }),
      ]),
      role: support.role,
      logGroup: support.logGroup,
      installLatestAwsSdk: false,
    });
    props.table.encryptionKey?.grantEncryptDecrypt(support.role);
    if (props.after !== undefined) this.resource.node.addDependency(props.after);
  }
}

/** The UpdateItem call that writes (creates or replaces) the connector's config item. */
export function connectorConfigWrite(
  tableName: string,
  name: string,
  config: Readonly<Record<string, string>>,
  targetState: TargetState | undefined,
): cr.AwsSdkCall & { parameters: { Key: Record<string, unknown> } } {
  // The attribute values come from the store's own item builder, so the format cannot drift.
  const item = configItem({
    name,
    config: { ...config },
    targetState: targetState ?? 'STARTED',
    version: 0,
    createdAt: undefined,
    updatedAt: undefined,
  });
  return {
    service: 'DynamoDB',
    action: 'updateItem',
    parameters: {
      TableName: tableName,
      Key: { [partitionKeyName]: item[partitionKeyName], [sortKeyName]: item[sortKeyName] },
      // An update, not a put: the version is bumped (1 on create) and createdAt, written by a REST
      // create before the connector moved into code, is kept.
      UpdateExpression: `SET #name = :name, #config = :config, #targetState = ${
        targetState === undefined ? 'if_not_exists(#targetState, :targetState)' : ':targetState'
      } ADD #version :one`,
      ExpressionAttributeNames: { '#name': 'name', '#config': 'config', '#targetState': 'targetState', '#version': 'version' },
      ExpressionAttributeValues: { ':name': item.name, ':config': item.config, ':targetState': item.targetState, ':one': { N: '1' } },
    },
    physicalResourceId: cr.PhysicalResourceId.of(`${item[partitionKeyName]?.S}`),
  };
}
