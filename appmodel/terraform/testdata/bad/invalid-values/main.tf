variable "n" {
  type    = number
  default = "abc"
}

resource "aws_sqs_queue" "q" {
  for_each = ["a", "b"]
  name     = each.value
}

resource "aws_sqs_queue" "r" {
  count = "many"
}

locals {
  bad = unknownfn(1)
}
