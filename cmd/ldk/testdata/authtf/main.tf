# The Terraform twin of ../authapp: the same handlers behind a REST API
# with a TOKEN and a REQUEST authorizer, and an HTTP API with a Lambda
# authorizer (simple responses, payload 2.0), a policy authorizer (payload
# 1.0) and a JWT authorizer.

provider "aws" {
  region = "eu-west-1"
}

locals {
  functions = {
    echo    = { runtime = "nodejs20.x", handler = "index.handler" }
    token   = { runtime = "nodejs20.x", handler = "index.handler" }
    request = { runtime = "python3.12", handler = "app.handler" }
    simple  = { runtime = "nodejs20.x", handler = "index.handler" }
    policy  = { runtime = "python3.12", handler = "app.handler" }
  }
}

data "archive_file" "code" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/../authapp/handlers/${each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}

resource "aws_lambda_function" "fn" {
  for_each      = local.functions
  function_name = "authtf-${each.key}"
  role          = "arn:aws:iam::123456789012:role/authtf"
  runtime       = each.value.runtime
  handler       = each.value.handler
  filename      = data.archive_file.code[each.key].output_path
}
