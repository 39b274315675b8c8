#!/usr/bin/env node
// The CDK app of ldk's authorizer tests: one stack, AuthApp, pinned to a
// dummy account and region so that `cdk synth` needs no credentials.
import * as cdk from 'aws-cdk-lib';
import { AuthAppStack } from '../lib/authapp-stack';

const app = new cdk.App();
new AuthAppStack(app, 'AuthApp', {
  env: { account: '123456789012', region: 'us-east-1' },
  description: 'ldk authorizer tests: REST and HTTP API authorizers of every kind',
});
