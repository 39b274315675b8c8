package reload_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkReload measures, through the real ldk and subprocess binaries,
// the time from writing a handler to the first request answered by the
// new code: debounce, recycling the worker and its cold start included.
// It reports the median and the maximum over b.N edits.
func BenchmarkReload(b *testing.B) {
	cases := []struct {
		name   string
		tool   string
		file   string
		source func(v string) string
		answer func(b *testing.B, d *dev) func() string
		want   func(v string) string
	}{
		{
			name: "node",
			tool: "node",
			file: filepath.Join(getOrderAsset, "index.js"),
			source: func(v string) string {
				return fmt.Sprintf("exports.handler = async () => ({ statusCode: 200, body: %q });\n", v)
			},
			answer: func(b *testing.B, d *dev) func() string {
				url := d.ready(b).APIs[0].URL + "/orders/1"
				return func() string {
					_, body := get(b, url)
					return body
				}
			},
			want: func(v string) string { return v },
		},
		{
			name: "python",
			tool: "python3",
			file: filepath.Join(receiptAsset, "receipt.py"),
			source: func(v string) string {
				return fmt.Sprintf("def make(event, context):\n    return %q\n", v)
			},
			answer: func(b *testing.B, d *dev) func() string {
				c := lambdaClient(d.ready(b).AWSEndpoint)
				return func() string { return invoke(b, c, receipt, `{}`) }
			},
			want: func(v string) string { return fmt.Sprintf("%q", v) },
		},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			need(b, bc.tool)
			dir := fixture(b, "cdk/orders-http")
			d := startDev(b, "--cdk-out", filepath.Join(dir, "cdk.out"))
			path := filepath.Join(dir, bc.file)
			answer := bc.answer(b, d)
			answer() // warm the worker the first edit replaces

			var took, reload []time.Duration
			i := 0
			for b.Loop() {
				i++
				v := fmt.Sprintf("v%d", i)
				mark := d.logs.mark()
				start := time.Now()
				write(b, path, bc.source(v))
				for answer() != bc.want(v) {
					time.Sleep(time.Millisecond) // leave the CPU to the reload
				}
				took = append(took, time.Since(start))
				reload = append(reload, tookOf(b, d.logs.await(b, mark, "reloaded")))
			}
			slices.Sort(took)
			slices.Sort(reload)
			b.ReportMetric(ms(took[len(took)/2]), "median-ms")
			b.ReportMetric(ms(took[len(took)-1]), "max-ms")
			// The part before the cold start: file event to workers replaced.
			b.ReportMetric(ms(reload[len(reload)/2]), "reload-median-ms")
		})
	}
}

// tookOf reads the took= field of a reload line.
func tookOf(b *testing.B, line string) time.Duration {
	_, after, ok := strings.Cut(line, "took=")
	if !ok {
		b.Fatalf("no took= in %q", line)
	}
	d, err := time.ParseDuration(strings.Fields(after)[0])
	if err != nil {
		b.Fatalf("took= in %q: %v", line, err)
	}
	return d
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
