import { CfnOutput, type RemovalPolicy, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
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
   * Writes an access log per request to a log group of its own, and the stage's execution logs
   * of failed requests (log level ERROR). API Gateway writes both with the account's API Gateway
   * CloudWatch role, which must be set once per account and region (API Gateway console,
   * Settings) before a deploy with this on.
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
              loggingLevel: apigateway.MethodLoggingLevel.ERROR,
            }),
      },
    });
    this.suppressNagFindings(accessLogs !== undefined);
    new CfnOutput(this, 'RestApiUrl', {
      key: 'RestApiUrl',
      description: 'The Kafka Connect REST API (IAM authorization: sign requests with SigV4 for execute-api)',
      value: this.api.url,
    });
  }

  /** The cdk-nag AwsSolutions findings this API keeps by design, each with why. */
  private suppressNagFindings(logging: boolean): void {
    NagSuppressions.addResourceSuppressions(
      this.api,
      [
        {
          id: 'AwsSolutions-COG4',
          reason:
            'Every method uses IAM authorization (SigV4): the callers are operators and tools with AWS credentials granted execute-api:Invoke, so there is no Cognito user pool to authorize against.',
        },
        {
          id: 'AwsSolutions-APIG2',
          reason:
            'The API proxies every path to the REST API function, which validates each request (path, query and connector config body) as the Kafka Connect REST API does and answers 400 with the error; a gateway validator has no model of a proxied request to check.',
        },
        {
          id: 'AwsSolutions-APIG3',
          reason:
            'The API is regional, IAM-authorized and throttled at the stage; a WAF web ACL is an account-level choice that the platform team can associate with the stage, so none is created here.',
        },
      ],
      true,
    );
    if (!logging)
      NagSuppressions.addResourceSuppressions(
        this.api.deploymentStage,
        [
          {
            id: 'AwsSolutions-APIG1',
            reason:
              'Access logging is opt-in (the accessLogging prop): API Gateway writes the logs with the account-wide CloudWatch role, which must be set once per account and region before a deploy, so it cannot be on by default.',
          },
          {
            id: 'AwsSolutions-APIG6',
            reason:
              'Execution logging is opt-in with access logging (the accessLogging prop), for the same account-wide CloudWatch role; the stage publishes its metrics either way.',
          },
        ],
        true,
      );
  }
}
