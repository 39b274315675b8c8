locals {
  prefix = "mods"
}

module "api" {
  source    = "./modules/api"
  prefix    = local.prefix
  code_root = "${path.module}/src"
}

module "registry_fn" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"
  name    = "${local.prefix}-from-registry"
}

resource "aws_lambda_function_url" "inner" {
  function_name      = module.api.fn_name
  authorization_type = "NONE"
}
