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

resource "aws_kms_key" "many" {
  count       = 2
  description = "key ${count.index}"
}

resource "aws_lambda_function" "splat" {
  function_name = "splat"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  s3_bucket     = "b"
  s3_key        = "k"
  environment {
    variables = {
      KEYS  = join(",", aws_kms_key.many[*].key_id)
      DESCS = join(",", aws_kms_key.many[*].description)
    }
  }
}
