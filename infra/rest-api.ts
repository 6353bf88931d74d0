import { CfnOutput, type RemovalPolicy, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { InfraValidationError } from './errors.ts';

/** Props of {@link CopycatRestApi}. */
export interface CopycatRestApiProps {
  /** The REST API function (functions/rest-api/handler.ts). */
  readonly handler: lambda.IFunction;
  /**
   * The stage the API is deployed to: the last path segment of its URL (letters, digits, `-`, `_`).
   * @default 'v1'
   */
  readonly stageName?: string;
  /**
   * Steady-state requests per second the stage accepts (0 or more).
   * @default 50
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst of requests the stage accepts above the rate (0–5000).
   * @default 100
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Writes an access log per request to a log group of its own. API Gateway writes it with the
   * account's API Gateway CloudWatch role, which must be set once per account and region
   * (API Gateway console, Settings) before a deploy with this on.
   * @default false
   */
  readonly accessLogging?: boolean;
  /** How long access logs are kept, with `accessLogging`. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the access log group when it is removed. */
  readonly logRemovalPolicy: RemovalPolicy;
}

const STAGE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

/**
 * The Kafka Connect REST API on API Gateway: a regional REST API proxying every path and method
 * to the REST API function, every method authorized with IAM (SigV4; `execute-api:Invoke`
 * on the API is what a caller's policy grants). Its URL is the stack output `RestApiUrl`.
 */
export class CopycatRestApi extends Construct {
  readonly api: apigateway.LambdaRestApi;

  constructor(scope: Construct, id: string, props: CopycatRestApiProps) {
    super(scope, id);
    const stageName = props.stageName ?? 'v1';
    if (!Token.isUnresolved(stageName) && !STAGE_NAME.test(stageName))
      throw new InfraValidationError(this, 'stageName', `"${stageName}" must be 1–128 letters, digits, "-" or "_".`);
    const rate = props.throttlingRateLimit ?? 50;
    if (!Token.isUnresolved(rate) && !(rate >= 0))
      throw new InfraValidationError(this, 'throttlingRateLimit', `must be 0 or more, got ${rate}.`);
    const burst = props.throttlingBurstLimit ?? 100;
    if (!Token.isUnresolved(burst) && !(Number.isInteger(burst) && burst >= 0 && burst <= 5000))
      throw new InfraValidationError(this, 'throttlingBurstLimit', `must be a whole number from 0 to 5000, got ${burst}.`);

    const accessLogs = props.accessLogging
      ? new logs.LogGroup(this, 'AccessLogs', {
          retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
          removalPolicy: props.logRemovalPolicy,
        })
      : undefined;
    this.api = new apigateway.LambdaRestApi(this, 'Api', {
      handler: props.handler,
      proxy: true,
      description: 'Copycat: the Kafka Connect REST API',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: false,
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      deployOptions: {
        stageName,
        throttlingRateLimit: rate,
        throttlingBurstLimit: burst,
        metricsEnabled: true,
        ...(accessLogs === undefined
          ? {}
          : {
              accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
              accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
            }),
      },
    });
    new CfnOutput(this, 'RestApiUrl', {
      key: 'RestApiUrl',
      description: 'The Kafka Connect REST API (IAM authorization: sign requests with SigV4 for execute-api)',
      value: this.api.url,
    });
  }
}
