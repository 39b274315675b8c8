variable "memory" {
  default = 128
}

locals {
  stage = "base"
}

resource "aws_lambda_function" "fn" {
  function_name = "ov-${local.stage}"
  runtime       = "nodejs18.x"
  handler       = "index.handler"
  s3_bucket     = "b"
  s3_key        = "k"
  memory_size   = var.memory
  timeout       = 10
  environment {
    variables = { FROM = "base", KEEP = "no" }
  }
}

resource "aws_sqs_queue" "q" {
  name = "ov-queue"
  lifecycle {
    ignore_changes        = [name_prefix, tags]
    create_before_destroy = true
  }
  provisioner "local-exec" {
    command = "echo ${self.arn}"
  }
}
