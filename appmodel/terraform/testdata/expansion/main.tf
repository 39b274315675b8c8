variable "workers" {
  default = 2
}

locals {
  queues = { orders = 10, emails = 5 }
}

data "archive_file" "w" {
  count       = 1
  type        = "zip"
  source_dir  = "${path.module}/src/w"
  output_path = "${path.module}/build/w.zip"
}

resource "aws_sqs_queue" "q" {
  for_each = local.queues
  name     = "q-${each.key}"
}

resource "aws_lambda_function" "workers" {
  count         = var.workers
  function_name = "worker-${count.index}"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.w[0].output_path
  architectures = count.index == 0 ? ["arm64"] : ["x86_64"]

  environment {
    variables = {
      QUEUES = join(",", [for k in sort(keys(aws_sqs_queue.q)) : aws_sqs_queue.q[k].url])
      INDEX  = count.index
    }
  }

  dynamic "ephemeral_storage" {
    for_each = count.index == 1 ? [1024] : []
    content {
      size = ephemeral_storage.value
    }
  }
}

resource "aws_lambda_event_source_mapping" "q" {
  for_each         = aws_sqs_queue.q
  function_name    = aws_lambda_function.workers[0].arn
  event_source_arn = each.value.arn
  batch_size       = local.queues[each.key]
}

module "pool" {
  source   = "./modules/worker"
  for_each = toset(["blue", "green"])
  name     = "pool-${each.key}"
  code     = data.archive_file.w[0].output_path
}

module "extra" {
  source = "./modules/worker"
  count  = 0
  name   = "never"
  code   = "none.zip"
}

resource "aws_lambda_function_url" "all" {
  count              = length(aws_lambda_function.workers)
  function_name      = (aws_lambda_function.workers[*].function_name)[count.index]
  authorization_type = "AWS_IAM"
}

output "pool_arns" {
  value = [for m in module.pool : m.arn]
}
