# A small app whose handlers misbehave on request, for ldk's fault, load
# and input-limit tests. ldk reads it statically; nothing here is deployed.

terraform {
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.0" }
    archive = { source = "hashicorp/archive", version = "~> 2.4" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  functions = {
    node = {
      name    = "fault-node"
      runtime = "nodejs20.x"
      handler = "index.handler"
      timeout = 30
      env     = { GREETING = "hello", API_TOKEN = "tok-3f9a1c", DB_PASSWORD = "pw-77e0b2" }
    }
    py = {
      name    = "fault-py"
      runtime = "python3.12"
      handler = "app.handler"
      timeout = 30
      env     = { GREETING = "hi" }
    }
    # The node code again, with a short timeout for endless loops.
    spin = {
      name    = "fault-spin"
      runtime = "nodejs20.x"
      handler = "index.handler"
      timeout = 2
      env     = {}
    }
    # The node code again, with time to allocate 1.5 GB in a 128 MB function.
    mem = {
      name    = "fault-mem"
      runtime = "nodejs20.x"
      handler = "index.handler"
      timeout = 30
      env     = {}
    }
    stuck = {
      name    = "fault-stuck"
      runtime = "provided.al2023"
      handler = "bootstrap"
      timeout = 5
      env     = {}
    }
  }

  routes = {
    "GET /node"  = "node"
    "POST /node" = "node"
    "GET /py"    = "py"
    "POST /py"   = "py"
  }
}

data "archive_file" "code" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/src/${contains(["mem", "spin"], each.key) ? "node" : each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}

resource "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = each.value.name
  role          = "arn:aws:iam::123456789012:role/fault"
  runtime       = each.value.runtime
  handler       = each.value.handler
  memory_size   = 128
  timeout       = each.value.timeout
  filename      = data.archive_file.code[each.key].output_path

  environment {
    variables = each.value.env
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "faults"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "http" {
  for_each               = local.routes
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn[each.value].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http" {
  for_each  = local.routes
  api_id    = aws_apigatewayv2_api.http.id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.http[each.key].id}"
}
