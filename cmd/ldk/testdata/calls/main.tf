# A small Terraform app for ldk's end-to-end tests: a function that invokes
# another through the Lambda Invoke API ldk gives it in
# AWS_ENDPOINT_URL_LAMBDA, and functions whose failures the APIs must turn
# into API Gateway's error answers.

provider "aws" {
  region = "eu-west-1"
}

locals {
  functions = {
    caller    = { runtime = "nodejs20.x", handler = "index.handler" }
    callee    = { runtime = "python3.12", handler = "app.handler" }
    broken    = { runtime = "nodejs20.x", handler = "index.handler" }
    malformed = { runtime = "nodejs20.x", handler = "index.handler" }
    echo      = { runtime = "nodejs20.x", handler = "index.handler" }
  }
}

data "archive_file" "code" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/src/${each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}

resource "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = "calls-${each.key}"
  role          = "arn:aws:iam::123456789012:role/calls"
  runtime       = each.value.runtime
  handler       = each.value.handler
  filename      = data.archive_file.code[each.key].output_path
  timeout       = 10

  environment {
    variables = { CALLEE = "calls-callee" }
  }
}

data "archive_file" "gate" {
  type        = "zip"
  source_dir  = "${path.module}/src/gate"
  output_path = "${path.module}/build/gate.zip"
}

# One invocation at a time: the next one meanwhile is throttled.
resource "aws_lambda_function" "gate" {
  function_name                  = "calls-gate"
  role                           = "arn:aws:iam::123456789012:role/calls"
  runtime                        = "nodejs20.x"
  handler                        = "index.handler"
  filename                       = data.archive_file.gate.output_path
  timeout                        = 30
  reserved_concurrent_executions = 1
}

resource "aws_lambda_function_url" "echo" {
  function_name      = aws_lambda_function.fn["echo"].function_name
  authorization_type = "NONE"
}
