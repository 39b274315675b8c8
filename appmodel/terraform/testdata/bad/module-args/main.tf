module "m" {
  source = "./mod"
  colour = "blue"
}

output "x" {
  value = module.nope.out
}
