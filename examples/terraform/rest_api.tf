# The REST API, stage "dev": GET /status, GET /search and ANY /proxy/{proxy+},
# each a Lambda proxy integration.

resource "aws_api_gateway_rest_api" "rest" {
  name = "ldk-example-rest"
}

resource "aws_api_gateway_resource" "status" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = "status"
}

resource "aws_api_gateway_resource" "search" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = "search"
}

resource "aws_api_gateway_resource" "proxy" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = "proxy"
}

resource "aws_api_gateway_resource" "proxy_greedy" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_resource.proxy.id
  path_part   = "{proxy+}"
}

locals {
  # Method => where it hangs and the handler directory of its function.
  rest_methods = {
    status = { resource_id = aws_api_gateway_resource.status.id, http_method = "GET", function = "status" }
    search = { resource_id = aws_api_gateway_resource.search.id, http_method = "GET", function = "search" }
    proxy  = { resource_id = aws_api_gateway_resource.proxy_greedy.id, http_method = "ANY", function = "proxy" }
  }
}

resource "aws_api_gateway_method" "rest" {
  for_each      = local.rest_methods
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  resource_id   = each.value.resource_id
  http_method   = each.value.http_method
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "rest" {
  for_each                = local.rest_methods
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_method.rest[each.key].resource_id
  http_method             = aws_api_gateway_method.rest[each.key].http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = local.lambdas[each.value.function].invoke_arn
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.rest.id

  triggers = {
    redeployment = filesha256("${path.module}/rest_api.tf")
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [aws_api_gateway_integration.rest]
}

resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "dev"
}

resource "aws_lambda_permission" "rest" {
  for_each      = local.rest_methods
  statement_id  = "AllowRestApi"
  action        = "lambda:InvokeFunction"
  function_name = local.lambdas[each.value.function].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.rest.execution_arn}/*/*"
}
