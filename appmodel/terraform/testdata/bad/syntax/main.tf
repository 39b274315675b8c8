resource "aws_lambda_function" "x" {
  function_name = 
}
