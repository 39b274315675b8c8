#!/usr/bin/env node
// The CDK app: one stack, LdkExample, pinned to a dummy account and region so
// that `cdk synth` needs no credentials and makes no lookups.
import * as cdk from 'aws-cdk-lib';
import { LdkExampleStack } from '../lib/ldk-example-stack';

const app = new cdk.App();
new LdkExampleStack(app, 'LdkExample', {
  env: { account: '123456789012', region: 'us-east-1' },
  description: 'ldk example: HTTP API, REST API, function URL, layer, node and python functions',
});
