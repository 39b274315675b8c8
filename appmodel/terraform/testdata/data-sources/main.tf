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
