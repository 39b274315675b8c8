variable "name" {
  type = string
}

variable "code" {
  type = string
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = var.code
  timeout       = 30
}

output "arn" {
  value = aws_lambda_function.this.arn
}
