data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "worker" {
  function_name = "ev-worker"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_lambda_function" "step" {
  function_name = "ev-step"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = data.archive_file.code.output_path
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_dynamodb_table" "t" {
  name         = "things"
  hash_key     = "id"
  stream_enabled = true
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.function_name
  batch_size       = 5
}

resource "aws_lambda_event_source_mapping" "stream" {
  event_source_arn  = aws_dynamodb_table.t.stream_arn
  function_name     = aws_lambda_function.worker.arn
  starting_position = "LATEST"
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly"
  schedule_expression = "cron(0 3 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule  = aws_cloudwatch_event_rule.nightly.name
  arn   = aws_lambda_function.worker.arn
  input = jsonencode({ job = "cleanup" })
}

resource "aws_cloudwatch_event_rule" "orders" {
  name = "orders"
  event_pattern = jsonencode({
    source        = ["shop.orders"]
    "detail-type" = ["OrderPlaced"]
  })
}

resource "aws_cloudwatch_event_target" "orders" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = aws_lambda_function.worker.arn
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-bucket"
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.worker.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "in/"
    filter_suffix       = ".csv"
  }
}

resource "aws_sfn_state_machine" "flow" {
  name     = "flow"
  role_arn = aws_iam_role.sfn.arn
  definition = jsonencode({
    StartAt = "Step"
    States = {
      Step = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = aws_lambda_function.step.arn
          "Payload.$"  = "$"
        }
        Next = "Direct"
      }
      Direct = {
        Type     = "Task"
        Resource = aws_lambda_function.worker.arn
        End      = true
      }
    }
  })
}

resource "aws_iam_role" "sfn" {
  name               = "sfn-role"
  assume_role_policy = "{}"
}

locals {
  prefixes = { raw = "raw/", done = "done/" }
}

resource "aws_s3_bucket_notification" "logs" {
  bucket = "logs-bucket"
  dynamic "lambda_function" {
    for_each = local.prefixes
    iterator = p
    content {
      lambda_function_arn = p.key == "raw" ? aws_lambda_function.worker.arn : aws_lambda_function.step.arn
      events              = ["s3:ObjectCreated:Put"]
      filter_prefix       = p.value
    }
  }
}
