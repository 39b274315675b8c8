variable "stage" {
  type = string
}

variable "region" {
  default = "eu-west-1"
}

locals {
  name = "svc-${var.stage}"
}
