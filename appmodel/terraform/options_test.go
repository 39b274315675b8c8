package terraform

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOptionsCacheDir(t *testing.T) {
	userCache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no user cache directory on this machine: %v", err)
	}
	tests := []struct {
		name string
		opts Options
		env  string
		want string
	}{
		{"explicit", Options{CacheDir: "/x/cache"}, "/from/env", "/x/cache"},
		{"from LDK_CACHE_DIR", Options{}, "/from/env", "/from/env"},
		{"default", Options{}, "", filepath.Join(userCache, "ldk")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LDK_CACHE_DIR", tt.env)
			if got := tt.opts.cacheDir(); got != tt.want {
				t.Errorf("cacheDir() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOptionsEnviron(t *testing.T) {
	t.Setenv("TF_VAR_stage", "from-process")
	dir := t.TempDir()
	body := "variable \"stage\" {}\nresource \"aws_lambda_function\" \"f\" {\n  function_name = \"fn-${var.stage}\"\n  s3_bucket = \"b\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		environ []string
		want    string
	}{
		{"nil reads the process environment", nil, "fn-from-process"},
		{"given list", []string{"TF_VAR_stage=given"}, "fn-given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, err := Load(dir, Options{Environ: tt.environ, CacheDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if len(app.Functions) != 1 || app.Functions[0].Name != tt.want {
				t.Errorf("functions = %+v, want one named %q", app.Functions, tt.want)
			}
		})
	}

	if _, err := Load(dir, Options{Environ: []string{}, CacheDir: t.TempDir()}); err == nil {
		t.Error("Load with an empty environment succeeded, want the missing variable error")
	}
}

func TestLoadWrongDirectory(t *testing.T) {
	tests := []struct {
		name, dir, want string
	}{
		{"missing", filepath.Join("testdata", "nowhere"),
			`reading terraform directory "testdata/nowhere": not a directory`},
		{"no terraform files", filepath.Join("testdata", "funcfiles"),
			`reading terraform directory "testdata/funcfiles": no .tf or .tf.json files there; point --tf at the root module directory`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.dir, Options{Environ: []string{}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load error = %v, want %q", err, tt.want)
			}
		})
	}
}

func BenchmarkLoadFixture(b *testing.B) {
	if _, err := os.Stat(fixtureDir); err != nil {
		b.Skipf("shared fixtures not found beside the repository: %v", err)
	}
	cache := b.TempDir()
	for b.Loop() {
		if _, err := Load(fixtureDir, Options{Environ: []string{}, CacheDir: cache}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadExpansion(b *testing.B) {
	cache := b.TempDir()
	dir := filepath.Join("testdata", "expansion")
	for b.Loop() {
		if _, err := Load(dir, Options{Environ: []string{}, CacheDir: cache}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestVariableOptionErrors(t *testing.T) {
	dir := t.TempDir()
	body := "variable \"n\" {\n  type = number\n  default = 1\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"undeclared -var", Options{Vars: []string{"nope=1"}},
			`error: Value for undeclared variable: A variable named "nope" was assigned with --var, but the root module does not declare it. Declare it with a variable "nope" {} block, or remove the --var.`},
		{"not name=value", Options{Vars: []string{"garbage"}},
			`error: Invalid --var option: The value "garbage" is not of the form name=value.`},
		{"wrong type", Options{Vars: []string{"n=\"abc\""}},
			`--var n:1:1: error: Invalid value for variable: The value given for variable "n" is not a valid number: a number is required.`},
		{"missing var file", Options{VarFiles: []string{filepath.Join(dir, "none.tfvars")}},
			`error: Failed to read file: The configuration file "` + filepath.Join(dir, "none.tfvars") + `" could not be read.`},
		{"ldk.yaml value of the wrong type", Options{Variables: map[string]any{"n": []any{"x"}}},
			filepath.Join(dir, "main.tf") + `:1:1: error: Invalid value for variable: The value given for variable "n" is not a valid number: number required, but have tuple.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Environ, tt.opts.CacheDir = []string{}, t.TempDir()
			_, err := Load(dir, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load error =\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}
