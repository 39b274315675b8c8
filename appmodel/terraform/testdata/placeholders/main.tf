resource "aws_kms_key" "k" {
  description = "key"
}

resource "aws_lambda_function" "fn" {
  function_name = "ph"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  s3_bucket     = "b"
  s3_key        = "k"
  environment {
    variables = {
      KEY_ARN   = aws_kms_key.k.arn
      KEY_AGAIN = aws_kms_key.k.arn
      KEY_ID    = aws_kms_key.k.key_id
      DESC      = aws_kms_key.k.description
    }
  }
}
