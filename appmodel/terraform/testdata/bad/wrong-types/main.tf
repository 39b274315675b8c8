data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "f" {
  function_name = "typed"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
  timeout       = "abc"
  memory_size   = "lots"

  ephemeral_storage {
    size = "x"
  }
}
