from_auto = "b-auto"
memory    = 1024
