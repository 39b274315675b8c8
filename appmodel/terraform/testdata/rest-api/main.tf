data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "items" {
  function_name = "rest-items"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_lambda_function" "auth" {
  function_name = "rest-auth"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_api_gateway_rest_api" "shop" {
  name               = "shop"
  binary_media_types = ["image/*", "application/octet-stream"]
}

# Declared before their parents on purpose: paths are rebuilt through parent_id.
resource "aws_api_gateway_resource" "item" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_resource.items.id
  path_part   = "{itemId}"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_authorizer" "token" {
  name           = "token-auth"
  rest_api_id    = aws_api_gateway_rest_api.shop.id
  authorizer_uri = aws_lambda_function.auth.invoke_arn

  identity_validation_expression = "^Bearer [-0-9a-zA-Z._]+$"
}

resource "aws_api_gateway_method" "list" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "list" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.items.id
  http_method             = aws_api_gateway_method.list.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_api_gateway_method" "item" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.item.id
  http_method   = "ANY"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.token.id
}

resource "aws_api_gateway_integration" "item" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.item.id
  http_method             = aws_api_gateway_method.item.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_api_gateway_method" "root" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_rest_api.shop.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "root" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  resource_id = aws_api_gateway_rest_api.shop.root_resource_id
  http_method = aws_api_gateway_method.root.http_method
  type        = "MOCK"
}

resource "aws_cognito_user_pool" "users" {
  name = "shop-users"
}

resource "aws_api_gateway_authorizer" "users" {
  name          = "users-auth"
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = [aws_cognito_user_pool.users.arn]
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  parent_id   = aws_api_gateway_rest_api.shop.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "orders" {
  rest_api_id          = aws_api_gateway_rest_api.shop.id
  resource_id          = aws_api_gateway_resource.orders.id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.users.id
  authorization_scopes = ["orders/read"]
}

resource "aws_api_gateway_integration" "orders" {
  rest_api_id             = aws_api_gateway_rest_api.shop.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.orders.http_method
  integration_http_method = "POST"
  type                    = "AWS_PROXY"
  uri                     = aws_lambda_function.items.invoke_arn
}

resource "aws_api_gateway_deployment" "shop" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  deployment_id = aws_api_gateway_deployment.shop.id
  stage_name    = "prod"
  variables     = { color = "blue" }
}

resource "aws_api_gateway_rest_api" "openapi" {
  name = "from-openapi"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "from-openapi", version = "1" }

    "x-amazon-apigateway-binary-media-types" = ["application/pdf"]
    paths = {
      "/hello" = {
        get = {
          "x-amazon-apigateway-integration" = {
            type       = "aws_proxy"
            httpMethod = "POST"
            uri        = aws_lambda_function.items.invoke_arn
          }
        }
      }
      "/{proxy+}" = {
        x-amazon-apigateway-any-method = {
          "x-amazon-apigateway-integration" = {
            type       = "AWS_PROXY"
            httpMethod = "POST"
            uri        = aws_lambda_function.items.invoke_arn
          }
        }
      }
      "/mocked" = {
        post = {
          "x-amazon-apigateway-integration" = { type = "mock" }
        }
      }
    }
  })
}

resource "aws_api_gateway_deployment" "openapi" {
  rest_api_id = aws_api_gateway_rest_api.openapi.id
  stage_name  = "v1"
}

# A CORS preflight answered by a MOCK integration.
resource "aws_api_gateway_method" "items_options" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "items_options" {
  rest_api_id       = aws_api_gateway_rest_api.shop.id
  resource_id       = aws_api_gateway_resource.items.id
  http_method       = aws_api_gateway_method.items_options.http_method
  type              = "MOCK"
  request_templates = { "application/json" = "{\"statusCode\": 200}" }
}

resource "aws_api_gateway_integration_response" "items_options" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  resource_id = aws_api_gateway_resource.items.id
  http_method = aws_api_gateway_method.items_options.http_method
  status_code = "204"
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin"  = "'*'"
    "method.response.header.Access-Control-Allow-Methods" = "'OPTIONS,GET'"
  }
}
