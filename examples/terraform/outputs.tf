output "http_api_url" {
  description = "Base URL of the HTTP API."
  value       = aws_apigatewayv2_stage.http.invoke_url
}

output "rest_api_url" {
  description = "Base URL of the REST API's dev stage."
  value       = aws_api_gateway_stage.dev.invoke_url
}

output "counter_url" {
  description = "The counter function's URL."
  value       = aws_lambda_function_url.counter.function_url
}
