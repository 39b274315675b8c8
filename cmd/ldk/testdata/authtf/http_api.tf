# HTTP API, stage $default: GET /simple behind a Lambda authorizer with
# simple responses (payload 2.0), GET /policy-v1 behind a policy authorizer
# (payload 1.0) with a payload 1.0 integration, GET /jwt behind a JWT
# authorizer.

resource "aws_apigatewayv2_api" "http" {
  name          = "authtf-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_integration" "echo" {
  for_each               = toset(["1.0", "2.0"])
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn["echo"].invoke_arn
  payload_format_version = each.key
}

resource "aws_apigatewayv2_authorizer" "simple" {
  api_id                            = aws_apigatewayv2_api.http.id
  name                              = "simple-auth"
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.fn["simple"].invoke_arn
  identity_sources                  = ["$request.header.Authorization"]
  authorizer_payload_format_version = "2.0"
  enable_simple_responses           = true
}

resource "aws_apigatewayv2_authorizer" "policy" {
  api_id                            = aws_apigatewayv2_api.http.id
  name                              = "policy-v1-auth"
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.fn["policy"].invoke_arn
  identity_sources                  = ["$request.header.X-Token"]
  authorizer_payload_format_version = "1.0"
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "jwt-auth"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://issuer.example.test"
    audience = ["ldk-app"]
  }
}

resource "aws_apigatewayv2_route" "simple" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /simple"
  target             = "integrations/${aws_apigatewayv2_integration.echo["2.0"].id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.simple.id
}

resource "aws_apigatewayv2_route" "policy" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /policy-v1"
  target             = "integrations/${aws_apigatewayv2_integration.echo["1.0"].id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.policy.id
}

resource "aws_apigatewayv2_route" "jwt" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /jwt"
  target               = "integrations/${aws_apigatewayv2_integration.echo["2.0"].id}"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["orders/read"]
}
