package cdk

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoad reads each shared fixture's cloud assembly into a model,
// side by side.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"orders-http", "rest-layers"} {
		dir := filepath.Join(fixtureDir, name)
		if _, err := os.Stat(dir); err != nil {
			b.Skipf("shared fixtures are not beside the clone (%v)", err)
		}
		cache := b.TempDir()
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(Options{ProjectDir: dir, CacheDir: cache}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
