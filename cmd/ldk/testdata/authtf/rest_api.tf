# REST API, stage "dev": GET /token behind a TOKEN authorizer, GET
# /request behind a REQUEST authorizer.

resource "aws_api_gateway_rest_api" "rest" {
  name = "authtf-rest"
}

resource "aws_api_gateway_authorizer" "token" {
  name                             = "token-auth"
  rest_api_id                      = aws_api_gateway_rest_api.rest.id
  authorizer_uri                   = aws_lambda_function.fn["token"].invoke_arn
  identity_validation_expression   = "^tok-[a-z-]+$"
  authorizer_result_ttl_in_seconds = 0
}

resource "aws_api_gateway_authorizer" "request" {
  name                             = "request-auth"
  rest_api_id                      = aws_api_gateway_rest_api.rest.id
  type                             = "REQUEST"
  authorizer_uri                   = aws_lambda_function.fn["request"].invoke_arn
  identity_source                  = "method.request.header.X-User,method.request.querystring.key"
  authorizer_result_ttl_in_seconds = 0
}

locals {
  guarded = {
    token   = aws_api_gateway_authorizer.token.id
    request = aws_api_gateway_authorizer.request.id
  }
}

resource "aws_api_gateway_resource" "guarded" {
  for_each    = local.guarded
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = each.key
}

resource "aws_api_gateway_method" "guarded" {
  for_each      = local.guarded
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  resource_id   = aws_api_gateway_resource.guarded[each.key].id
  http_method   = "GET"
  authorization = "CUSTOM"
  authorizer_id = each.value
}

resource "aws_api_gateway_integration" "guarded" {
  for_each                = local.guarded
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.guarded[each.key].id
  http_method             = aws_api_gateway_method.guarded[each.key].http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.fn["echo"].invoke_arn
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  depends_on  = [aws_api_gateway_integration.guarded]
}

resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "dev"
}
