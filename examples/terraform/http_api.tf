# The HTTP API: one Lambda proxy integration per route, payload format 2.0
# (Terraform's default is 1.0; CDK's, which the twin uses, is 2.0).

locals {
  # Route key => the handler directory of the function behind it.
  http_routes = {
    "GET /hello"      = "hello"
    "POST /items"     = "create-item"
    "GET /items/{id}" = "get-item"
    "GET /config"     = "config"
    "GET /boom"       = "boom"
    "GET /slow"       = "slow"
    "GET /pixel"      = "pixel"
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "ldk-example-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "http" {
  for_each               = local.http_routes
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = local.lambdas[each.value].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "http" {
  for_each  = local.http_routes
  api_id    = aws_apigatewayv2_api.http.id
  route_key = each.key
  target    = "integrations/${aws_apigatewayv2_integration.http[each.key].id}"
}

resource "aws_lambda_permission" "http" {
  for_each      = toset(values(local.http_routes))
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = local.lambdas[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
