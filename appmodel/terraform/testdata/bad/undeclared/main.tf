resource "aws_lambda_function" "a" {
  function_name = "a"
  role          = aws_iam_role.nope.arn
  handler       = "${local.missing}.handler"
  runtime       = var.runtime
  filename      = "a.zip"
}
