# Locals are declared out of order on purpose.
locals {
  env = {
    LOWER      = lower(local.upper)
    FILE       = chomp(file("${path.module}/files/greeting.txt"))
    FILE_OK    = tostring(fileexists("${path.module}/files/greeting.txt"))
    FILE_NO    = tostring(fileexists("${path.module}/files/none.txt"))
    SHA        = filesha256("${path.module}/files/greeting.txt")
    B64SHA     = filebase64sha256("files/greeting.txt")
    B64        = filebase64("files/greeting.txt")
    TEMPLATE   = templatefile("${path.module}/files/msg.tpl", { name = "ann", tags = ["a", "b"] })
    ABS_IS_MOD = tostring(abspath("files") == "${path.module}/files")
    BASENAME   = basename(path.module)
    JSON       = jsonencode({ b = [1, 2], a = "x" })
    DECODED    = jsondecode("{\"k\": \"v\"}").k
    LOOKUP     = lookup({ a = "1" }, "b", "fallback")
    TRY        = try(local.upper.x, "tried")
    CAN        = tostring(can(regex("^[0-9]+$", "12a")))
    COALESCE   = coalesce("", "second")
    FORMAT     = format("%s-%03d", "id", 7)
    REPLACE    = replace("a-b-c", "-", "_")
    REGEXREP   = replace("v1.2.3", "/[0-9]+/", "N")
    LENGTH_STR = tostring(length("héllo"))
    LENGTH_SET = tostring(length(toset(["a", "b", "a"])))
    SPLIT      = join("|", split(",", "x,y"))
    CONDITION  = local.count > 2 ? "many" : "few"
    B64ENC     = base64encode("ldk")
    SHA256     = sha256("ldk")
    STARTS     = tostring(startswith("ldk-dev", "ldk"))
    INDEX      = tostring(index(["a", "b", "c"], "c"))
    UPPER_KEYS = join(",", [for k, v in { b = 1, a = 2 } : upper(k)])
    SORTED     = join(",", sort(["b", "c", "a"]))
    DATE       = formatdate("YYYY-MM-DD", "2024-02-03T04:05:06Z")
  }
  upper = "MiXeD"
  count = 3
}

resource "aws_lambda_function" "fn" {
  function_name = "functions"
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "code-bucket"
  s3_key        = "fn.zip"
  environment {
    variables = local.env
  }
}
