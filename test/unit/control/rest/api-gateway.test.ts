import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { fromProxyEvent, toProxyResult } from '../../../../shared/control/rest/api-gateway.ts';

describe('the API Gateway proxy events', () => {
  it('when a payload 2.0 event arrives on a named stage, it gives the path without the stage, repeated query values and the body', () => {
    // Prepare
    const event = {
      version: '2.0',
      rawPath: '/prod/connectors/a%2Fb/status',
      rawQueryString: 'expand=status&expand=info',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"x":1}').toString('base64'),
      isBase64Encoded: true,
      requestContext: { stage: 'prod', http: { method: 'GET' } },
    } as unknown as APIGatewayProxyEventV2;
    // Act
    const request = fromProxyEvent(event);
    // Assess
    assert.deepEqual(request, {
      method: 'GET',
      path: '/connectors/a%2Fb/status',
      query: { expand: ['status', 'info'] },
      headers: { 'content-type': 'application/json' },
      body: '{"x":1}',
    });
  });

  it('when a payload 1.0 event arrives through {proxy+}, it takes the proxy path and the multi-value query', () => {
    const event = {
      httpMethod: 'POST',
      path: '/base/connectors/in/restart',
      pathParameters: { proxy: 'connectors/in/restart' },
      queryStringParameters: { includeTasks: 'true' },
      multiValueQueryStringParameters: { includeTasks: ['true'] },
      headers: {},
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;
    assert.deepEqual(fromProxyEvent(event), {
      method: 'POST',
      path: '/connectors/in/restart',
      query: { includeTasks: 'true' },
      headers: {},
      body: undefined,
    });
  });

  it('when the router answers, the proxy result carries its status, headers and body', () => {
    assert.deepEqual(toProxyResult({ status: 404, headers: { 'content-type': 'application/json' }, body: '{}' }), {
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      isBase64Encoded: false,
    });
  });
});
