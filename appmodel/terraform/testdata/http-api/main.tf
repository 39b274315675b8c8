data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "api" {
  function_name = "http-handler"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_lambda_function" "auth" {
  function_name = "http-authorizer"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_apigatewayv2_api" "main" {
  name          = "main-api"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "dev" {
  api_id          = aws_apigatewayv2_api.main.id
  name            = "dev"
  stage_variables = { mode = "test" }
}

resource "aws_apigatewayv2_integration" "v1" {
  api_id           = aws_apigatewayv2_api.main.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.api.invoke_arn
}

resource "aws_apigatewayv2_integration" "v2" {
  api_id                 = aws_apigatewayv2_api.main.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_integration" "http_proxy" {
  api_id             = aws_apigatewayv2_api.main.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "https://example.invalid"
}

resource "aws_apigatewayv2_authorizer" "lambda" {
  api_id                            = aws_apigatewayv2_api.main.id
  name                              = "lambda-auth"
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.auth.invoke_arn
  identity_sources                  = ["$request.header.Authorization"]
  authorizer_payload_format_version = "2.0"
  enable_simple_responses           = true
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.main.id
  name             = "jwt-auth"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    audience = ["app"]
    issuer   = "https://issuer.invalid"
  }
}

resource "aws_apigatewayv2_route" "legacy" {
  api_id    = aws_apigatewayv2_api.main.id
  route_key = "GET /legacy"
  target    = "integrations/${aws_apigatewayv2_integration.v1.id}"
}

resource "aws_apigatewayv2_route" "items" {
  api_id             = aws_apigatewayv2_api.main.id
  route_key          = "POST /items/{id}"
  target             = "integrations/${aws_apigatewayv2_integration.v2.id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.lambda.id
}

resource "aws_apigatewayv2_route" "me" {
  api_id             = aws_apigatewayv2_api.main.id
  route_key          = "GET /me"
  target             = "integrations/${aws_apigatewayv2_integration.v2.id}"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["profile", "orders/read"]
}

resource "aws_apigatewayv2_route" "iam" {
  api_id             = aws_apigatewayv2_api.main.id
  route_key          = "ANY /admin/{proxy+}"
  target             = "integrations/${aws_apigatewayv2_integration.v2.id}"
  authorization_type = "AWS_IAM"
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.main.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.v2.id}"
}

resource "aws_apigatewayv2_route" "proxied" {
  api_id    = aws_apigatewayv2_api.main.id
  route_key = "GET /elsewhere"
  target    = "integrations/${aws_apigatewayv2_integration.http_proxy.id}"
}

resource "aws_apigatewayv2_api" "quick" {
  name          = "quick-api"
  protocol_type = "HTTP"
  target        = aws_lambda_function.api.arn
  route_key     = "GET /quick"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws-api"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

output "endpoint" {
  value = aws_apigatewayv2_stage.dev.invoke_url
}
