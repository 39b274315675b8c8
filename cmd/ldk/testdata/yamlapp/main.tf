# A small Terraform app for the tests of ldk.yaml edits while ldk dev runs:
# three functions on one handler that counts its invocations, one of them
# with a timeout set by a variable ldk.yaml may give.

provider "aws" {
  region = "eu-west-1"
}

variable "slow_timeout" {
  type    = number
  default = 10
}

locals {
  timeouts = {
    echo  = 10
    count = 10
    slow  = var.slow_timeout
  }
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "fn" {
  for_each      = local.timeouts
  function_name = "cfg-${each.key}"
  role          = "arn:aws:iam::123456789012:role/cfg"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
  timeout       = each.value

  environment {
    variables = { GREETING = "hello" }
  }
}

resource "aws_apigatewayv2_api" "cfg" {
  name          = "cfg"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "cfg" {
  api_id      = aws_apigatewayv2_api.cfg.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "count" {
  api_id                 = aws_apigatewayv2_api.cfg.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn["count"].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "count" {
  api_id    = aws_apigatewayv2_api.cfg.id
  route_key = "GET /count"
  target    = "integrations/${aws_apigatewayv2_integration.count.id}"
}
