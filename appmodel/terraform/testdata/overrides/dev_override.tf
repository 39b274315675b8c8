variable "memory" {
  default = 2048
}

resource "aws_lambda_function" "fn" {
  runtime = "nodejs20.x"
  environment {
    variables = { FROM = "override" }
  }
}
