# Authorizers ldk cannot run as written: one invokes a function that is
# not in the configuration and validates tokens with a lookahead, one names
# no function at all.
data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "items" {
  function_name = "guarded-items"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_api_gateway_rest_api" "guarded" {
  name = "guarded"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.guarded.id
  parent_id   = aws_api_gateway_rest_api.guarded.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_authorizer" "gone" {
  name           = "gone-auth"
  rest_api_id    = aws_api_gateway_rest_api.guarded.id
  authorizer_uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:gone-fn/invocations"

  identity_validation_expression = "^(?!deny)tok-.*$"
}

resource "aws_api_gateway_method" "list" {
  rest_api_id   = aws_api_gateway_rest_api.guarded.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.gone.id
}

resource "aws_api_gateway_integration" "list" {
  rest_api_id             = aws_api_gateway_rest_api.guarded.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.list.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "nofn" {
  api_id           = aws_apigatewayv2_api.orders.id
  authorizer_type  = "REQUEST"
  name             = "nofn-auth"
  identity_sources = ["$request.header.X-User"]
}

resource "aws_apigatewayv2_integration" "items" {
  api_id                 = aws_apigatewayv2_api.orders.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.items.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "items" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "GET /items"
  target             = "integrations/${aws_apigatewayv2_integration.items.id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.nofn.id
}
