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

func TestLoadNotADirectory(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "nowhere"), Options{})
	want := `reading terraform directory "testdata/nowhere": not a directory`
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %q", err, want)
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
