locals {
  c = "fine"
  a = "${local.b}-x"
  b = upper(local.a)
}
