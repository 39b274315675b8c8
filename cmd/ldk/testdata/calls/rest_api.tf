# REST API (payload 1.0), stage "v1": a function error, a malformed result
# and the echo of an event.

resource "aws_api_gateway_rest_api" "rest" {
  name = "calls-rest"
}

resource "aws_api_gateway_resource" "fn" {
  for_each    = toset(["broken", "malformed", "echo"])
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = each.key
}

resource "aws_api_gateway_method" "fn" {
  for_each      = toset(["broken", "malformed", "echo"])
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  resource_id   = aws_api_gateway_resource.fn[each.key].id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "fn" {
  for_each                = toset(["broken", "malformed", "echo"])
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.fn[each.key].id
  http_method             = aws_api_gateway_method.fn[each.key].http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.fn[each.key].invoke_arn
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  depends_on  = [aws_api_gateway_integration.fn]
}

resource "aws_api_gateway_stage" "v1" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "v1"
  variables     = { color = "blue" }
}
