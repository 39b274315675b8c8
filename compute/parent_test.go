package compute

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestWatchParent(t *testing.T) {
	tests := []struct {
		name     string
		parents  []int // what getppid answers, call by call; the last repeats
		wantExit bool
	}{
		{name: "the parent goes away", parents: []int{4242, 4242, 1}, wantExit: true},
		{name: "the parent stays", parents: []int{4242}},
		{name: "started by init: nothing to watch", parents: []int{1, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			getppid := func() int {
				n := int(calls.Add(1)) - 1
				return tt.parents[min(n, len(tt.parents)-1)]
			}
			exited := make(chan struct{})
			stop := watchParent(getppid, time.Millisecond, func() { close(exited) })
			defer stop()
			if tt.wantExit {
				<-exited // the test's own timeout bounds a watcher that never sees it
				return
			}
			if tt.parents[0] <= 1 {
				if n := calls.Load(); n != 1 {
					t.Errorf("getppid called %d times, want once: nothing to watch", n)
				}
				return
			}
			// Let the watcher poll a few times, then check it did not exit.
			for calls.Load() < 6 {
				time.Sleep(time.Millisecond)
			}
			select {
			case <-exited:
				t.Errorf("the plugin exited although its parent stayed")
			default:
			}
		})
	}
}
