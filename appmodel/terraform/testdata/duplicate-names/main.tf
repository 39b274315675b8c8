module "a" {
  source = "./mod"
}

module "b" {
  source = "./mod"
}
