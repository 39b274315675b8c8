variable "prefix" {
  type = string
}

variable "code_root" {
  type = string
}

module "fn" {
  source  = "./modules/fn"
  name    = "${var.prefix}-nested"
  dir     = var.code_root
  runtime = "nodejs22.x"
}

resource "aws_apigatewayv2_api" "this" {
  name          = "${var.prefix}-api"
  protocol_type = "HTTP"
  target        = module.fn.invoke_arn
}

output "fn_name" {
  value = module.fn.name
}
