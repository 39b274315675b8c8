import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Directory of one handler under handlers/. */
function dir(name: string): string {
  return path.join(__dirname, '..', 'handlers', name);
}

/**
 * AuthAppStack guards one echo function, which answers with the
 * requestContext.authorizer it got, behind every kind of authorizer:
 * REST TOKEN, REQUEST and Cognito authorizers, HTTP API Lambda authorizers
 * (simple responses, policies with payload 1.0 and 2.0) and JWT
 * authorizers, and AWS_IAM on routes and a function URL.
 */
export class AuthAppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const node = (name: string, fnName: string, folder: string) =>
      new lambda.Function(this, name, {
        functionName: fnName,
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(dir(folder)),
      });
    const python = (name: string, fnName: string, folder: string) =>
      new lambda.Function(this, name, {
        functionName: fnName,
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'app.handler',
        code: lambda.Code.fromAsset(dir(folder)),
      });

    const echo = node('EchoFn', 'auth-echo', 'echo');
    const urlEcho = node('UrlEchoFn', 'auth-url-echo', 'echo');
    const tokenFn = node('TokenAuthFn', 'auth-token', 'token');
    const requestFn = python('RequestAuthFn', 'auth-request', 'request');
    const simpleFn = node('SimpleAuthFn', 'auth-simple', 'simple');
    const policyFn = python('PolicyAuthFn', 'auth-policy', 'policy');

    urlEcho.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    this.restApi(echo, tokenFn, requestFn);
    this.httpApi(echo, simpleFn, policyFn);
  }

  /** The REST API, stage "dev". */
  private restApi(echo: lambda.IFunction, tokenFn: lambda.IFunction, requestFn: lambda.IFunction) {
    const api = new apigw.RestApi(this, 'AuthRest', {
      restApiName: 'auth-rest',
      deployOptions: { stageName: 'dev' },
    });
    const target = new apigw.LambdaIntegration(echo);

    const token = new apigw.TokenAuthorizer(this, 'TokenAuth', {
      authorizerName: 'token-auth',
      handler: tokenFn,
      validationRegex: '^tok-[a-z-]+$',
      resultsCacheTtl: cdk.Duration.seconds(0),
    });
    const request = new apigw.RequestAuthorizer(this, 'RequestAuth', {
      authorizerName: 'request-auth',
      handler: requestFn,
      identitySources: [
        apigw.IdentitySource.header('X-User'),
        apigw.IdentitySource.queryString('key'),
      ],
      resultsCacheTtl: cdk.Duration.seconds(0),
    });
    const pool = new cognito.UserPool(this, 'Users', { userPoolName: 'auth-users' });
    const users = new apigw.CognitoUserPoolsAuthorizer(this, 'CognitoAuth', {
      authorizerName: 'cognito-auth',
      cognitoUserPools: [pool],
    });

    api.root.addResource('token').addMethod('GET', target, { authorizer: token });
    api.root.addResource('items').addResource('{id}').addMethod('GET', target, { authorizer: token });
    api.root.addResource('request').addMethod('GET', target, { authorizer: request });
    const cog = api.root.addResource('cognito');
    cog.addMethod('GET', target, { authorizer: users });
    cog.addResource('scoped').addMethod('GET', target, {
      authorizer: users,
      authorizationScopes: ['orders/read'],
    });
    api.root.addResource('iam').addMethod('GET', target, {
      authorizationType: apigw.AuthorizationType.IAM,
    });
    api.root.addResource('open').addMethod('GET', target);
  }

  /** The HTTP API, stage $default. */
  private httpApi(echo: lambda.IFunction, simpleFn: lambda.IFunction, policyFn: lambda.IFunction) {
    const api = new apigwv2.HttpApi(this, 'AuthHttp', { apiName: 'auth-http' });
    const v2 = new HttpLambdaIntegration('EchoV2', echo);
    const v1 = new HttpLambdaIntegration('EchoV1', echo, {
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
    });

    const simple = new authorizers.HttpLambdaAuthorizer('SimpleAuth', simpleFn, {
      authorizerName: 'simple-auth',
      responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: cdk.Duration.seconds(0),
    });
    // IAM policy answers with payload format 1.0 (CDK's choice for them).
    const policyV1 = new authorizers.HttpLambdaAuthorizer('PolicyAuth', policyFn, {
      authorizerName: 'policy-v1-auth',
      responseTypes: [authorizers.HttpLambdaResponseType.IAM],
      identitySource: ['$request.header.X-Token'],
      resultsCacheTtl: cdk.Duration.seconds(0),
    });
    // IAM policy answers with payload format 2.0: only the L1 shape says so.
    const policyV2 = new apigwv2.HttpAuthorizer(this, 'PolicyV2Auth', {
      httpApi: api,
      authorizerName: 'policy-v2-auth',
      type: apigwv2.HttpAuthorizerType.LAMBDA,
      identitySource: ['$request.header.X-Token'],
      payloadFormatVersion: apigwv2.AuthorizerPayloadVersion.VERSION_2_0,
      authorizerUri: `arn:aws:apigateway:${this.region}:lambda:path/2015-03-31/functions/${policyFn.functionArn}/invocations`,
      resultsCacheTtl: cdk.Duration.seconds(0),
    });
    const policyV2Ref = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'PolicyV2Ref', {
      authorizerId: policyV2.authorizerId,
      authorizerType: 'CUSTOM',
    });
    const jwt = new authorizers.HttpJwtAuthorizer('JwtAuth', 'https://issuer.example.test', {
      authorizerName: 'jwt-auth',
      jwtAudience: ['ldk-app'],
    });
    const iam = new authorizers.HttpIamAuthorizer();

    const route = (p: string, integration: HttpLambdaIntegration, extra: Partial<apigwv2.AddRoutesOptions> = {}) =>
      api.addRoutes({ path: p, methods: [apigwv2.HttpMethod.GET], integration, ...extra });
    route('/simple', v2, { authorizer: simple });
    route('/simple-v1', v1, { authorizer: simple });
    route('/policy', v2, { authorizer: policyV2Ref });
    route('/policy-v1', v1, { authorizer: policyV1 });
    route('/jwt', v2, { authorizer: jwt });
    route('/jwt/scoped', v2, { authorizer: jwt, authorizationScopes: ['orders/read'] });
    route('/jwt-v1', v1, { authorizer: jwt });
    route('/iam', v2, { authorizer: iam });
    route('/open', v2);
  }
}
