# What the functions reference by name or URL, and the layer the hello
# function loads ldk-greeting from.

resource "aws_dynamodb_table" "items" {
  name         = "ldk-example-items"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "orders" {
  # The name ldk gives the CDK twin's unnamed queue, so QUEUE_URL matches.
  name = "LdkExample-OrdersQueue3DFA1D51"
}

data "archive_file" "greeting" {
  type        = "zip"
  source_dir  = "${path.module}/../cdk/layers/greeting"
  output_path = "${path.module}/build/greeting-layer.zip"
}

resource "aws_lambda_layer_version" "greeting" {
  layer_name          = "ldk-example-greeting"
  description         = "ldk-greeting: a node module the hello function loads from /opt/nodejs/node_modules"
  filename            = data.archive_file.greeting.output_path
  source_code_hash    = data.archive_file.greeting.output_base64sha256
  compatible_runtimes = ["nodejs20.x"]
}

resource "aws_lambda_function_url" "counter" {
  function_name      = aws_lambda_function.fn["counter"].function_name
  authorization_type = "NONE"
}
