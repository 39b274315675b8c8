locals {
  stage = "override"
}
