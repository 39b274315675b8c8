import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** Directory of one handler under functions/ (or of a layer under layers/). */
function dir(...parts: string[]): string {
  return path.join(__dirname, '..', ...parts);
}

/**
 * LdkExampleStack is the whole example: node and python functions behind an
 * HTTP API (payload 2.0), a REST API (stage `dev`) and a function URL; a node
 * layer; environment values that reference a table, a queue and another
 * function; and functions that fail, time out and answer in binary on
 * purpose. Nothing here needs Docker or a bundler: every function's code is a
 * plain directory.
 */
export class LdkExampleStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // Resources that functions only know by name or URL.
    const table = new dynamodb.Table(this, 'ItemsTable', {
      tableName: 'ldk-example-items',
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: cdk.RemovalPolicy.DESTROY,
    });
    const queue = new sqs.Queue(this, 'OrdersQueue');

    const greeting = new lambda.LayerVersion(this, 'GreetingLayer', {
      code: lambda.Code.fromAsset(dir('layers', 'greeting')),
      compatibleRuntimes: [lambda.Runtime.NODEJS_20_X],
      description: 'ldk-greeting: a node module the hello function loads from /opt/nodejs/node_modules',
    });

    const node = (name: string, folder: string, extra: Partial<lambda.FunctionProps> = {}) =>
      new lambda.Function(this, name, {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(dir('functions', folder)),
        ...extra,
      });
    const python = (name: string, folder: string, extra: Partial<lambda.FunctionProps> = {}) =>
      new lambda.Function(this, name, {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'app.handler',
        code: lambda.Code.fromAsset(dir('functions', folder)),
        ...extra,
      });

    // HTTP API functions.
    const hello = node('HelloFn', 'hello', { layers: [greeting] });
    const createItem = node('CreateItemFn', 'create-item', {
      memorySize: 256,
      timeout: cdk.Duration.seconds(10),
    });
    const getItem = python('GetItemFn', 'get-item', {
      environment: { TABLE_NAME: table.tableName },
    });
    const config = node('ConfigFn', 'config', {
      environment: {
        TABLE_NAME: table.tableName,
        QUEUE_URL: queue.queueUrl,
        ITEMS_FUNCTION: getItem.functionName,
        GREETING: 'hi',
      },
    });
    const boom = python('BoomFn', 'boom', { functionName: 'ldk-example-boom' });
    const slow = node('SlowFn', 'slow', { timeout: cdk.Duration.seconds(1) });
    const pixel = node('PixelFn', 'pixel');

    // REST API functions.
    const status = python('StatusFn', 'status', { memorySize: 256 });
    const search = python('SearchFn', 'search');
    const proxy = node('ProxyFn', 'proxy');

    // The function URL's function keeps a counter in module state.
    const counter = node('CounterFn', 'counter', { functionName: 'ldk-example-counter' });
    const counterUrl = counter.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    const http = new apigwv2.HttpApi(this, 'HttpApi', { apiName: 'ldk-example-http' });
    const routes: Array<[string, apigwv2.HttpMethod, lambda.IFunction]> = [
      ['/hello', apigwv2.HttpMethod.GET, hello],
      ['/items', apigwv2.HttpMethod.POST, createItem],
      ['/items/{id}', apigwv2.HttpMethod.GET, getItem],
      ['/config', apigwv2.HttpMethod.GET, config],
      ['/boom', apigwv2.HttpMethod.GET, boom],
      ['/slow', apigwv2.HttpMethod.GET, slow],
      ['/pixel', apigwv2.HttpMethod.GET, pixel],
    ];
    for (const [routePath, method, fn] of routes) {
      http.addRoutes({
        path: routePath,
        methods: [method],
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
      });
    }

    const rest = new apigw.RestApi(this, 'RestApi', {
      restApiName: 'ldk-example-rest',
      deployOptions: { stageName: 'dev' },
      cloudWatchRole: false,
    });
    rest.root.addResource('status').addMethod('GET', new apigw.LambdaIntegration(status));
    rest.root.addResource('search').addMethod('GET', new apigw.LambdaIntegration(search));
    rest.root
      .addResource('proxy')
      .addResource('{proxy+}')
      .addMethod('ANY', new apigw.LambdaIntegration(proxy));

    new cdk.CfnOutput(this, 'HttpApiUrl', { value: http.apiEndpoint });
    new cdk.CfnOutput(this, 'CounterUrl', { value: counterUrl.url });
  }
}
