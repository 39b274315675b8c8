variable "name" {
  type = string
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  runtime       = "python3.12"
  handler       = "index.handler"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest"
  package_type  = "Image"
}
