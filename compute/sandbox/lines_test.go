package sandbox

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// collector gathers emitted lines.
type collector struct {
	mu    sync.Mutex
	lines []string
}

func (c *collector) emit(l string) {
	c.mu.Lock()
	c.lines = append(c.lines, l)
	c.mu.Unlock()
}

func (c *collector) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()

	out := c.lines
	c.lines = nil

	return out
}

// TestLineReaderFlush checks Flush returns only once everything written
// before it has been emitted, unfinished lines included.
func TestLineReaderFlush(t *testing.T) {
	long := strings.Repeat("y", MaxLine+10)
	cases := []struct {
		name   string
		writes []string
		want   []string
	}{
		{"complete lines", []string{"a\nb\n"}, []string{"a", "b"}},
		{"line across writes", []string{"he", "llo\nwor", "ld\n"}, []string{"hello", "world"}},
		{"unfinished line", []string{"no newline"}, []string{"no newline"}},
		{"empty line", []string{"\n"}, []string{""}},
		{"long line is cut", []string{long + "\n"}, []string{long[:MaxLine], long[MaxLine:]}},
		{"nothing", nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()

			var c collector
			o := NewLineReader(r, c.emit)
			defer o.Close()

			for round := range 3 {
				for _, s := range tc.writes {
					if _, err := w.WriteString(s); err != nil {
						t.Fatal(err)
					}
				}
				o.Flush()

				got := c.take()
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("round %d: got %d lines of lengths %v (-want +got):\n%.400s", round, len(got), lengths(got), d)
				}
			}
		})
	}
}

// TestLineReaderFlushAfterWriterCloses checks Flush does not wait for a pipe
// whose writer is gone, and the last unfinished line still comes out.
func TestLineReaderFlushAfterWriterCloses(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}

	var c collector
	o := NewLineReader(r, c.emit)
	defer o.Close()

	_, _ = w.WriteString("last words")
	w.Close()
	o.Flush()
	<-o.Done()

	if d := cmp.Diff([]string{"last words"}, c.take()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func lengths(lines []string) []int {
	var n []int
	for _, l := range lines {
		n = append(n, len(l))
	}

	return n
}
