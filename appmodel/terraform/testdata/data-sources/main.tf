provider "aws" {
  region = "eu-central-1"
}

provider "aws" {
  alias  = "us"
  region = "us-west-2"
}

data "aws_caller_identity" "me" {}
data "aws_region" "here" {}
data "aws_partition" "p" {}

data "aws_ssm_parameter" "secret" {
  name = "/app/secret"
}

resource "aws_lambda_function" "fn" {
  function_name = "data-${data.aws_region.here.name}"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "b"
  s3_key        = "k"
  environment {
    variables = {
      ACCOUNT   = data.aws_caller_identity.me.account_id
      PARTITION = data.aws_partition.p.partition
      SUFFIX    = data.aws_partition.p.dns_suffix
      SECRET    = data.aws_ssm_parameter.secret.value
    }
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
  statement {
    sid       = "Read"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.me.account_id]
    }
  }
}

resource "aws_lambda_function" "policy" {
  function_name = "policy"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "b"
  s3_key        = "k"
  environment {
    variables = { POLICY = data.aws_iam_policy_document.assume.json }
  }
}
