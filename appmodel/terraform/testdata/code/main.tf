resource "aws_lambda_layer_version" "greeter" {
  layer_name          = "greeter"
  filename            = "${path.module}/pkg/layer.zip"
  compatible_runtimes = ["nodejs20.x"]
}

resource "aws_lambda_function" "zipped" {
  function_name                  = "zipped"
  runtime                        = "nodejs20.x"
  handler                        = "index.handler"
  filename                       = "pkg/fn.zip"
  layers                         = [aws_lambda_layer_version.greeter.arn, "arn:aws:lambda:us-east-1:999999999999:layer:external:3"]
  reserved_concurrent_executions = 4
  memory_size                    = 1769
  timeout                        = 30
}

data "archive_file" "single" {
  type        = "zip"
  source_file = "${path.module}/single/app.py"
  output_path = "${path.module}/build/single.zip"
}

resource "aws_lambda_function" "single" {
  function_name = "single"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = data.archive_file.single.output_path
  architectures = ["arm64"]
}

resource "archive_file" "inline" {
  type        = "zip"
  output_path = "${path.module}/build/inline.zip"
  source {
    content  = "exports.handler = async () => 'inline';"
    filename = "index.js"
  }
}

resource "aws_lambda_function" "inline" {
  function_name = "inline"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = archive_file.inline.output_path
  ephemeral_storage {
    size = 2048
  }
}

resource "aws_lambda_alias" "live" {
  name          = "live"
  function_name = aws_lambda_function.single.function_name
}

resource "aws_lambda_function_url" "live" {
  function_name      = aws_lambda_alias.live.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = "NONE"
}

resource "aws_lambda_function" "image" {
  function_name = "image"
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"
}
