package terraform

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds one main.tf body to the reader: whatever the input, Load
// returns a model or an *Error that renders, and never panics.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "main.tf"))
	seeds = append(seeds, filepath.Join(fixtureDir, "main.tf"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`locals { a = local.a }`)
	f.Add(`resource "aws_lambda_function" "f" { count = -1 }`)
	f.Add(`resource "aws_lambda_function" "f" { for_each = toset([null]) }`)
	f.Add(`variable "v" { type = list(object({ a = optional(string, "x") })) }`)
	f.Add(`resource "x_y" "z" { dynamic "b" { for_each = [1] content { v = b.value } } }`)
	f.Add(`output "o" { value = aws_lambda_function.nope[*].arn }`)

	f.Fuzz(func(t *testing.T, body string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		app, err := Load(dir, Options{Environ: []string{}, CacheDir: filepath.Join(dir, ".cache")})
		if err != nil {
			var te *Error
			if !errors.As(err, &te) {
				t.Fatalf("Load error %T %v, want *Error", err, err)
			}
			var buf bytes.Buffer
			if werr := WriteDiagnostics(&buf, err); werr != nil {
				t.Fatal(werr)
			}
			return
		}
		if app.Functions == nil || app.Routes == nil {
			t.Fatalf("model lists are not normalized: %+v", app)
		}
	})
}
