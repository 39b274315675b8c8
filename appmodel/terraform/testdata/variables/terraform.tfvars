stage  = "tfvars"
memory = 512
owner  = "tfvars-owner"
