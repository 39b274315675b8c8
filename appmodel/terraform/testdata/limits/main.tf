data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "zero" {
  function_name = "zero"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
  timeout       = 0
  memory_size   = 99999

  ephemeral_storage {
    size = 100
  }
}

resource "aws_lambda_function" "big" {
  function_name = "big"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
  timeout       = 901
  memory_size   = 64
}

resource "aws_lambda_function" "edge" {
  function_name = "edge"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
  timeout       = 900
  memory_size   = 10240

  ephemeral_storage {
    size = 10240
  }
}
