package reload

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/go-hclog"
)

// TestSynthOutcomes checks the line each way a synth can end logs.
func TestSynthOutcomes(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("sh is not on PATH: the synth command runs with it")
	}
	cases := []struct {
		name    string
		command string
		timeout time.Duration
		want    map[string]any
		// wantOut are lines the app's output must hold.
		wantOut      []string
		ignoreStderr bool
	}{
		{
			name:    "succeeds",
			command: "echo synthesized",
			want:    map[string]any{"@level": "info", "@message": "synthesized", "why": "lib/stack.ts changed"},
			wantOut: []string{"synthesized"},
		},
		{
			name: "fails",
			// Twelve lines of stderr: the last ten are logged.
			command: `echo to stdout; for i in 1 2 3 4 5 6 7 8 9 10 11; do echo "line $i" >&2; done; echo "Error: no stack" >&2; exit 3`,
			want: map[string]any{"@level": "error", "@message": "synth failed; still serving the last assembly",
				"command": `echo to stdout; for i in 1 2 3 4 5 6 7 8 9 10 11; do echo "line $i" >&2; done; echo "Error: no stack" >&2; exit 3`,
				"status":  "exit status 3", "why": "lib/stack.ts changed",
				"stderr": "line 3\nline 4\nline 5\nline 6\nline 7\nline 8\nline 9\nline 10\nline 11\nError: no stack"},
			wantOut: []string{"to stdout", "line 1", "Error: no stack"},
		},
		{
			name:    "killed by a signal",
			command: `sh -c 'kill -s KILL $$'`,
			want: map[string]any{"@level": "error", "@message": "synth failed; still serving the last assembly",
				"command": `sh -c 'kill -s KILL $$'`, "status": "exit status 137 (killed by signal 9: killed)",
				"why": "lib/stack.ts changed"},
			// The shell words the kill on stderr in its own way.
			ignoreStderr: true,
		},
		{
			name:    "hangs past its bound",
			command: "sleep 300",
			timeout: 200 * time.Millisecond,
			want: map[string]any{"@level": "error",
				"@message": "the synth ran longer than its bound and was stopped; still serving the last assembly",
				"command":  "sleep 300", "bound": "200ms", "why": "lib/stack.ts changed"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var logs, out lockedBuffer
			s, err := NewSynth(SynthConfig{ProjectDir: dir, Command: tc.command, OutDir: filepath.Join(dir, "cdk.out"),
				Timeout: tc.timeout, Out: &out, Logger: jsonLogger(&logs)})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			s.synth(context.Background(), "lib/stack.ts")

			lines := logLines(t, logs.String())
			if len(lines) != 1 {
				t.Fatalf("logged %d lines, want 1:\n%s", len(lines), logs.String())
			}
			got := lines[0]
			delete(got, "@timestamp")
			delete(got, "took")
			if tc.ignoreStderr {
				delete(got, "stderr")
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("log line (-want +got):\n%s", d)
			}
			outLines := strings.Split(out.String(), "\n")
			for _, w := range tc.wantOut {
				if !slices.Contains(outLines, w) {
					t.Errorf("the app's output lacks the line %q:\n%s", w, out.String())
				}
			}
		})
	}
}

// jsonLogger logs JSON lines to w at debug level, so tests read fields
// exactly.
func jsonLogger(w *lockedBuffer) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{Output: w, JSONFormat: true, Level: hclog.Debug})
}

// logLines decodes JSON log lines.
func logLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestTailWriter checks the stderr tail a failed synth logs.
func TestTailWriter(t *testing.T) {
	cases := []struct {
		name   string
		writes []string
		want   string
	}{
		{name: "nothing", want: ""},
		{name: "one line in pieces", writes: []string{"Err", "or: no ", "stack\n"}, want: "Error: no stack"},
		{name: "last ten lines", writes: []string{"1\n2\n3\n4\n5\n6\n", "7\n8\n9\n10\n11\n12"},
			want: "3\n4\n5\n6\n7\n8\n9\n10\n11\n12"},
		{name: "last 4096 bytes of a long line", writes: []string{strings.Repeat("a", 5000), strings.Repeat("b", 96)},
			want: strings.Repeat("a", 4000) + strings.Repeat("b", 96)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var w tailWriter
			for _, s := range tc.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("Write(%d bytes) = %d, %v", len(s), n, err)
				}
			}
			if got := w.String(); got != tc.want {
				t.Errorf("tail = %q, want %q", got, tc.want)
			}
		})
	}
}
