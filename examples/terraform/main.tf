# The Terraform twin of ../cdk: the same functions (the very same handler
# directories), the same HTTP API, REST API, function URL and layer, so the
# same HTTP calls get the same answers. ldk reads it statically
# (`ldk dev --tf examples/terraform`); nothing here needs `terraform init`.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.0" }
    archive = { source = "hashicorp/archive", version = "~> 2.4" }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  handlers = "${path.module}/../cdk/functions"

  # Every function is named as ldk names its CDK twin (the explicit name, else
  # "<stack>-<logicalId>"), so answers that carry a function name match.
  functions = {
    hello = {
      name    = "LdkExample-HelloFn7942DF23"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = [aws_lambda_layer_version.greeting.arn]
    }
    "create-item" = {
      name    = "LdkExample-CreateItemFn77CDFD57"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 256
      timeout = 10
      env     = {}
      layers  = []
    }
    "get-item" = {
      name    = "LdkExample-GetItemFn485F5506"
      runtime = "python3.12"
      handler = "app.handler"
      memory  = 128
      timeout = 3
      env     = { TABLE_NAME = aws_dynamodb_table.items.name }
      layers  = []
    }
    boom = {
      name    = "ldk-example-boom"
      runtime = "python3.12"
      handler = "app.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = []
    }
    slow = {
      name    = "LdkExample-SlowFn5557DA41"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 128
      timeout = 1
      env     = {}
      layers  = []
    }
    pixel = {
      name    = "LdkExample-PixelFnECF74BE5"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = []
    }
    status = {
      name    = "LdkExample-StatusFn561E8298"
      runtime = "python3.12"
      handler = "app.handler"
      memory  = 256
      timeout = 3
      env     = {}
      layers  = []
    }
    search = {
      name    = "LdkExample-SearchFn5B9EF551"
      runtime = "python3.12"
      handler = "app.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = []
    }
    proxy = {
      name    = "LdkExample-ProxyFn0105D3E4"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = []
    }
    counter = {
      name    = "ldk-example-counter"
      runtime = "nodejs20.x"
      handler = "index.handler"
      memory  = 128
      timeout = 3
      env     = {}
      layers  = []
    }
  }

  # Every function by its handler directory, the config function included
  # (it is a resource of its own because its environment names another
  # function of aws_lambda_function.fn).
  lambdas = merge(aws_lambda_function.fn, { config = aws_lambda_function.config })
}

data "archive_file" "code" {
  for_each    = toset(concat(keys(local.functions), ["config"]))
  type        = "zip"
  source_dir  = "${local.handlers}/${each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}

resource "aws_iam_role" "lambda" {
  name = "ldk-example-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "fn" {
  for_each         = local.functions
  function_name    = each.value.name
  role             = aws_iam_role.lambda.arn
  runtime          = each.value.runtime
  handler          = each.value.handler
  memory_size      = each.value.memory
  timeout          = each.value.timeout
  filename         = data.archive_file.code[each.key].output_path
  source_code_hash = data.archive_file.code[each.key].output_base64sha256
  layers           = each.value.layers

  dynamic "environment" {
    for_each = length(each.value.env) > 0 ? [each.value.env] : []
    content {
      variables = environment.value
    }
  }
}

resource "aws_lambda_function" "config" {
  function_name    = "LdkExample-ConfigFn0355CC23"
  role             = aws_iam_role.lambda.arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = data.archive_file.code["config"].output_path
  source_code_hash = data.archive_file.code["config"].output_base64sha256

  environment {
    variables = {
      TABLE_NAME     = aws_dynamodb_table.items.name
      QUEUE_URL      = aws_sqs_queue.orders.url
      ITEMS_FUNCTION = aws_lambda_function.fn["get-item"].function_name
      GREETING       = "hi"
    }
  }
}
