# HTTP API (payload 2.0): the chain of calls, a function error, a malformed
# result, the echo of an event and a function with one invocation at a time.

resource "aws_apigatewayv2_api" "http" {
  name          = "calls-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "fn" {
  for_each               = toset(["caller", "broken", "malformed"])
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn[each.key].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_integration" "echo" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn["echo"].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "fn" {
  for_each  = toset(["caller", "broken", "malformed"])
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /${each.key}"
  target    = "integrations/${aws_apigatewayv2_integration.fn[each.key].id}"
}

resource "aws_apigatewayv2_route" "echo" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "ANY /echo/{id}"
  target    = "integrations/${aws_apigatewayv2_integration.echo.id}"
}

resource "aws_apigatewayv2_integration" "gate" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.gate.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "gate" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /gate"
  target    = "integrations/${aws_apigatewayv2_integration.gate.id}"
}

# The echo again, with Terraform's default payload format: 1.0.
resource "aws_apigatewayv2_integration" "echo_v1" {
  api_id           = aws_apigatewayv2_api.http.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.fn["echo"].invoke_arn
}

resource "aws_apigatewayv2_route" "echo_v1" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /v1/echo/{id}"
  target    = "integrations/${aws_apigatewayv2_integration.echo_v1.id}"
}
