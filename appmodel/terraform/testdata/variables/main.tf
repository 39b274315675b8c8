variable "region" {
  type = string
}

variable "stage" {
  type    = string
  default = "default-stage"
}

variable "owner" {
  type    = string
  default = "nobody"
}

variable "memory" {
  type    = number
  default = 128
}

variable "sizes" {
  type    = map(number)
  default = { small = 1 }
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "routes" {
  type = list(object({
    path   = string
    method = optional(string, "GET")
  }))
  default = [{ path = "/a" }, { path = "/b", method = "POST" }]
}

variable "from_auto" {
  type = string
}

variable "from_file" {
  type    = string
  default = "default"
}

provider "aws" {
  region = var.region
}

resource "aws_lambda_function" "fn" {
  function_name = "vars-${var.stage}"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "missing.zip"
  memory_size   = var.memory + var.sizes["small"]
  environment {
    variables = merge(var.tags, {
      OWNER     = var.owner
      FROM_AUTO = var.from_auto
      FROM_FILE = var.from_file
      ROUTES    = join(",", [for r in var.routes : "${r.method} ${r.path}"])
      WORKSPACE = terraform.workspace
    })
  }
}
