variable "name" {
  type = string
}

variable "dir" {
  type = string
}

variable "runtime" {
  type    = string
  default = "nodejs20.x"
}

data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${var.dir}/h"
  output_path = "${path.root}/build/${var.name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  runtime       = var.runtime
  handler       = "index.handler"
  filename      = data.archive_file.code.output_path
}

output "name" {
  value = aws_lambda_function.this.function_name
}

output "invoke_arn" {
  value = aws_lambda_function.this.invoke_arn
}
