package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// unservedApp is an HTTP API whose GET /ext goes to an HTTP_PROXY
// integration and whose $default route reaches a node function that
// echoes what it got.
const unservedApp = `
data "archive_file" "echo" {
  type        = "zip"
  output_path = "${path.module}/build/echo.zip"
  source {
    filename = "index.js"
    content  = <<-EOT
      exports.handler = async (event) => ({
        statusCode: 200,
        body: JSON.stringify({ route: event.routeKey, b64: event.isBase64Encoded, body: event.body || null }),
      });
    EOT
  }
}

resource "aws_lambda_function" "echo" {
  function_name = "echo"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = data.archive_file.echo.output_path
}

resource "aws_apigatewayv2_api" "http" {
  name          = "front"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "echo" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.echo.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_integration" "ext" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "https://backend.invalid/ext"
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.echo.id}"
}

resource "aws_apigatewayv2_route" "ext" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /ext"
  target    = "integrations/${aws_apigatewayv2_integration.ext.id}"
}
`

// TestUnservedRouteAndFormBody runs ldk dev on an app with a route ldk
// does not serve: that route answers the gateway's 500 instead of running
// the $default function, other paths reach it, and a form body arrives
// base64-encoded as API Gateway sends it.
func TestUnservedRouteAndFormBody(t *testing.T) {
	t.Parallel()
	needTools(t, "node")
	app := t.TempDir()
	if err := os.WriteFile(filepath.Join(app, "main.tf"), []byte(unservedApp), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startFaultDev(t, buildLDK(t), app)
	api := s.apiURL(t)

	code, body := get(t, api+"/ext")
	if code != http.StatusInternalServerError || body != `{"message":"Internal Server Error"}` {
		t.Errorf("GET /ext = %d %s, want 500 {\"message\":\"Internal Server Error\"}", code, body)
	}
	s.waitLog(t, regexp.MustCompile(`route not served.*route="GET /ext" integration=HTTP_PROXY`))

	code, body = get(t, api+"/other")
	if code != http.StatusOK || body != `{"route":"$default","b64":false,"body":null}` {
		t.Errorf("GET /other = %d %s, want the $default function's answer", code, body)
	}

	resp, err := http.Post(api+"/form", "application/x-www-form-urlencoded", strings.NewReader("a=1&b=2"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if want := `{"route":"$default","b64":true,"body":"YT0xJmI9Mg=="}`; resp.StatusCode != http.StatusOK || string(got) != want {
		t.Errorf("POST /form = %d %s, want 200 %s", resp.StatusCode, got, want)
	}
}
