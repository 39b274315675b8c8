resource "aws_lambda_function" "fn" {
  function_name = "same-name"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "b"
  s3_key        = "k"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "same-api"
  protocol_type = "HTTP"
}
